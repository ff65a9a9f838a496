package dev.dexd.controller.daemon;

import dev.dexd.controller.sensing.SensorFrame;

/**
 * Where the control loop's sensor data and clock come from: the simulation advanced in lockstep, the
 * simulation running in real time, or (later) the real robot's sensors. The control thread calls
 * every method; none blocks or allocates.
 */
public interface World {
    /** Copies the latest sensor samples, capture times on the control clock. */
    void latest(SensorFrame out);

    /** Added to the hand library's state stamps to put them on the control clock. */
    long handClockOffsetNanos();

    /** Lockstep: advance by one control period after the targets were written; otherwise nothing. */
    void afterTick(long periodNanos);

    /** Resets the world for a new episode (simulation only), on the control thread. */
    void reset(long seed);

    /** What can be broken on purpose in this world (a simulation), or null (a real hand). */
    Perturbations perturbations();
}
