package dev.dexd.cli;

import dev.dexd.controller.counters.CountersFile;
import dev.dexd.controller.counters.CountersView;
import dev.dexd.controller.counters.DaemonState;
import dev.dexd.controller.counters.DexdCounter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dexd stat}: the running daemon's live counters, read from its memory-mapped counters file
 * by this separate process (as AeronStat reads Aeron's cnc.dat). Never disturbs the daemon: the
 * file is mapped read-only.
 */
@Command(name = "stat", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Print the running daemon's live counters (steps, overruns, worst lateness, holds, clips, ...).",
        "Exit status: 0 when a running daemon's counters were found; 1 when there is no counters file, or when the"
            + " daemon that wrote it is no longer running (its last counters are printed, then one line saying so)."})
public final class StatCommand implements Callable<Integer> {
    /** A heartbeat older than this means the daemon is not updating its counters. */
    static final long STALE_AFTER_MS = 3_000;

    @Option(names = "--dir", paramLabel = "D",
        description = "The daemon's counters directory (default: /dev/shm/dexd, or <tmpdir>/dexd without /dev/shm).")
    Path dir;

    @Option(names = "--watch", arity = "0..1", fallbackValue = "1", paramLabel = "SECONDS",
        description = "Refresh in place every SECONDS (default 1) until interrupted.")
    Double watch;

    @Option(names = "--count", paramLabel = "N", description = "With --watch: stop after N refreshes.")
    Integer count;

    @Option(names = "--prometheus", description = "Print the counters once in the Prometheus text format (for"
        + " node-exporter's textfile collector: write to a temporary file, then rename it to *.prom). Nothing on"
        + " stdout and exit 1 when no live daemon wrote the counters.")
    boolean prometheus;

    @Override
    public Integer call() throws Exception {
        Path file = CountersFile.in(dir != null ? dir : CountersFile.defaultDirectory());
        if (prometheus) {
            if (watch != null) {
                throw new UserError("--prometheus prints once: run it from a timer (e.g. every 15 s) instead of --watch");
            }
            return printPrometheus(file, System.out, System.err);
        }
        if (watch == null) {
            return printOnce(file, System.out, System.err);
        }
        if (!(watch > 0)) {
            throw new UserError("--watch needs a positive number of seconds, got " + watch);
        }
        boolean live = System.console() != null;
        int exit = Dexd.OK;
        for (int i = 0; count == null || i < count; i++) {
            if (live) {
                System.out.print("\033[H\033[2J");
            } else if (i > 0) {
                System.out.println();
            }
            exit = printOnce(file, System.out, System.err);
            System.out.flush();
            if (count != null && i == count - 1) {
                break;
            }
            Thread.sleep(Math.max(1, Math.round(watch * 1000)));
        }
        return exit;
    }

    /** The counters in the text format; a dead or missing daemon prints nothing there (stale values would mislead). */
    static int printPrometheus(Path file, PrintStream out, PrintStream err) throws java.io.IOException {
        Optional<CountersView> opened;
        try {
            opened = CountersView.open(file);
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage() + ": pass the daemon's counters directory with --dir");
        }
        if (opened.isEmpty()) {
            err.println("dexd: no dexd running (no counters file at " + file + "): pass its counters directory with --dir");
            return Dexd.USER_ERROR;
        }
        try (CountersView view = opened.get()) {
            if (!view.isReady() || !view.ownerAlive()) {
                err.println("dexd: dexd (pid " + view.pid() + ") is " + (view.ownerAlive() ? "still starting" : "not running")
                    + ": no metrics printed");
                return Dexd.USER_ERROR;
            }
            io.prometheus.metrics.model.registry.PrometheusRegistry registry =
                new io.prometheus.metrics.model.registry.PrometheusRegistry();
            dev.dexd.controller.metrics.CounterMetrics.register(registry, view::value);
            java.util.List<CountersView.Entry> entries = view.entries();
            dev.dexd.controller.metrics.SensorMetrics.register(registry, sink -> entries.forEach(e ->
                sink.accept(new dev.dexd.controller.metrics.SensorMetrics.Entry(e.typeId(), e.label(), e.value()))));
            io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter.create().write(out, registry.scrape());
            out.flush();
            return Dexd.OK;
        }
    }

    /**
     * Prints one snapshot; the exit status: {@link Dexd#OK} for a live daemon's counters,
     * {@link Dexd#USER_ERROR} without a counters file or when the daemon that wrote it is dead (then
     * one line on {@code err} says so, after its last counters).
     */
    static int printOnce(Path file, PrintStream out, PrintStream err) {
        Optional<CountersView> opened;
        try {
            opened = CountersView.open(file);
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage() + ": pass the daemon's counters directory with --dir");
        }
        if (opened.isEmpty()) {
            out.println("no dexd running (no counters file at " + file + ")");
            return Dexd.USER_ERROR;
        }
        try (CountersView view = opened.get()) {
            boolean alive = view.ownerAlive();
            if (!view.isReady()) {
                if (!alive) {
                    err.println("dexd: dexd (pid " + view.pid() + ") is not running; it died while setting up " + file
                        + " (the next dexd replaces it)");
                    return Dexd.USER_ERROR;
                }
                out.println("dexd pid " + view.pid() + " is starting (counters file " + file + " not ready yet)");
                return Dexd.OK;
            }
            long now = System.currentTimeMillis();
            DaemonState state = view.state();
            long ageMs = view.heartbeatAgeMs(now);
            out.printf("dexd pid %d, up %s, state %s, heartbeat %.1f s ago%n", view.pid(),
                human(Duration.ofMillis(Math.max(0, now - view.startTimeMs()))),
                state == null ? "unknown (" + view.value(DexdCounter.STATE) + ")" : state.displayName(), ageMs / 1e3);
            out.println("counters: " + file + " (started " + Instant.ofEpochMilli(view.startTimeMs()) + ")");
            for (CountersView.Entry e : view.entries()) {
                out.printf("%3d: %,20d - %s%s%n", e.id(), e.value(), e.label(), note(e));
            }
            if (!alive) {
                out.flush();
                err.println("dexd: dexd (pid " + view.pid() + ") is not running; these counters are from a run that"
                    + " ended at " + Instant.ofEpochMilli(view.value(DexdCounter.HEARTBEAT_MS)) + " (last heartbeat) and"
                    + " left " + file + " behind (the next dexd replaces it)");
                return Dexd.USER_ERROR;
            }
            if (ageMs > STALE_AFTER_MS) {
                out.printf("WARNING: daemon not updating for %d s (pid %d is alive: stalled or stopped?)%n", ageMs / 1000,
                    view.pid());
            }
            return Dexd.OK;
        }
    }

    private static String note(CountersView.Entry e) {
        if (e.typeId() == dev.dexd.controller.counters.SensorCounter.STATE.typeId()) {
            dev.dexd.common.sensing.SourceState[] states = dev.dexd.common.sensing.SourceState.values();
            return e.value() >= 0 && e.value() < states.length ? " = " + states[(int) e.value()].text() : "";
        }
        DexdCounter c = DexdCounter.ofTypeId(e.typeId());
        if (c == DexdCounter.STATE) {
            DaemonState s = DaemonState.ofCode(e.value());
            return s == null ? "" : " = " + s.displayName();
        }
        if (c == DexdCounter.WORST_LATENESS_NS || c == DexdCounter.WORST_INFERENCE_NS) {
            return String.format(" = %.1f us", e.value() / 1e3);
        }
        return "";
    }

    private static String human(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format("%dh %02dm", s / 3600, s / 60 % 60)
            : s >= 60 ? String.format("%dm %02ds", s / 60, s % 60) : s + " s";
    }
}
