package dev.dexd.controller.daemon;

import dev.dexd.common.sensing.SensorFrame;

/**
 * A real hand: the control clock is {@link System#nanoTime()} (CLOCK_MONOTONIC, the clock the hand
 * library stamps its readings with and the UDP sources map their captures onto), there is no
 * simulation to step or reset, no simulated sensors, and nothing to break on purpose.
 */
final class HandWorld implements World {
    @Override
    public void latest(SensorFrame out) {
        // the sensors are sources of their own (sensors:)
    }

    @Override
    public long handClockOffsetNanos() {
        return 0;
    }

    @Override
    public void afterTick(long periodNanos) {
        // the hand moves by itself
    }

    @Override
    public void reset(long seed) {
        // a real episode starts where the hand and cube are
    }

    @Override
    public Perturbations perturbations() {
        return null;
    }
}
