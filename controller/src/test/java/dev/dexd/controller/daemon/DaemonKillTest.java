package dev.dexd.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.log.RunSummary;
import dev.dexd.controller.log.StepLogException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon as a process: kill -9 leaves a readable log; SIGTERM stops it cleanly with exit 0. */
class DaemonKillTest {
    /** {@code dexd run} in a JVM of its own, with the test JVM's flags and classpath. */
    private static List<String> daemonCommand(Path config, String... runArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle") || arg.startsWith("-Dorg.slf4j")) {
                cmd.add(arg);
            }
        }
        cmd.add("-Djna.library.path=" + System.getProperty("jna.library.path"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.dexd.cli.Dexd");
        cmd.addAll(List.of("run", "--config", config.toString()));
        cmd.addAll(List.of(runArgs));
        return cmd;
    }

    @Test
    void aKilledDaemonLeavesAReadableLog(@TempDir Path dir) throws Exception {
        SimRig rig = new SimRig(dir);
        Path config = rig.config("kill");
        List<String> cmd = daemonCommand(config, "--lockstep", "--duration", "100000");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        try {
            Path logs = dir.resolve("logs");
            long deadline = System.nanoTime() + 60_000_000_000L;
            long steps = 0;
            while (steps < 500 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                assertTrue(p.isAlive(), () -> "daemon died: " + read(dir.resolve("out.txt")));
                Path run = onlyRun(logs);
                if (run != null && hasQueueFile(run)) {
                    try {
                        steps = RunSummary.compute(run).steps();
                    } catch (StepLogException notYet) {
                        // the queue file exists before its header is appended: look again
                    }
                }
            }
            assertTrue(steps >= 500, "the daemon logged steps before the kill");
        } finally {
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no trailer
            p.waitFor();
        }
        RunSummary after = RunSummary.compute(onlyRun(dir.resolve("logs")));
        assertTrue(after.steps() >= 500);
        assertEquals(0, after.firstStep());
        assertEquals(after.steps() - 1, after.lastStep(), "contiguous");
        assertEquals(0, after.stepGaps());
        assertNull(after.lostRecords(), "no trailer after kill -9: the lost count is unknown, not invented");
    }

    @Test
    void sigtermStopsCleanlyWithExitZeroAndAClosedLog(@TempDir Path dir) throws Exception {
        SimRig rig = new SimRig(dir);
        Path config = rig.config("term", null, "clock: realtime\nperiod_ms: 20", null, null, null);
        Path out = dir.resolve("term.txt");
        Process p = new ProcessBuilder(daemonCommand(config)).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.readString(out).contains("self-check: ") && System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), () -> read(out));
            Thread.sleep(100);
        }
        Thread.sleep(1_000); // running: the self-check is printed once the control thread has started
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "stopped");
        assertEquals(0, p.exitValue(), read(out));
        RunSummary s = RunSummary.compute(onlyRun(dir.resolve("logs")));
        assertEquals(0L, s.lostRecords(), "the log was drained and closed with its trailer: " + read(out));
        assertTrue(read(out).contains("digest     sha256 "), "the summary is printed: " + read(out));
    }

    @Test
    void sigtermDuringStartUpIsACleanStopToo(@TempDir Path dir) throws Exception {
        SimRig rig = new SimRig(dir);
        Path config = rig.config("early-term", null, "clock: realtime\nperiod_ms: 20", null, null, null);
        Path out = dir.resolve("early.txt");
        Process p = new ProcessBuilder(daemonCommand(config)).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        // the run directory is made while the daemon is still configuring (model, simulation, log)
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (onlyRun(dir.resolve("logs")) == null && System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), () -> read(out));
            Thread.sleep(5);
        }
        p.destroy(); // SIGTERM, before the loop has run
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "stopped");
        assertEquals(0, p.exitValue(), "not the JVM's default 143: " + read(out));
        RunSummary s = RunSummary.compute(onlyRun(dir.resolve("logs")));
        assertEquals(0L, s.lostRecords(), "the log was closed with its trailer: " + read(out));
    }

    private static Path onlyRun(Path logs) throws Exception {
        if (!Files.isDirectory(logs)) {
            return null;
        }
        try (Stream<Path> s = Files.list(logs)) {
            return s.filter(Files::isDirectory).findFirst().orElse(null);
        }
    }

    private static boolean hasQueueFile(Path run) throws Exception {
        try (Stream<Path> s = Files.list(run)) {
            return s.anyMatch(f -> f.toString().endsWith(".cq4"));
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "(no output)";
        }
    }

}
