package dev.dexd.controller.daemon;

import dev.dexd.common.sensing.SensorFrame;

/** A world that passes every call to another: tests override the calls they watch or break. */
abstract class ForwardingWorld implements World {
    final World world;

    ForwardingWorld(World world) {
        this.world = world;
    }

    @Override
    public void beforeRead() {
        world.beforeRead();
    }

    @Override
    public void latest(SensorFrame out) {
        world.latest(out);
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
