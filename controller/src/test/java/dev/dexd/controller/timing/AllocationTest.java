package dev.dexd.controller.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.policy.bench.AllocationMeter;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;

/** The control thread allocates nothing per tick: scheduler, waiter, loop, histograms and placeholder body. */
class AllocationTest {
    private static final int TICKS = 10_000;

    /**
     * After warm-up, 10,000 ticks allocate nothing. The JVM itself may allocate a few dozen bytes
     * once in a while as the JIT swaps compiled code (class resolution on a deoptimisation), which
     * is not the loop's doing; so a run may be repeated, but every run must stay below one byte per
     * tick (a per-tick allocation costs at least 16 bytes a tick) and one run must be exactly zero.
     */
    @Test
    void realtimeTicksAllocateNothing() {
        // 50 us period with a 20 us spin margin: exercises park, spin, late ticks and overrun skips.
        Histogram lateness = new Histogram(60_000_000_000L, 3);
        Histogram body = new Histogram(60_000_000_000L, 3);
        FixedWorkload work = new FixedWorkload(1);
        for (int i = 0; i < 2; i++) {
            new PacedLoop(RealtimeScheduler.parkThenSpin(50_000, 20_000), work, SystemNanoClock.INSTANCE)
                .run(TICKS, lateness, body);
        }
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3 && best != 0; attempt++) {
            RealtimeScheduler scheduler = RealtimeScheduler.parkThenSpin(50_000, 20_000);
            PacedLoop loop = new PacedLoop(scheduler, work, SystemNanoClock.INSTANCE);
            long before = AllocationMeter.allocatedBytes();
            loop.run(TICKS, lateness, body);
            long allocated = AllocationMeter.allocatedBytes() - before;
            assertTrue(allocated < TICKS, allocated + " bytes over " + TICKS + " ticks: something allocates per tick");
            best = Math.min(best, allocated);
        }
        assertEquals(0, best, "bytes allocated over " + TICKS + " real-time ticks");
    }

    @Test
    void lockstepTicksAllocateNothing() {
        LockstepScheduler scheduler = new LockstepScheduler(1_000_000);
        FixedWorkload work = new FixedWorkload(1);
        for (int i = 0; i < TICKS; i++) {
            work.tick(scheduler.awaitNextTick());
        }
        long before = AllocationMeter.allocatedBytes();
        long sum = 0;
        for (int i = 0; i < TICKS; i++) {
            long step = scheduler.awaitNextTick();
            work.tick(step);
            sum += scheduler.deadlineNs() + scheduler.latenessNs();
        }
        long allocated = AllocationMeter.allocatedBytes() - before;
        assertEquals(0, allocated, "bytes allocated over " + TICKS + " lockstep ticks (" + sum + ")");
    }
}
