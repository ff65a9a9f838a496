package dev.dexd.controller.daemon;

import dev.dexd.common.sensing.SensorFrame;

/**
 * Fault injection into the real simulation: the world the control loop reads, unchanged, except
 * that its {@code latest} throws (the same exception instance every time, so the injection itself
 * allocates nothing) on the ticks numbered {@code from} (inclusive) to {@code to} (exclusive),
 * counted in calls, one per tick. Like a sensor library or a bug throwing out of the tick.
 */
final class FaultyWorld implements World {
    static final String MESSAGE = "injected fault";

    private final World world;
    private final long from;
    private final long to;
    private final IllegalStateException failure = new IllegalStateException(MESSAGE);
    private long calls;

    FaultyWorld(World world, long from, long to) {
        this.world = world;
        this.from = from;
        this.to = to;
    }

    @Override
    public void latest(SensorFrame out) {
        long call = calls++;
        if (call >= from && call < to) {
            throw failure;
        }
        world.latest(out);
    }

    @Override
    public void beforeRead() {
        world.beforeRead();
    }

    @Override
    public long handClockOffsetNanos() {
        return world.handClockOffsetNanos();
    }

    @Override
    public void afterTick(long periodNanos) {
        world.afterTick(periodNanos);
    }

    @Override
    public void reset(long seed) {
        world.reset(seed);
    }

    @Override
    public Perturbations perturbations() {
        return world.perturbations();
    }
}
