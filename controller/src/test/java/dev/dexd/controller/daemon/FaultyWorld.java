package dev.dexd.controller.daemon;

import dev.dexd.common.sensing.SensorFrame;

/**
 * Fault injection into the real simulation: the world the control loop reads, unchanged, except
 * that its {@code latest} throws (the same exception instance every time, so the injection itself
 * allocates nothing) on the ticks numbered {@code from} (inclusive) to {@code to} (exclusive),
 * counted in calls, one per tick. Like a sensor library or a bug throwing out of the tick.
 */
final class FaultyWorld extends ForwardingWorld {
    static final String MESSAGE = "injected fault";

    private final long from;
    private final long to;
    private final IllegalStateException failure = new IllegalStateException(MESSAGE);
    private long calls;

    FaultyWorld(World world, long from, long to) {
        super(world);
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
}
