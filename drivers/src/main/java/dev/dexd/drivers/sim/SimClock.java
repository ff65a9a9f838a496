package dev.dexd.drivers.sim;

/** Who advances simulated time. */
public enum SimClock {
    /** The caller steps the physics ({@link SimulatedHand#step}): deterministic, as fast as the CPU allows. */
    LOCKSTEP,
    /** A library thread steps the physics at wall-clock pace, like a real hand's own loop. */
    REALTIME
}
