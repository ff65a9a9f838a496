package dev.dexd.policy.observation;

/**
 * What the sensors and the goal say at one control step, in the units and frames of
 * docs/policy-contract.md. A mutable holder filled in place every step (no allocation); the control
 * thread owns it.
 */
public final class SensorSnapshot {
    /** FF, MF, RF, LF, TH fingertip xyz in the hand frame, metres. */
    public final double[] fingertipPos = new double[15];
    /** Cube centre xyz, metres. */
    public final double[] cubePos = new double[3];
    /** Cube orientation, w x y z. */
    public final double[] cubeQuat = {1, 0, 0, 0};
    /** Goal orientation, w x y z. */
    public final double[] goalQuat = {1, 0, 0, 0};
    /** Measured face angles U R F D L B, radians. */
    public final double[] cubeFaceAngles = new double[6];
    /** Goal face angles U R F D L B, radians. */
    public final double[] goalFaceAngles = new double[6];
    /** Joint positions, radians, the hand's joint order. */
    public final double[] jointPos = new double[24];
    /** Joint velocities, radians per second. */
    public final double[] jointVel = new double[24];

    /** Copies every field of {@code other} into this snapshot. */
    public void copyFrom(SensorSnapshot other) {
        System.arraycopy(other.fingertipPos, 0, fingertipPos, 0, fingertipPos.length);
        System.arraycopy(other.cubePos, 0, cubePos, 0, cubePos.length);
        System.arraycopy(other.cubeQuat, 0, cubeQuat, 0, cubeQuat.length);
        System.arraycopy(other.goalQuat, 0, goalQuat, 0, goalQuat.length);
        System.arraycopy(other.cubeFaceAngles, 0, cubeFaceAngles, 0, cubeFaceAngles.length);
        System.arraycopy(other.goalFaceAngles, 0, goalFaceAngles, 0, goalFaceAngles.length);
        System.arraycopy(other.jointPos, 0, jointPos, 0, jointPos.length);
        System.arraycopy(other.jointVel, 0, jointVel, 0, jointVel.length);
    }
}
