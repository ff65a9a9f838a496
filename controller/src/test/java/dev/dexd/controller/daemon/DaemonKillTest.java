package dev.dexd.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.log.RunSummary;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a running daemon leaves a log whose every written step is readable. */
class DaemonKillTest {
    @Test
    void aKilledDaemonLeavesAReadableLog(@TempDir Path dir) throws Exception {
        SimRig rig = new SimRig(dir);
        Path config = rig.config("kill");
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
        cmd.addAll(List.of("run", "--config", config.toString(), "--lockstep", "--duration", "100000"));
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
                    steps = RunSummary.compute(run).steps();
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
