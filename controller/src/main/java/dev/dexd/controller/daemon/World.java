package dev.dexd.controller.daemon;

import dev.dexd.common.sensing.SensorFrame;

/**
 * Where the control loop's sensor data and clock come from: the simulation advanced in lockstep, the
 * simulation running in real time, or a real hand, whose sensors are sources of their own. The control thread calls
 * every method; none blocks or allocates.
 */
public interface World {
    /**
     * Copies the simulated sensors' latest samples, capture times on the control clock (the
     * {@code sim} source reads this); a world without simulated sensors leaves {@code out} as it is.
     */
    void latest(SensorFrame out);

    /** Control thread, at the start of each tick's read (the simulation's stall perturbation waits here). */
    default void beforeRead() {
    }

    /** Added to the hand library's state stamps to put them on the control clock. */
    long handClockOffsetNanos();

    /** Lockstep: advance by one control period after the targets were written; otherwise nothing. */
    void afterTick(long periodNanos);

    /** Resets the world for a new episode (simulation only), on the control thread. */
    void reset(long seed);

    /** What can be broken on purpose in this world (a simulation), or null (a real hand). */
    Perturbations perturbations();
}
