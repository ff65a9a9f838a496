package dev.dexd.controller.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.log.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * E-stop arrival to hold, as deployed: {@code dexd run} (real-time simulation) in a JVM of its own
 * with the launcher's heap and the control thread under SCHED_FIFO when the machine allows, and a
 * client in this JVM sending {@code estop} over the TCP console at a random phase of the period,
 * each followed by {@code reset}. The latencies come from the run's log (the ESTOP events' arrival
 * and hold times, as {@code dexd replay stats} reports them). Asserts that every e-stop was applied
 * and logged with both times; the figures are printed (docs/PERFORMANCE.md, "E-stop latency"), not
 * asserted: wall-clock bounds fail on a busy shared machine without saying anything about the code.
 *
 * <p>The figures: {@code -Ddexd.bench.periodMs=80 -Ddexd.bench.seconds=60} and {@code =10 ... =30}.
 */
class EstopLatencyTest {
    static final int PERIOD_MS = Integer.getInteger("dexd.bench.periodMs", 10);
    static final double SECONDS = Double.parseDouble(System.getProperty("dexd.bench.seconds", "3"));

    @Test
    void everyEstopOverTheConsoleIsHeldAndLoggedWithItsArrivalAndHoldTimes(@TempDir Path dir) throws Exception {
        ConsoleRig rig = new ConsoleRig(dir);
        int port = ConsoleRealtimeTest.freePort();
        Path config = rig.config("estop-latency", "realtime", PERIOD_MS,
            ConsoleRig.console(null).replace("port: 0", "port: " + port), ConsoleRealtimeTest.CONTROL);
        Path logs = Files.createDirectories(dir.resolve("runs"));
        List<String> cmd = new ArrayList<>(ConsoleRealtimeTest.javaCommand(ConsoleRealtimeTest.LAUNCHER_HEAP));
        // a cap only: the client ends the run with 'shutdown'
        cmd.addAll(List.of("dev.dexd.cli.Dexd", "run", "--config", config.toString(), "--duration",
            Double.toString(SECONDS + 120), "--log", logs.toString()));
        Process daemon = new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(dir.resolve("daemon.out").toFile()).start();
        long sent = 0;
        try {
            ConsoleRealtimeTest.awaitListening(port);
            SplittableRandom random = new SplittableRandom(1);
            long periodNanos = PERIOD_MS * 1_000_000L;
            try (ConsoleClient c = ConsoleClient.connect("127.0.0.1", port, 10_000)) {
                long end = System.nanoTime() + (long) (SECONDS * 1e9);
                while (System.nanoTime() - end < 0) {
                    // a random phase: anywhere in the next two periods
                    LockSupport.parkNanos(random.nextLong(2 * periodNanos));
                    ConsoleClient.Response estop = c.send("estop");
                    assertTrue(estop.ok(), estop.text());
                    sent++;
                    ConsoleClient.Response reset = c.send("reset");
                    assertTrue(reset.ok(), reset.text());
                }
                assertTrue(c.send("shutdown").ok());
            }
            assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "the daemon ended");
            assertEquals(0, daemon.exitValue(), Files.readString(dir.resolve("daemon.out")));
        } finally {
            daemon.destroyForcibly();
        }
        RunSummary s;
        try (Stream<Path> runs = Files.list(logs)) {
            s = RunSummary.compute(runs.findFirst().orElseThrow());
        }
        assertTrue(sent > 0);
        assertEquals(sent, s.eventCounts().get("ESTOP"), "one ESTOP event per e-stop");
        assertEquals(sent, s.eventCounts().get("ESTOP_RESET"), "and one reset each");
        RunSummary.Percentiles p = s.estopLatency();
        assertEquals(sent, p.count(), "every ESTOP event carries its arrival and hold times");
        System.out.printf(Locale.ROOT, "e-stop arrival -> hold, realtime %d ms period (%.1f Hz), %s, %.0f s: n=%d"
                + " p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us; %d periods skipped in %d steps%n",
            PERIOD_MS, 1000.0 / PERIOD_MS, ConsoleRealtimeTest.CONTROL, SECONDS, p.count(), p.p50() / 1e3,
            p.p99() / 1e3, p.p999() / 1e3, p.max() / 1e3, s.skippedPeriods(), s.steps());
    }
}
