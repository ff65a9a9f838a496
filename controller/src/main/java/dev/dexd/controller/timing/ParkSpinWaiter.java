package dev.dexd.controller.timing;

import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.NanoClock;

/**
 * Sleeps with {@link LockSupport#parkNanos} until {@code spinMarginNs} before the deadline, then
 * busy-spins to it. {@code parkNanos} overshoots by tens to hundreds of microseconds (timer slack,
 * wake-up latency), so parking all the way would make every tick late by that much; spinning the
 * last stretch trades a little CPU (margin / period of one core) for a start within a microsecond
 * or two of the deadline.
 */
public final class ParkSpinWaiter implements DeadlineWaiter {
    /** Default margin: above parkNanos' typical overshoot on a VM without PREEMPT_RT (measured ~100-200 us). */
    public static final long DEFAULT_SPIN_MARGIN_NS = 200_000;

    private final NanoClock clock;
    private final long spinMarginNs;

    public ParkSpinWaiter(NanoClock clock, long spinMarginNs) {
        if (spinMarginNs < 0) {
            throw new IllegalArgumentException("spin margin must not be negative: " + spinMarginNs);
        }
        this.clock = clock;
        this.spinMarginNs = spinMarginNs;
    }

    public long spinMarginNs() {
        return spinMarginNs;
    }

    @Override
    public void waitUntil(long deadlineNs) {
        long parkUntil = deadlineNs - spinMarginNs;
        long now;
        while ((now = clock.nanoTime()) < parkUntil) {
            LockSupport.parkNanos(parkUntil - now);
        }
        while (clock.nanoTime() < deadlineNs) {
            Thread.onSpinWait();
        }
    }
}
