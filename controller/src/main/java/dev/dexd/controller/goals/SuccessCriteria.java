package dev.dexd.controller.goals;

import dev.dexd.policy.observation.Angles;
import dev.dexd.common.geometry.Quaternions;

/**
 * The configured tests a step's measured pose is put to: how far the cube is from the goal
 * orientation and face angles, whether that counts as success, and whether the cube has been
 * dropped. Stateless apart from the configuration; allocation free.
 */
public final class SuccessCriteria {
    private final GoalConfig config;
    private final double maxPalmDistanceSquared;

    /** Tests with the tolerances and drop limits of {@code config}. */
    public SuccessCriteria(final GoalConfig config) {
        this.config = config;
        this.maxPalmDistanceSquared = config.maxPalmDistance() * config.maxPalmDistance();
    }

    /**
     * Radians between the unit quaternions {@code cubeQuat} and {@code goalQuat}; for a rotation with
     * {@link GoalConfig#rotationTiltOnly()}, the angle between {@code top}'s direction and world up
     * instead (the turn about the vertical does not count).
     */
    public double orientationError(final double[] cubeQuat, final double[] goalQuat, final SubgoalKind kind,
        final Face top) {
        if (kind == SubgoalKind.ROTATION && config.rotationTiltOnly()) {
            return CubeGeometry.tilt(cubeQuat, top);
        }
        return Quaternions.angleBetween(cubeQuat, goalQuat);
    }

    /**
     * The six face-angle differences, each wrapped to [-pi, pi), combined as configured: the largest
     * absolute difference ({@code MAX}) or their Euclidean norm ({@code L2}). NaN if any angle is NaN.
     */
    public double faceError(final double[] faceAngles, final double[] goalFaceAngles) {
        final boolean l2 = config.faceMetric() == GoalConfig.FaceMetric.L2;
        double acc = 0;
        for (int i = 0; i < Face.COUNT; i++) {
            final double d = Angles.wrap(faceAngles[i] - goalFaceAngles[i]);
            if (d != d) {
                return Double.NaN;
            }
            acc = l2 ? acc + d * d : Math.max(acc, Math.abs(d));
        }
        return l2 ? Math.sqrt(acc) : acc;
    }

    /** True when both errors are within tolerance (false for NaN). */
    public boolean isMet(final double orientationError, final double faceError) {
        return orientationError <= config.orientationTolerance() && faceError <= config.faceTolerance();
    }

    /** True when the cube centre is below the drop height or, if enabled, too far from the palm. */
    public boolean isDropped(final double[] cubePos) {
        if (cubePos[2] < config.dropHeight()) {
            return true;
        }
        if (maxPalmDistanceSquared > 0) {
            final double dx = cubePos[0] - config.palmX();
            final double dy = cubePos[1] - config.palmY();
            return dx * dx + dy * dy > maxPalmDistanceSquared;
        }
        return false;
    }
}
