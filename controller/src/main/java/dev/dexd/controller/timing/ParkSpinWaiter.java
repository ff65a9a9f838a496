package dev.dexd.controller.timing;

import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.NanoClock;

/**
 * Sleeps with {@link LockSupport#parkNanos} until {@code spinMarginNs} before the deadline, then
 * busy-spins to it. {@code parkNanos} overshoots by tens to hundreds of microseconds (timer slack,
 * wake-up latency), so parking all the way would make every tick late by that much; spinning the
 * last stretch trades a little CPU (margin / period of one core) for a start within a microsecond
 * or two of the deadline.
 *
 * <p>Optionally the wait can be interrupted for urgent work between ticks: {@code betweenTicks}
 * runs after every return from {@code parkNanos} (an {@link LockSupport#unpark} from another thread
 * ends the park at once) and on every turn of the spin, then the wait goes on to the same deadline.
 * The control loop uses it to apply an e-stop within microseconds instead of at the next tick.
 */
public final class ParkSpinWaiter implements DeadlineWaiter {
    /** Default margin: above parkNanos' typical overshoot on a VM without PREEMPT_RT (measured ~100-200 us). */
    public static final long DEFAULT_SPIN_MARGIN_NS = 200_000;

    private static final Runnable NOTHING = () -> { };

    private final NanoClock clock;
    private final long spinMarginNs;
    private final Runnable betweenTicks;

    public ParkSpinWaiter(NanoClock clock, long spinMarginNs) {
        this(clock, spinMarginNs, NOTHING);
    }

    /** A waiter that runs {@code betweenTicks} whenever it wakes while waiting (control thread; must not block). */
    public ParkSpinWaiter(NanoClock clock, long spinMarginNs, Runnable betweenTicks) {
        if (spinMarginNs < 0) {
            throw new IllegalArgumentException("spin margin must not be negative: " + spinMarginNs);
        }
        this.clock = clock;
        this.spinMarginNs = spinMarginNs;
        this.betweenTicks = betweenTicks;
    }

    public long spinMarginNs() {
        return spinMarginNs;
    }

    @Override
    public void waitUntil(long deadlineNs) {
        long parkUntil = deadlineNs - spinMarginNs;
        long now;
        while ((now = clock.nanoTime()) < parkUntil) {
            // no shorter slices needed: an unpark before this park makes it return at once (the permit)
            LockSupport.parkNanos(parkUntil - now);
            betweenTicks.run();
        }
        while (clock.nanoTime() < deadlineNs) {
            betweenTicks.run();
            Thread.onSpinWait();
        }
    }
}
