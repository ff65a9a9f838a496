package dev.dexd.drivers.sensors;

import dev.dexd.common.geometry.Quaternions;
import dev.dexd.drivers.sim.WorldTruth;

/** Test truths: a smoothly moving world at a given time, and rotation-vector maths for error statistics. */
final class TruthScript {
    static final long MS = 1_000_000L;
    static final long SECOND = 1_000_000_000L;

    private TruthScript() {
    }

    /** A moving cube, turning faces and moving fingertips at {@code nanos}; allocation free. */
    static void moving(final WorldTruth t, final long nanos) {
        final double s = nanos * 1e-9;
        t.timeNanos = nanos;
        t.cubePos[0] = 0.01 * Math.sin(s);
        t.cubePos[1] = 0.02 * Math.cos(0.7 * s);
        t.cubePos[2] = 0.1 + 0.005 * Math.sin(1.3 * s);
        final double half = 0.25 * s;
        final double sh = Math.sin(half) / Math.sqrt(14.0);
        t.cubeQuat[0] = Math.cos(half);
        t.cubeQuat[1] = sh;
        t.cubeQuat[2] = 2.0 * sh;
        t.cubeQuat[3] = 3.0 * sh;
        for (int i = 0; i < WorldTruth.FACES; i++) {
            t.faceAngles[i] = 0.3 * i * Math.sin(s + i);
        }
        for (int i = 0; i < FingertipsSample.LENGTH; i++) {
            t.fingertipPos[i] = 0.01 * i + 0.01 * Math.sin(s * (i + 1));
        }
    }

    /** A fixed, non-trivial pose (so noise statistics are not measured at the identity). */
    static void fixedPose(final WorldTruth t) {
        t.cubePos[0] = 0.01;
        t.cubePos[1] = -0.02;
        t.cubePos[2] = 0.12;
        final double half = 0.6;
        final double sh = Math.sin(half) / Math.sqrt(3.0);
        t.cubeQuat[0] = Math.cos(half);
        t.cubeQuat[1] = sh;
        t.cubeQuat[2] = -sh;
        t.cubeQuat[3] = sh;
        for (int i = 0; i < FingertipsSample.LENGTH; i++) {
            t.fingertipPos[i] = 0.02 * i - 0.1;
        }
    }

    /**
     * Rotation vector (axis times angle, world frame) of the error rotation {@code measured * conj(truth)}.
     */
    static void errorRotationVector(final double[] measured, final double[] truth, final double[] out) {
        final double[] conj = {truth[0], -truth[1], -truth[2], -truth[3]};
        final double[] e = new double[4];
        Quaternions.multiply(measured, 0, conj, 0, e, 0);
        Quaternions.normaliseCanonical(e, 0);
        final double n = Math.sqrt(e[1] * e[1] + e[2] * e[2] + e[3] * e[3]);
        final double angle = 2.0 * Math.atan2(n, e[0]);
        for (int i = 0; i < 3; i++) {
            out[i] = n == 0.0 ? 0.0 : e[i + 1] / n * angle;
        }
    }
}
