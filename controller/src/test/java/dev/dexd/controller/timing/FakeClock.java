package dev.dexd.controller.timing;

import org.agrona.concurrent.NanoClock;

/**
 * Simulated time for scheduler tests: a clock, and a waiter that jumps the clock to the deadline
 * (plus a chosen wake-up delay) instead of sleeping.
 */
final class FakeClock implements NanoClock, DeadlineWaiter {
    private long now;
    private long wakeDelayNs;
    private long stallOnceNs;
    private int waits;

    FakeClock(long startNs) {
        now = startNs;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void waitUntil(long deadlineNs) {
        waits++;
        if (now < deadlineNs) {
            now = deadlineNs;
        }
        now += wakeDelayNs + stallOnceNs;
        stallOnceNs = 0;
    }

    /** Simulated work (or a stall) on the loop's thread. */
    void advance(long ns) {
        now += ns;
    }

    /** How late the next waits wake up after their deadline. */
    void wakeDelay(long ns) {
        wakeDelayNs = ns;
    }

    /** The next wait only wakes this much late (preemption while sleeping). */
    void stallNextWait(long ns) {
        stallOnceNs = ns;
    }

    int waits() {
        return waits;
    }
}
