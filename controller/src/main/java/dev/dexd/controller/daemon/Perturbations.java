package dev.dexd.controller.daemon;

import dev.dexd.common.sensing.SensorKind;
import java.util.List;

/**
 * What a simulated world lets an operator or a test break on purpose (the console's {@code perturb}
 * commands), so that every fault path of the control step can be driven. {@link World#perturbations()}
 * gives it, or null for a real hand, which refuses every perturbation. Called on the control thread;
 * failures are {@link dev.dexd.drivers.hand.HandException}s with the simulation's text.
 */
public interface Perturbations {
    /** The joint names {@link #lockJoint} takes, in the hand's joint order. */
    List<String> jointNames();

    /** Pins joint {@code joint} where it is (a jammed joint). */
    void lockJoint(int joint);

    /** Frees every locked joint and clears every other simulated fault (the driver fault too). */
    void unlockJoints();

    /** While {@code on}, the hand's reads report the FAULT status. */
    void driverFault(boolean on);

    /** The next tick blocks for {@code nanos} of wall-clock time (for the watchdog). */
    void stallNextTick(long nanos);

    /** Resamples the dynamics (masses, friction, damping, ...) from {@code seed}, keeping the state. */
    void randomise(long seed);

    /** Sensor {@code kind} publishes nothing until {@code untilNanos} on the control clock. */
    void dropSensor(SensorKind kind, long untilNanos);
}
