package dev.dexd.controller.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.agrona.concurrent.SystemEpochClock;

/**
 * A stand-in daemon for tests, run as a separate process: creates the counters in args[0], sets
 * known values, prints "ready" and keeps the file (heartbeat every 100 ms) until stdin closes.
 */
public final class CountersWriterMain {
    private CountersWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        try (DaemonCounters c = DaemonCounters.create(Path.of(args[0]), SystemEpochClock.INSTANCE)) {
            c.state(DaemonState.RUNNING);
            c.steps().setRelease(12_345);
            c.overruns().setRelease(2);
            c.worstLatenessNs().proposeMaxRelease(81_000);
            c.safetyClips().incrementRelease();
            c.episode().setRelease(3);
            System.out.println("ready");
            System.out.flush();
            Thread reader = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // wait for EOF
                    }
                } catch (java.io.IOException ignored) {
                    // EOF by error: stop as well
                }
            });
            reader.setDaemon(true);
            reader.start();
            while (reader.isAlive()) {
                c.heartbeat();
                reader.join(100);
            }
        }
    }

    /** Starts this writer in a new JVM with the test's class path and returns once it said "ready". */
    public static Process start(Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createTempFile("counters-writer", ".log");
        List<String> cmd = new ArrayList<>(List.of(java));
        // The JVM flags the daemon runs with (Agrona needs java.base/jdk.internal.misc exported).
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-")).forEach(cmd::add);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CountersWriterMain.class.getName(), dir.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertEquals("ready", first, () -> "writer said: " + readQuietly(log));
        return p;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
