package dev.dexd.controller.log;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link KillTest}: appends steps (and an event every 100 steps) as fast as a
 * loop at about 5 kHz allows, printing {@code appended N} as the logger appends them, until it is
 * killed (or after 60 s, so it can never outlive a broken test).
 */
public final class KilledWriterMain {
    private KilledWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        StepLog log = LogFixtures.open(Path.of(args[0])).start();
        EventWriter events = log.newEventWriter();
        long end = System.nanoTime() + 60_000_000_000L;
        for (long s = 0; System.nanoTime() < end; s++) {
            StepRecord r = log.claimStep();
            if (r == null) {
                System.out.println("lost at " + s);
                System.exit(3);
            }
            LogFixtures.fill(r, s, s);
            log.commitStep();
            if (s % 100 == 0) {
                events.write(EventType.PERTURBATION, s, s * LogFixtures.PERIOD_NANOS, "push " + s);
                System.out.println("appended " + log.stepsAppended());
                System.out.flush();
                Thread.sleep(20);
            }
        }
        log.close();
    }
}
