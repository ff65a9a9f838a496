package dev.dexd.controller.timing;

import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * Absolute-deadline ticks on a real clock. Tick k is due at {@code start + k * period}; the
 * waiter sleeps to it (see {@link ParkSpinWaiter}). A tick that would start a full period or more
 * after its deadline is an overrun: the schedule jumps to the first deadline still in the future
 * and counts the skip, so a stall never turns into a burst of back-to-back catch-up ticks, and a
 * started tick is always less than one period late. The C reference loop (refloop.c) follows the
 * same rule, so both count overruns alike.
 *
 * <p>The clock and the waiter are injected so that tests can drive the schedule with simulated time.
 */
public final class RealtimeScheduler implements TickScheduler {
    private final long periodNs;
    private final NanoClock clock;
    private final DeadlineWaiter waiter;

    private long startNs;
    private long tick = -1;
    private long deadlineNs;
    private long latenessNs;
    private long skippedPeriods;
    private long overruns;
    private long skippedTotal;

    public RealtimeScheduler(long periodNs, NanoClock clock, DeadlineWaiter waiter) {
        if (periodNs <= 0) {
            throw new IllegalArgumentException("period must be positive: " + periodNs + " ns");
        }
        this.periodNs = periodNs;
        this.clock = clock;
        this.waiter = waiter;
    }

    /** The production scheduler: System.nanoTime (CLOCK_MONOTONIC), park then spin the last {@code spinMarginNs}. */
    public static RealtimeScheduler parkThenSpin(long periodNs, long spinMarginNs) {
        NanoClock clock = SystemNanoClock.INSTANCE;
        return new RealtimeScheduler(periodNs, clock, new ParkSpinWaiter(clock, spinMarginNs));
    }

    /**
     * As {@link #parkThenSpin(long, long)}, running {@code betweenTicks} whenever the wait wakes
     * (after each park, unparks included, and on each turn of the spin): the control loop's e-stop path.
     */
    public static RealtimeScheduler parkThenSpin(long periodNs, long spinMarginNs, Runnable betweenTicks) {
        NanoClock clock = SystemNanoClock.INSTANCE;
        return new RealtimeScheduler(periodNs, clock, new ParkSpinWaiter(clock, spinMarginNs, betweenTicks));
    }

    @Override
    public long periodNs() {
        return periodNs;
    }

    @Override
    public void start() {
        startNs = clock.nanoTime();
        tick = 0;
        deadlineNs = startNs;
        latenessNs = 0;
        skippedPeriods = 0;
        overruns = 0;
        skippedTotal = 0;
    }

    @Override
    public long awaitNextTick() {
        if (tick < 0) {
            start();
            return 0;
        }
        long next = tick + 1;
        long skipped = 0;
        while (true) {
            long deadline = startNs + next * periodNs;
            long now = clock.nanoTime();
            if (now - deadline < periodNs) {
                waiter.waitUntil(deadline);
                now = clock.nanoTime();
                if (now - deadline < periodNs) {
                    tick = next;
                    deadlineNs = deadline;
                    latenessNs = now - deadline;
                    skippedPeriods = skipped;
                    return next;
                }
            }
            // A full period or more late (before waiting, or preempted while waiting): skip ahead.
            long future = Math.floorDiv(now - startNs, periodNs) + 1;
            skipped += future - next;
            skippedTotal += future - next;
            overruns++;
            next = future;
        }
    }

    @Override
    public long tick() {
        return tick;
    }

    @Override
    public long deadlineNs() {
        return deadlineNs;
    }

    @Override
    public long latenessNs() {
        return latenessNs;
    }

    @Override
    public long skippedPeriods() {
        return skippedPeriods;
    }

    @Override
    public long overruns() {
        return overruns;
    }

    @Override
    public long skippedTotal() {
        return skippedTotal;
    }
}
