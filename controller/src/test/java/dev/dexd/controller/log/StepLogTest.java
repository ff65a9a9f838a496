package dev.dexd.controller.log;

import static org.junit.jupiter.api.Assertions.*;

import dev.dexd.policy.bench.AllocationMeter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class StepLogTest {
    @TempDir
    Path tmp;

    @Test
    void writesHeaderStepsAndEventsInOrder() {
        Path dir = tmp.resolve("run");
        HeaderRecord header = LogFixtures.header(HeaderRecord.REALTIME, "robot-pc", 1_700_000_123_456L);
        try (StepLog log = StepLog.open(StepLogConfig.of(dir), header).start()) {
            EventWriter events = log.newEventWriter();
            assertTrue(events.write(EventType.EPISODE_START, 0, 0, "episode 0"));
            for (long s = 0; s < 500; s++) {
                StepRecord r = log.claimStep();
                assertNotNull(r);
                LogFixtures.fill(r, s, s);
                log.commitStep();
                if (s % 100 == 99) {
                    events.write(EventType.SUBGOAL_SUCCESS, s, s * LogFixtures.PERIOD_NANOS, "subgoal " + s);
                }
            }
            assertTrue(log.flush(TimeUnit.SECONDS.toNanos(10)));
            assertEquals(500, log.stepsAppended());
        }
        try (StepLogReader r = StepLogReader.open(dir)) {
            assertEquals(header, r.header());
            assertEquals("observation:\n  size: 96\n", r.header().manifestYaml());
            assertEquals("A_19", r.header().actuatorNames().get(19));
            assertEquals(StepLogReader.Entry.EVENT, r.next());
            assertEquals(EventType.EPISODE_START, r.event().type());
            long expected = 0;
            int events = 0;
            for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                if (e == StepLogReader.Entry.STEP) {
                    assertNull(LogFixtures.mismatch(r.step(), expected));
                    assertEquals(expected * 1_000_000, r.step().wallTickNanos());
                    expected++;
                } else if (r.event().type() == EventType.SUBGOAL_SUCCESS) {
                    assertEquals(expected - 1, r.event().step(), "the event follows the step it was written after");
                    assertEquals("subgoal " + (expected - 1), r.event().text());
                    events++;
                } else {
                    assertEquals(EventType.SHUTDOWN, r.event().type());
                    assertTrue(r.event().text().startsWith("lost_records=0 lost_steps=0 write_errors=0 steps=500 events=6 digest="),
                        r.event().text());
                    assertEquals(499, r.event().step());
                }
            }
            assertEquals(500, expected);
            assertEquals(5, events);
        }
    }

    @Test
    void fullRingDropsAndCountsWithoutBlocking() {
        Path dir = tmp.resolve("full");
        StepLog log = StepLog.open(new StepLogConfig(dir, 64 * 1024, false),
            LogFixtures.header(HeaderRecord.REALTIME, "h", 0));
        int written = 0;
        StepRecord r;
        while ((r = log.claimStep()) != null) {
            LogFixtures.fill(r, written, written);
            log.commitStep();
            written++;
        }
        assertTrue(written > 20 && written <= 64 * 1024 / LogFixtures.LAYOUT.length(), "ring holds " + written);
        assertEquals(1, log.lostRecords());
        EventWriter events = log.newEventWriter();
        long start = System.nanoTime();
        int eventsTaken = 0;
        for (int i = 0; i < 10_000; i++) {
            assertNull(log.claimStep());
            eventsTaken += events.write(EventType.DRIVER_ERROR, written, 0, "no room") ? 1 : 0;
        }
        long elapsed = System.nanoTime() - start;
        assertTrue(eventsTaken < 64, "small events fill the space a step record could not use: " + eventsTaken);
        long lost = 1 + 20_000 - eventsTaken;
        assertEquals(lost, log.lostRecords());
        assertTrue(elapsed < TimeUnit.SECONDS.toNanos(1), "20,000 refused claims took " + elapsed / 1_000_000 + " ms");

        log.close();
        assertEquals(0, log.writeErrors(), () -> String.valueOf(log.lastWriteError()));
        assertNull(log.claimStep(), "a closed log takes nothing");
        List<Long> steps = new ArrayList<>();
        int eventsRead = 0;
        String trailer = null;
        try (StepLogReader reader = StepLogReader.open(dir)) {
            for (StepLogReader.Entry e; (e = reader.next()) != StepLogReader.Entry.END; ) {
                if (e == StepLogReader.Entry.STEP) {
                    assertNull(LogFixtures.mismatch(reader.step(), steps.size()));
                    steps.add(reader.step().step());
                } else if (reader.event().type() == EventType.DRIVER_ERROR) {
                    eventsRead++;
                } else {
                    trailer = reader.event().text();
                }
            }
        }
        assertEquals(written, steps.size(), "everything committed before the close is in the log");
        assertEquals(eventsTaken, eventsRead);
        assertTrue(trailer.startsWith("lost_records=" + lost + " lost_steps=10001 write_errors=0 steps="
            + written + " events=" + eventsTaken + " digest="), trailer);
    }

    @Test
    void closeDrainsTheRingWhenTheLoggerNeverRan() {
        Path dir = tmp.resolve("drain");
        StepLog log = LogFixtures.open(dir);
        for (long s = 0; s < 3000; s++) {
            LogFixtures.fill(log.claimStep(), s, s);
            log.commitStep();
        }
        assertEquals(0, log.stepsAppended());
        log.close();
        assertEquals(3000, log.stepsAppended());
        assertEquals(3000, countSteps(dir));
    }

    @Test
    void closeDrainsWhatTheRunningLoggerHasNotReached() {
        Path dir = tmp.resolve("drain-running");
        StepLog log = LogFixtures.open(dir).start();
        for (long s = 0; s < 3000; s++) {
            LogFixtures.fill(log.claimStep(), s, s);
            log.commitStep();
        }
        log.close();
        assertEquals(0, log.lostRecords());
        assertEquals(3000, countSteps(dir));
    }

    @Test
    void theLoggerWatchesFreeSpaceAndWarnsOnceBelowTheThreshold() {
        Path dir = tmp.resolve("disk");
        // every disk is below this threshold
        StepLog log = StepLog.open(new StepLogConfig(dir, StepLogConfig.DEFAULT_RING_BYTES, true, 0, Long.MAX_VALUE / 2),
            LogFixtures.header(HeaderRecord.LOCKSTEP, "h", 0)).start();
        for (long s = 0; s < 50; s++) {
            LogFixtures.fill(log.claimStep(), s, s);
            log.commitStep();
        }
        assertTrue(log.flush(10_000_000_000L));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (log.freeDiskMb() < 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(log.freeDiskMb() > 0, "the logger measured the free space: " + log.freeDiskMb());
        assertFalse(log.failing());
        log.close();
        List<String> warnings = new ArrayList<>();
        try (StepLogReader r = StepLogReader.open(dir)) {
            for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                if (e == StepLogReader.Entry.EVENT && r.event().type() == EventType.DISK_LOW) {
                    warnings.add(r.event().text());
                }
            }
        }
        assertEquals(1, warnings.size(), "one warning, not one per check: " + warnings);
        assertTrue(warnings.get(0).contains("below log.warn_free_mb"), warnings.get(0));
        assertEquals(RunSummary.compute(dir).digest(), RunSummary.compute(dir).trailerDigest(),
            "DISK_LOW is left out of the digest the logger computed too");
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aStuckLoggerCostsALosslessProducerOneWaitNotOnePerRecord() {
        Path dir = tmp.resolve("stuck");
        // a logger thread that never runs its agent: "running", but the ring is never drained
        StepLog log = StepLog.open(new StepLogConfig(dir, 64 * 1024, true),
            LogFixtures.header(HeaderRecord.LOCKSTEP, "h", 0)).start(r -> new Thread(() -> { }));
        int written = 0;
        while (written < 1000) {
            StepRecord r = log.claimStep(); // the first claim on a full ring waits STALL_NANOS, then drops
            if (r == null) {
                break;
            }
            LogFixtures.fill(r, written, written);
            log.commitStep();
            written++;
        }
        for (int i = 0; i < 100; i++) {
            assertNull(log.claimStep(), "the ring stays full"); // before: a second's wait each, 100 s in all
        }
        assertEquals(101, log.lostRecords());
        assertEquals(101, log.lostSteps());
        log.close();
        assertEquals(written, countSteps(dir), "what was committed is in the log");
    }

    @Test
    void losslessModeWaitsForTheLoggerInsteadOfDropping() {
        Path dir = tmp.resolve("lossless");
        StepLog log = StepLog.open(new StepLogConfig(dir, 64 * 1024, true),
            LogFixtures.header(HeaderRecord.LOCKSTEP, "h", 0)).start();
        for (long s = 0; s < 5000; s++) {
            LogFixtures.fill(log.claimStep(), s, s);
            log.commitStep();
        }
        log.close();
        assertEquals(0, log.lostRecords());
        assertEquals(5000, countSteps(dir));
    }

    @Test
    void losslessModeDoesNotWaitForALoggerThatIsNotRunning() {
        StepLog log = StepLog.open(new StepLogConfig(tmp.resolve("lossless-stopped"), 64 * 1024, true),
            LogFixtures.header(HeaderRecord.LOCKSTEP, "h", 0));
        int written = 0;
        while (log.claimStep() != null) {
            log.commitStep();
            written++;
        }
        assertTrue(written > 0);
        assertEquals(1, log.lostRecords());
        log.close();
    }

    @Test
    void eventsFromSeveralThreadsAllArrive() throws Exception {
        Path dir = tmp.resolve("threads");
        StepLog log = LogFixtures.open(dir).start();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                EventWriter w = log.newEventWriter();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 1000; i++) {
                    w.write(EventType.CONSOLE_COMMAND, i, 0, "thread " + id);
                }
            });
            th.start();
            threads.add(th);
        }
        go.countDown();
        for (long s = 0; s < 1000; s++) {
            LogFixtures.fill(log.claimStep(), s, s);
            log.commitStep();
        }
        for (Thread th : threads) {
            th.join();
        }
        log.close();
        assertEquals(0, log.lostRecords());
        int events = 0;
        try (StepLogReader r = StepLogReader.open(dir)) {
            for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                if (e == StepLogReader.Entry.EVENT && r.event().type() == EventType.CONSOLE_COMMAND) {
                    events++;
                }
            }
        }
        assertEquals(3000, events);
        assertEquals(1000, countSteps(dir));
    }

    @Test
    void producerSideAllocatesNothing() {
        Path dir = tmp.resolve("alloc");
        StepLayout l = LogFixtures.LAYOUT;
        float[] obs = new float[l.observationSize()];
        FloatBuffer logits = ByteBuffer.allocateDirect(4 * l.actuators() * l.bins()).order(ByteOrder.nativeOrder())
            .asFloatBuffer();
        int[] bins = new int[l.actuators()];
        double[] targets = new double[l.actuators()];
        double[] joints = new double[l.joints()];
        StringBuilder text = new StringBuilder(64).append("subgoal success");
        try (StepLog log = LogFixtures.open(dir)) {
            EventWriter events = log.newEventWriter();
            // Warm every path up first (the JIT's first pass through a new branch may allocate once):
            // with no logger running the ring fills and records are dropped; then, with the logger
            // live, claims succeed, wrap around the ring, and are dropped whenever it falls behind.
            cycles(log, events, 0, 20_000, obs, logits, bins, targets, joints, text);
            assertTrue(log.lostRecords() > 0);
            log.start();
            assertTrue(log.flush(TimeUnit.SECONDS.toNanos(10)));
            cycles(log, events, 20_000, 40_000, obs, logits, bins, targets, joints, text);
            long[] from = {60_000};
            long allocated = AllocationMeter.leastAllocated(5, () -> {
                cycles(log, events, from[0], 10_000, obs, logits, bins, targets, joints, text);
                from[0] += 10_000;
            });
            assertEquals(0, allocated, "bytes allocated by 10,000 claim + write + commit cycles (best of five windows)");
        }
    }

    private static void cycles(StepLog log, EventWriter events, long from, int n, float[] obs, FloatBuffer logits,
        int[] bins, double[] targets, double[] joints, CharSequence text) {
        for (long s = from; s < from + n; s++) {
            StepRecord r = log.claimStep();
            if (r != null) {
                r.step(s).simTimeNanos(s * LogFixtures.PERIOD_NANOS).flags(StepFlags.CLIPPED_RATE).episode(0);
                r.stateDigest(StateDigest.update(StateDigest.INITIAL, logits));
                r.observation().putFrom(obs);
                r.logits().putFrom(logits);
                r.bins().putFrom(bins);
                r.policyTargets().putFrom(targets);
                r.commandedTargets().putFrom(targets);
                r.actuatorPositions().putFrom(targets);
                r.jointPositions().putFrom(joints);
                r.cubeQuat().set(0, 1.0);
                r.wallTickNanos(System.nanoTime()).latenessNanos(5).inferenceNanos(26_000).stepNanos(40_000);
                log.commitStep();
            }
            if (s % 100 == 0) {
                events.write(EventType.SUBGOAL_SUCCESS, s, s * LogFixtures.PERIOD_NANOS, text);
            }
        }
    }

    @Test
    void refusesADirectoryThatAlreadyHoldsALog() {
        Path dir = tmp.resolve("twice");
        LogFixtures.open(dir).close();
        StepLogException e = assertThrows(StepLogException.class, () -> LogFixtures.open(dir));
        assertTrue(e.getMessage().contains("already holds a log"), e.getMessage());
    }

    @Test
    void rejectsARingThatIsNotAPowerOfTwoOrTooSmallForARecord() {
        assertThrows(IllegalArgumentException.class, () -> new StepLogConfig(tmp, 3_000_000, false));
        StepLayout big = StepLayout.of(4096, 20, 11, 24);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> StepLog.open(new StepLogConfig(tmp.resolve("small"), 64 * 1024, false),
                LogFixtures.header(big, HeaderRecord.LOCKSTEP, "h", 0)));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    }

    static int countSteps(Path dir) {
        int steps = 0;
        try (StepLogReader r = StepLogReader.open(dir)) {
            for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                if (e == StepLogReader.Entry.STEP) {
                    assertNull(LogFixtures.mismatch(r.step(), steps));
                    steps++;
                }
            }
        }
        return steps;
    }
}
