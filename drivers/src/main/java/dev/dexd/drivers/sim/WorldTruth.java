package dev.dexd.drivers.sim;

/**
 * The simulation's ground truth at one instant: what the physics knows exactly and the real sensors
 * only estimate. The simulation fills one preallocated instance per tick; simulated sensors read it
 * and never keep a reference past the call. Mutable by design, so no tick allocates.
 */
public final class WorldTruth {
    /** Number of fingertips (FF, MF, RF, LF, TH). */
    public static final int FINGERTIPS = 5;
    /** Number of cube faces (U, R, F, D, L, B). */
    public static final int FACES = 6;

    /** Simulation time of this state, in nanoseconds. */
    public long timeNanos;
    /** Cube centre in the world frame, metres. */
    public final double[] cubePos = new double[3];
    /** Cube orientation in the world frame as a unit quaternion (w, x, y, z). */
    public final double[] cubeQuat = new double[4];
    /** Face layer angles in radians, in the order U, R, F, D, L, B. */
    public final double[] faceAngles = new double[FACES];
    /** Fingertip positions in the hand frame, metres: FF, MF, RF, LF, TH, each x, y, z. */
    public final double[] fingertipPos = new double[FINGERTIPS * 3];

    /** An identity pose at time zero. */
    public WorldTruth() {
        cubeQuat[0] = 1.0;
    }

    /**
     * Copies every field of {@code other} into this instance, without allocating.
     *
     * @param other the state to copy
     * @return this instance
     */
    public WorldTruth copyFrom(final WorldTruth other) {
        timeNanos = other.timeNanos;
        System.arraycopy(other.cubePos, 0, cubePos, 0, cubePos.length);
        System.arraycopy(other.cubeQuat, 0, cubeQuat, 0, cubeQuat.length);
        System.arraycopy(other.faceAngles, 0, faceAngles, 0, faceAngles.length);
        System.arraycopy(other.fingertipPos, 0, fingertipPos, 0, fingertipPos.length);
        return this;
    }
}
