package dev.dexd.controller.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dexd.controller.log.RunSummary;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console against the wall clock, as deployed: {@code dexd run} in a JVM of its own with the
 * launcher's flags (fixed pre-touched heap, G1), the control thread under SCHED_FIFO as on the
 * robot, 100 Hz by default. The same run once without a console and once with a console under load
 * from a third process ({@link ConsoleLoad}: 100 clients sending commands, a watcher that never
 * reads, a client sending garbage, one sending e-stop/reset pairs). The loop may skip no more
 * periods with the clients than without (both counted from the runs' step logs). Every e-stop
 * wakes the control thread between ticks; its latency from arrival at the server to the hold being
 * written is measured (see also {@link EstopLatencyTest}). Prints the e-stop latency percentiles
 * (docs/PERFORMANCE.md (section "The console")).
 *
 * <p>Other runs for the figures: {@code -Ddexd.bench.periodMs=80 -Ddexd.bench.seconds=30}.
 */
class ConsoleRealtimeTest {
    static final int PERIOD_MS = Integer.getInteger("dexd.bench.periodMs", 10);
    static final double SECONDS = Double.parseDouble(System.getProperty("dexd.bench.seconds", "3"));
    static final int CLIENTS = Integer.getInteger("dexd.bench.clients", 100);
    /** As on the robot (configs/robot.yaml): the control thread under SCHED_FIFO, when the machine allows it. */
    static final String CONTROL = "fifo_priority: " + Integer.getInteger("dexd.bench.fifo", 40);
    /** The launcher's heap and collector (controller/src/dist/bin/dexd). */
    static final List<String> LAUNCHER_HEAP = List.of("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch",
        System.getProperty("dexd.bench.gc", "-XX:+UseG1GC"));
    static final double RUN_SECONDS = SECONDS + 3;

    /** One quiet run and one busy run, and what they measured. */
    record Pair(RunSummary quiet, RunSummary busy, String load, JsonNode stats) {
    }

    @Test
    void theLoopSkipsNoMorePeriodsUnderConsoleLoadAndEstopLatencyIsMeasured(@TempDir Path dir) throws Exception {
        ConsoleRig rig = new ConsoleRig(dir);
        // a late tick from elsewhere on a shared machine can land in either run; an effect of the
        // console shows in every attempt, so a pair that fails is measured again, up to three pairs
        Pair p = measure(rig, dir.resolve("attempt-1"));
        for (int attempt = 2; attempt <= 3 && p.busy().skippedPeriods() > p.quiet().skippedPeriods(); attempt++) {
            p = measure(rig, dir.resolve("attempt-" + attempt));
        }
        JsonNode estop = p.stats().get("estop_ns");
        assertTrue(p.load().contains(" failures=0"), p.load());
        assertTrue(estop.get("count").asLong() >= 20, estop.toString());
        assertTrue(p.busy().skippedPeriods() <= p.quiet().skippedPeriods(), "periods skipped: "
            + p.busy().skippedPeriods() + " with the console under load, " + p.quiet().skippedPeriods() + " without");
        // the e-stop latency is a measurement (printed, and in docs/PERFORMANCE.md), not asserted:
        // wall-clock bounds fail on a busy shared machine without saying anything about the code
        assertEquals(0L, p.busy().lostRecords(), "log records lost");
    }

    static Pair measure(ConsoleRig rig, Path dir) throws Exception {
        Files.createDirectories(dir);
        RunSummary quiet = run(dir, "quiet", rig.config("rt-quiet", "realtime", PERIOD_MS, null, CONTROL), null);
        int port = freePort();
        Path busyConfig = rig.config("rt-console", "realtime", PERIOD_MS,
            "bind: 127.0.0.1\nport: " + port + "\nmax_clients: 128\ncommands_per_second: 50\n", CONTROL);
        String[] load = new String[1];
        JsonNode[] stats = new JsonNode[1];
        RunSummary busy = run(dir, "busy", busyConfig, () -> {
            awaitListening(port);
            Process p = load(port);
            assertTrue(p.waitFor((long) (SECONDS * 1000) + 20_000, TimeUnit.MILLISECONDS), "the load process ended");
            load[0] = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            try (ConsoleClient c = ConsoleClient.connect("127.0.0.1", port, 10_000)) {
                c.write("json on");
                c.readLine();
                c.write("stats");
                stats[0] = new ObjectMapper().readTree(c.readLine()).get("data");
            }
        });
        System.out.printf(Locale.ROOT, "realtime, period %d ms, %.0f s runs (dexd run, launcher heap, %s):%n"
                + "  without console: %d steps, %d periods skipped%n"
                + "  with console and %d clients in another process: %d steps, %d periods skipped; load: %s%n",
            PERIOD_MS, RUN_SECONDS, CONTROL, quiet.steps(), quiet.skippedPeriods(), CLIENTS, busy.steps(),
            busy.skippedPeriods(), load[0]);
        System.out.println("  estop, arrival -> hold written: " + percentiles(stats[0].get("estop_ns")));
        System.out.println("  every control command, arrival -> applied: " + percentiles(stats[0].get("command_ns")));
        return new Pair(quiet, busy, load[0], stats[0]);
    }

    static String percentiles(JsonNode p) {
        return String.format(Locale.ROOT, "n=%d p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms",
            p.get("count").asLong(), p.get("p50").asLong() / 1e6, p.get("p99").asLong() / 1e6,
            p.get("p999").asLong() / 1e6, p.get("max").asLong() / 1e6);
    }

    @FunctionalInterface
    interface During {
        void run() throws Exception;
    }

    /** Runs {@code dexd run} for {@link #RUN_SECONDS} in a JVM of its own; {@code during} runs meanwhile. */
    static RunSummary run(Path dir, String name, Path config, During during) throws Exception {
        Path logs = Files.createDirectories(dir.resolve("runs-" + name));
        List<String> cmd = new ArrayList<>(javaCommand(LAUNCHER_HEAP));
        cmd.addAll(List.of("dev.dexd.cli.Dexd", "run", "--config", config.toString(), "--duration",
            Double.toString(RUN_SECONDS), "--log", logs.toString()));
        Process daemon = new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".out").toFile()).start();
        try {
            if (during != null) {
                during.run();
            }
            assertTrue(daemon.waitFor((long) (RUN_SECONDS * 1000) + 60_000, TimeUnit.MILLISECONDS), name + " ended");
            assertEquals(0, daemon.exitValue(), Files.readString(dir.resolve(name + ".out")));
        } finally {
            daemon.destroyForcibly();
        }
        try (Stream<Path> runs = Files.list(logs)) {
            return RunSummary.compute(runs.findFirst().orElseThrow());
        }
    }

    /** java, the JVM flags this test JVM got (the project's dexd.jvm.flags), {@code extra}, and the class path. */
    static List<String> javaCommand(List<String> extra) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-") || a.startsWith("-D")) {
                cmd.add(a);
            }
        }
        String jna = System.getProperty("jna.library.path");
        if (jna != null) {
            cmd.add("-Djna.library.path=" + jna);
        }
        cmd.addAll(extra);
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
            .replace(File.pathSeparator + File.pathSeparator, File.pathSeparator));
        return cmd;
    }

    /** Starts {@link ConsoleLoad} in a JVM of its own, with a small heap and the quick compiler only. */
    static Process load(int port) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
            "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
        cmd.addAll(List.of(ConsoleLoad.class.getName(), Integer.toString(port), Double.toString(SECONDS),
            Integer.toString(CLIENTS), Integer.toString(PERIOD_MS)));
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
        b.environment().remove("JDK_JAVA_OPTIONS");
        b.environment().remove("JAVA_TOOL_OPTIONS");
        return b.start();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try (ConsoleClient c = ConsoleClient.connect("127.0.0.1", port, 1_000)) {
                return;
            } catch (IOException e) {
                assertTrue(System.nanoTime() < deadline, "the daemon's console did not come up: " + e.getMessage());
                Thread.sleep(50);
            }
        }
    }
}
