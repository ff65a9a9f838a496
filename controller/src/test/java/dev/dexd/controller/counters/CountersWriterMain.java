package dev.dexd.controller.counters;

import java.nio.file.Path;
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
}
