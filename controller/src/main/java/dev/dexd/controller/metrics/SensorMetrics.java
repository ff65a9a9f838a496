package dev.dexd.controller.metrics;

import dev.dexd.common.sensing.SourceState;
import dev.dexd.controller.counters.SensorCounter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.Consumer;

/**
 * The sensor sources' counters ({@link SensorCounter}) as Prometheus families, labelled by source,
 * reason and kind: {@code dexd_sensor_samples{source}}, {@code dexd_sensor_rejected{source,reason}},
 * {@code dexd_sensor_up{source}} (1 while running) and {@code dexd_sensor_stale_ticks{kind}}. Read
 * when scraped, from whatever counters {@code scan} walks.
 */
public final class SensorMetrics {
    /** One counter as scanned. */
    public record Entry(int typeId, String label, long value) {
    }

    private SensorMetrics() {
    }

    /** @param scan hands every counter of the file to its argument */
    public static void register(PrometheusRegistry registry, Consumer<Consumer<Entry>> scan) {
        CounterWithCallback.builder().name("dexd_sensor_samples").help("Samples published by each sensor source.")
            .labelNames("source").callback(cb -> scan.accept(e -> {
                if (e.typeId() == SensorCounter.SAMPLES.typeId()) {
                    cb.call(e.value(), SensorCounter.subject(e.label()));
                }
            })).register(registry);
        CounterWithCallback.builder().name("dexd_sensor_rejected").help("Inputs a sensor source rejected, by reason.")
            .labelNames("source", "reason").callback(cb -> scan.accept(e -> {
                if (e.typeId() == SensorCounter.REJECTED.typeId()) {
                    cb.call(e.value(), SensorCounter.subject(e.label()), SensorCounter.detail(e.label()));
                }
            })).register(registry);
        GaugeWithCallback.builder().name("dexd_sensor_up").help("1 while a sensor source runs, 0 when it failed or stopped.")
            .labelNames("source").callback(cb -> scan.accept(e -> {
                if (e.typeId() == SensorCounter.STATE.typeId()) {
                    cb.call(e.value() == SourceState.RUNNING.ordinal() ? 1 : 0, SensorCounter.subject(e.label()));
                }
            })).register(registry);
        GaugeWithCallback.builder().name("dexd_sensor_value").help("A sensor source's own health figures, by name"
                + " (the Giiker cube's battery_percent, connected, reconnects, ...).")
            .labelNames("source", "name").callback(cb -> scan.accept(e -> {
                if (e.typeId() == SensorCounter.EXTRA.typeId()) {
                    cb.call(e.value(), SensorCounter.subject(e.label()), SensorCounter.detail(e.label()));
                }
            })).register(registry);
        CounterWithCallback.builder().name("dexd_sensor_stale_ticks").help("Control ticks a kind of input was too old.")
            .labelNames("kind").callback(cb -> scan.accept(e -> {
                if (e.typeId() == SensorCounter.STALE.typeId()) {
                    cb.call(e.value(), SensorCounter.subject(e.label()));
                }
            })).register(registry);
    }
}
