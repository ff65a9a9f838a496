package dev.dexd.drivers.hand;

/**
 * One reading of the hand, in preallocated arrays that {@link HandDriver#read} overwrites in place:
 * allocate one per reader and reuse it every tick. Joint and actuator orders are those of
 * {@link HandDescription}. An actuator's position is its joint's, except the coupled distal
 * actuators (A_FFJ1, A_MFJ1, A_RFJ1, A_LFJ1), whose position is J1 + J0.
 */
public final class HandState {
    /** Joints of the hand. */
    public static final int JOINTS = 24;
    /** Actuators of the hand. */
    public static final int ACTUATORS = 20;

    /** When the state was sampled: CLOCK_MONOTONIC ns (as System.nanoTime), or simulation time in lockstep. */
    public long stampNanos;
    /** {@link HandStatus} bits. */
    public int status;
    /** Joint positions, rad. */
    public final double[] jointPos = new double[JOINTS];
    /** Joint velocities, rad/s. */
    public final double[] jointVel = new double[JOINTS];
    /** Actuator positions, rad (coupled actuators: J1 + J0). */
    public final double[] actuatorPos = new double[ACTUATORS];
    /** Actuator efforts, N m. */
    public final double[] actuatorEffort = new double[ACTUATORS];

    /** True when every bit of {@code bits} is set in {@link #status}. */
    public boolean has(int bits) {
        return (status & bits) == bits;
    }

    /** Copies {@code other} into this instance without allocating; returns this. */
    public HandState copyFrom(HandState other) {
        stampNanos = other.stampNanos;
        status = other.status;
        System.arraycopy(other.jointPos, 0, jointPos, 0, JOINTS);
        System.arraycopy(other.jointVel, 0, jointVel, 0, JOINTS);
        System.arraycopy(other.actuatorPos, 0, actuatorPos, 0, ACTUATORS);
        System.arraycopy(other.actuatorEffort, 0, actuatorEffort, 0, ACTUATORS);
        return this;
    }
}
