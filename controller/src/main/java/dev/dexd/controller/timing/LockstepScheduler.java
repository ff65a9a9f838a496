package dev.dexd.controller.timing;

/**
 * Ticks without a wall clock: each {@link #awaitNextTick()} returns at once and the tick's
 * deadline is simulated time, exactly {@code k * period}. The caller advances its simulation by
 * exactly one period per tick, so a run depends only on its seed and config, never on how fast
 * the machine is. Lateness, overruns and skips are always zero.
 */
public final class LockstepScheduler implements TickScheduler {
    private final long periodNs;
    private long tick = -1;

    public LockstepScheduler(long periodNs) {
        if (periodNs <= 0) {
            throw new IllegalArgumentException("period must be positive: " + periodNs + " ns");
        }
        this.periodNs = periodNs;
    }

    @Override
    public long periodNs() {
        return periodNs;
    }

    @Override
    public void start() {
        tick = 0;
    }

    @Override
    public long awaitNextTick() {
        return ++tick;
    }

    @Override
    public long tick() {
        return tick;
    }

    @Override
    public long deadlineNs() {
        return tick < 0 ? 0 : tick * periodNs;
    }

    @Override
    public long latenessNs() {
        return 0;
    }

    @Override
    public long skippedPeriods() {
        return 0;
    }

    @Override
    public long overruns() {
        return 0;
    }

    @Override
    public long skippedTotal() {
        return 0;
    }
}
