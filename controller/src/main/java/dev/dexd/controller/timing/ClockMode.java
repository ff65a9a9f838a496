package dev.dexd.controller.timing;

/** The daemon's two clock modes, and the scheduler each one uses. */
public enum ClockMode {
    /** Wall clock: absolute deadlines, park then spin. */
    REALTIME,
    /** No wall clock: each tick advances the simulation by exactly one period. */
    LOCKSTEP;

    /** A scheduler for this mode; {@code spinMarginNs} only matters in real time. */
    public TickScheduler scheduler(long periodNs, long spinMarginNs) {
        return this == REALTIME
            ? RealtimeScheduler.parkThenSpin(periodNs, spinMarginNs)
            : new LockstepScheduler(periodNs);
    }
}
