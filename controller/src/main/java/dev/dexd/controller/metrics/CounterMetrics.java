package dev.dexd.controller.metrics;

import dev.dexd.controller.counters.DexdCounter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Every {@link DexdCounter} as a Prometheus metric, read when scraped from the counters (the live
 * daemon's or, for {@code dexd stat --prometheus}, another process's file): never from the control
 * thread. Related counters share a family with a label (holds by reason, faults by kind). The switch
 * has no default, so a new counter does not compile until it has its metric.
 */
public final class CounterMetrics {
    /** How one counter is exported. */
    record Export(String family, boolean counter, String help, String label, String labelValue, double scale) {
    }

    private CounterMetrics() {
    }

    static Export of(DexdCounter c) {
        return switch (c) {
            case STEPS -> counter("dexd_steps", "Control steps run.");
            case OVERRUNS -> counter("dexd_overruns", "Ticks skipped because a step overran its period.");
            case WORST_LATENESS_NS -> gauge("dexd_worst_tick_lateness_seconds", "Worst tick lateness so far.", 1e-9);
            case WORST_INFERENCE_NS -> gauge("dexd_worst_inference_seconds", "Worst policy inference time so far.", 1e-9);
            case STALE_SENSOR_HOLDS -> hold("stale_sensor");
            case NONFINITE_HOLDS -> hold("nonfinite");
            case POLICY_ERRORS -> hold("policy_error");
            case SAFETY_CLIPS -> counter("dexd_safety_clips", "Steps whose targets the supervisor clipped.");
            case LOST_LOG_RECORDS -> counter("dexd_lost_log_records", "Step log records lost (ring full or write failed).");
            case SUBGOALS_DONE -> labelled(true, "dexd_subgoals", "Subgoals ended, by result.", "result", "done");
            case SUBGOALS_FAILED -> labelled(true, "dexd_subgoals", "Subgoals ended, by result.", "result", "failed");
            case EPISODE -> gauge("dexd_episode", "Current episode number.", 1);
            case ESTOP_LATCHED -> gauge("dexd_estop_latched", "1 while the e-stop is latched.", 1);
            case HEARTBEAT_MS -> gauge("dexd_heartbeat_timestamp_seconds", "Last heartbeat of the control loop.", 1e-3);
            case STATE -> gauge("dexd_state", "0 configure, 1 ready, 2 running, 3 stopping.", 1);
            case LOG_FAILING -> gauge("dexd_log_failing", "1 once the logger failed to write a record.", 1);
            case LOG_FREE_MB -> gauge("dexd_log_free_bytes", "Free space on the step log's file system.", 1 << 20);
            case DRIVER_ERRORS -> fault("driver");
            case FOLLOWING_ERROR_TRIPS -> fault("following_error");
            case CONTROL_ERRORS -> fault("control");
            case SENSORS_ERRORS -> fault("sensors");
            case CONSOLE_ERRORS -> fault("console");
            case HEALTH_ERRORS -> fault("health");
            case LOG_RUNS_DELETED -> counter("dexd_log_runs_deleted", "Old run logs deleted by log retention.");
            case ESTOPS -> counter("dexd_estops", "Times the e-stop was latched.");
        };
    }

    private static Export counter(String family, String help) {
        return new Export(family, true, help, null, null, 1);
    }

    private static Export gauge(String family, String help, double scale) {
        return new Export(family, false, help, null, null, scale);
    }

    private static Export labelled(boolean counter, String family, String help, String label, String value) {
        return new Export(family, counter, help, label, value, 1);
    }

    private static Export hold(String reason) {
        return labelled(true, "dexd_holds", "Control steps held, by reason.", "reason", reason);
    }

    private static Export fault(String kind) {
        return labelled(true, "dexd_faults", "Faults counted, by kind (each also an event in the step log).", "kind", kind);
    }

    /** Registers one metric family per exported name; {@code read} gives a counter's current value. */
    public static void register(PrometheusRegistry registry, ToLongFunction<DexdCounter> read) {
        Map<String, List<DexdCounter>> families = new LinkedHashMap<>();
        for (DexdCounter c : DexdCounter.values()) {
            families.computeIfAbsent(of(c).family(), f -> new ArrayList<>()).add(c);
        }
        families.forEach((family, members) -> {
            Export first = of(members.get(0));
            String[] labels = first.label() == null ? new String[0] : new String[] {first.label()};
            if (first.counter()) {
                CounterWithCallback.builder().name(family).help(first.help()).labelNames(labels)
                    .callback(cb -> members.forEach(c -> cb.call(value(c, read), values(c))))
                    .register(registry);
            } else {
                GaugeWithCallback.builder().name(family).help(first.help()).labelNames(labels)
                    .callback(cb -> members.forEach(c -> cb.call(value(c, read), values(c))))
                    .register(registry);
            }
        });
    }

    private static double value(DexdCounter c, ToLongFunction<DexdCounter> read) {
        return read.applyAsLong(c) * of(c).scale();
    }

    private static String[] values(DexdCounter c) {
        Export e = of(c);
        return e.labelValue() == null ? new String[0] : new String[] {e.labelValue()};
    }
}
