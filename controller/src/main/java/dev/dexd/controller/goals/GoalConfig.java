package dev.dexd.controller.goals;

/**
 * When a subgoal counts as done, failed or dropped, and when an episode ends. Defaults follow the
 * Dactyl Rubik's cube deployment (OpenAI 2019); see {@link #defaults()}. Invalid values are refused
 * at construction with the field's key path ({@code goals.<field>}).
 *
 * <p>Face test: with {@link FaceMetric#MAX} (the default) every face must be within
 * {@code faceTolerance} of its goal angle, which for the default 0.1 rad is the paper's "all six
 * face angles within 0.1 rad". OpenAI's robogym code instead compares the L2 norm of the six
 * differences with 0.2; choose {@link FaceMetric#L2} and 0.2 to match it.
 *
 * @param orientationTolerance radians between the cube and goal orientation for success (0.4)
 * @param faceTolerance        radians, per face or as an L2 norm (see {@code faceMetric}) (0.1)
 * @param faceMetric           how the six face-angle errors are combined (MAX)
 * @param rotationTiltOnly     for rotations, measure only how far the top face tilts from up instead
 *                             of the full orientation error, as robogym does (false)
 * @param timeoutSteps         steps a subgoal may take before it fails and ends the episode (1600,
 *                             128 s at 80 ms as on the real robot)
 * @param successesToEnd       consecutive successes that end the episode (50)
 * @param dropHeight           cube centre world z below which the cube counts as dropped, metres
 *                             (0.15: in configs/sim the cube rests at z 0.230 on a palm at about 0.2)
 * @param palmX                world x of the palm centre for the distance test, metres (0)
 * @param palmY                world y of the palm centre for the distance test, metres (0)
 * @param maxPalmDistance      horizontal distance of the cube from (palmX, palmY) beyond which it
 *                             counts as dropped, metres; 0 disables the test (0)
 * @param queueCapacity        subgoals the goal queue holds (4096)
 */
public record GoalConfig(
    double orientationTolerance,
    double faceTolerance,
    FaceMetric faceMetric,
    boolean rotationTiltOnly,
    int timeoutSteps,
    int successesToEnd,
    double dropHeight,
    double palmX,
    double palmY,
    double maxPalmDistance,
    int queueCapacity) {

    /** How the six face-angle errors are combined into one number for the face test. */
    public enum FaceMetric {
        /** The largest of the six absolute differences. */
        MAX,
        /** The Euclidean norm of the six differences (robogym). */
        L2
    }

    private static final GoalConfig DEFAULTS =
        new GoalConfig(0.4, 0.1, FaceMetric.MAX, false, 1600, 50, 0.15, 0, 0, 0, 4096);

    /** Validates every field; the message names the first bad one. */
    public GoalConfig {
        positive("orientationTolerance", orientationTolerance);
        positive("faceTolerance", faceTolerance);
        if (faceMetric == null) {
            throw new IllegalArgumentException("goals.faceMetric must be MAX or L2, was null");
        }
        atLeastOne("timeoutSteps", timeoutSteps);
        atLeastOne("successesToEnd", successesToEnd);
        atLeastOne("queueCapacity", queueCapacity);
        finite("dropHeight", dropHeight);
        finite("palmX", palmX);
        finite("palmY", palmY);
        finite("maxPalmDistance", maxPalmDistance);
        if (maxPalmDistance < 0) {
            throw new IllegalArgumentException("goals.maxPalmDistance must be >= 0 (0 disables it), was "
                + maxPalmDistance);
        }
    }

    /** The Dactyl values (see the field descriptions above). */
    public static GoalConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void positive(final String name, final double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("goals." + name + " must be a finite number of radians > 0, was " + v);
        }
    }

    private static void finite(final String name, final double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("goals." + name + " must be a finite number of metres, was " + v);
        }
    }

    private static void atLeastOne(final String name, final int v) {
        if (v < 1) {
            throw new IllegalArgumentException("goals." + name + " must be >= 1, was " + v);
        }
    }

    /** Mutable builder for {@link GoalConfig}; each setter is named after its field. */
    public static final class Builder {
        private double orientationTolerance;
        private double faceTolerance;
        private FaceMetric faceMetric;
        private boolean rotationTiltOnly;
        private int timeoutSteps;
        private int successesToEnd;
        private double dropHeight;
        private double palmX;
        private double palmY;
        private double maxPalmDistance;
        private int queueCapacity;

        private Builder(final GoalConfig c) {
            orientationTolerance = c.orientationTolerance;
            faceTolerance = c.faceTolerance;
            faceMetric = c.faceMetric;
            rotationTiltOnly = c.rotationTiltOnly;
            timeoutSteps = c.timeoutSteps;
            successesToEnd = c.successesToEnd;
            dropHeight = c.dropHeight;
            palmX = c.palmX;
            palmY = c.palmY;
            maxPalmDistance = c.maxPalmDistance;
            queueCapacity = c.queueCapacity;
        }

        public Builder orientationTolerance(final double v) {
            orientationTolerance = v;
            return this;
        }

        public Builder faceTolerance(final double v) {
            faceTolerance = v;
            return this;
        }

        public Builder faceMetric(final FaceMetric v) {
            faceMetric = v;
            return this;
        }

        public Builder rotationTiltOnly(final boolean v) {
            rotationTiltOnly = v;
            return this;
        }

        public Builder timeoutSteps(final int v) {
            timeoutSteps = v;
            return this;
        }

        public Builder successesToEnd(final int v) {
            successesToEnd = v;
            return this;
        }

        public Builder dropHeight(final double v) {
            dropHeight = v;
            return this;
        }

        public Builder palmX(final double v) {
            palmX = v;
            return this;
        }

        public Builder palmY(final double v) {
            palmY = v;
            return this;
        }

        public Builder maxPalmDistance(final double v) {
            maxPalmDistance = v;
            return this;
        }

        public Builder queueCapacity(final int v) {
            queueCapacity = v;
            return this;
        }

        /** The configuration, validated. */
        public GoalConfig build() {
            return new GoalConfig(orientationTolerance, faceTolerance, faceMetric, rotationTiltOnly, timeoutSteps,
                successesToEnd, dropHeight, palmX, palmY, maxPalmDistance, queueCapacity);
        }
    }
}
