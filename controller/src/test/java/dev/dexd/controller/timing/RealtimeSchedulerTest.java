package dev.dexd.controller.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;

class RealtimeSchedulerTest {
    private static final long P = 1_000_000; // 1 ms
    private static final long T0 = 5_000_000_000L;

    @Test
    void deadlinesStayOnTheAbsoluteGridWhateverTheWorkAndWakeUpDelays() {
        FakeClock clock = new FakeClock(T0);
        RealtimeScheduler s = new RealtimeScheduler(P, clock, clock);
        SplittableRandom random = new SplittableRandom(7);
        s.start();
        for (int k = 1; k <= 5_000; k++) {
            clock.advance(random.nextLong(0, P / 2));        // the tick's work
            long delay = random.nextLong(0, P / 3);          // how late the OS wakes us
            clock.wakeDelay(delay);
            assertEquals(k, s.awaitNextTick());
            assertEquals(T0 + k * P, s.deadlineNs(), "deadline k must be start + k * period");
            assertEquals(delay, s.latenessNs());
            assertEquals(0, s.skippedPeriods());
        }
        assertEquals(0, s.overruns());
        // 5,000 late wake-ups of up to a third of a period did not move the schedule at all.
        assertEquals(T0 + 5_000 * P, s.deadlineNs());
    }

    @Test
    void aTickLateByLessThanAPeriodRunsAtOnceWithoutSkipping() {
        FakeClock clock = new FakeClock(T0);
        RealtimeScheduler s = new RealtimeScheduler(P, clock, clock);
        s.start();
        clock.advance(P + P / 2);                            // tick 0 took 1.5 periods
        int waitsBefore = clock.waits();
        assertEquals(1, s.awaitNextTick());
        assertEquals(P / 2, s.latenessNs());
        assertEquals(0, s.overruns());
        assertEquals(waitsBefore + 1, clock.waits());        // the wait returned at once (deadline passed)
        assertEquals(2, s.awaitNextTick());                  // and the next tick is back on the grid
        assertEquals(T0 + 2 * P, s.deadlineNs());
        assertEquals(0, s.latenessNs());
    }

    @Test
    void anOverrunSkipsToTheNextFutureDeadlineCountsItAndNeverBursts() {
        FakeClock clock = new FakeClock(T0);
        RealtimeScheduler s = new RealtimeScheduler(P, clock, clock);
        s.start();
        for (int k = 1; k <= 10; k++) {
            s.awaitNextTick();
        }
        clock.advance(3 * P + P / 2);                        // tick 10 stalls for 3.5 periods
        long tick = s.awaitNextTick();
        assertEquals(14, tick, "ticks 11-13 are skipped; 14 is the first deadline after now");
        assertEquals(3, s.skippedPeriods());
        assertEquals(1, s.overruns());
        assertEquals(3, s.skippedTotal());
        assertEquals(T0 + 14 * P, s.deadlineNs());
        assertEquals(0, s.latenessNs(), "the tick after a skip starts on its own deadline");

        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            s.awaitNextTick();
            starts.add(clock.nanoTime());
            assertEquals(0, s.skippedPeriods());
        }
        for (int i = 1; i < starts.size(); i++) {
            assertEquals(P, starts.get(i) - starts.get(i - 1), "no catch-up burst: ticks stay a period apart");
        }
        assertEquals(1, s.overruns());
    }

    @Test
    void wakingUpAFullPeriodLateIsAnOverrunToo() {
        FakeClock clock = new FakeClock(T0);
        RealtimeScheduler s = new RealtimeScheduler(P, clock, clock);
        s.start();
        clock.stallNextWait(P + P / 5);                      // preempted for 1.2 periods while waiting
        long tick = s.awaitNextTick();
        // Woke at 2.2 P for the deadline at 1 P: ticks 1 and 2 are skipped, tick 3 starts on time.
        assertEquals(3, tick);
        assertEquals(2, s.skippedPeriods());
        assertEquals(1, s.overruns());
        assertEquals(0, s.latenessNs(), "a started tick is never a full period late");
    }

    @Test
    void theFirstAwaitStartsTheScheduleAtTickZero() {
        FakeClock clock = new FakeClock(T0);
        RealtimeScheduler s = new RealtimeScheduler(P, clock, clock);
        assertEquals(-1, s.tick());
        assertEquals(0, s.awaitNextTick());
        assertEquals(T0, s.deadlineNs());
        assertEquals(1, s.awaitNextTick());
        assertEquals(T0 + P, clock.nanoTime());
    }

    @Test
    void theRealClockNeverStartsATickBeforeItsDeadline() {
        RealtimeScheduler s = RealtimeScheduler.parkThenSpin(1_000_000, 100_000);
        s.start();
        long last = 0;
        for (int i = 0; i < 50; i++) {
            long tick = s.awaitNextTick();
            assertTrue(tick > last, "ticks increase");
            assertTrue(SystemNanoClock.INSTANCE.nanoTime() >= s.deadlineNs(), "not before the deadline");
            assertTrue(s.latenessNs() >= 0 && s.latenessNs() < s.periodNs());
            last = tick;
        }
    }
}
