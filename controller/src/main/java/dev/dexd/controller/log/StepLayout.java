package dev.dexd.controller.log;

import org.agrona.BitUtil;

/**
 * The shape of one run's step records: observation size N, actuators A, bins B and joints J, and
 * the fixed byte offsets they imply. Deterministic fields come first and the wall-clock timing group
 * last, so {@code [0, deterministicLength())} is everything that must repeat bit for bit in
 * lockstep. All multi-byte values are little-endian; 8-byte values sit on 8-byte boundaries.
 *
 * <pre>
 *   0 int schemaVersion      4 int flags            8 long step           16 long simTimeNanos
 *  24 int episode           28 int goalIndex       32 int goalState      36 int reserved
 *  40 long cubePoseCaptureNanos  48 faceAnglesCaptureNanos  56 fingertipsCaptureNanos  64 handReadNanos
 *  72 long stateDigest
 *  80 double[A] policyTargets, double[A] commandedTargets, double[A] actuatorPositions,
 *     double[J] jointPositions, double[3] cubePos, double[4] cubeQuat, double[6] faceAngles,
 *     float[N] observation, float[A*B] logits, byte[A] bins, padding to 8
 *  deterministicLength: timing group, 9 longs (wallTickNanos, latenessNanos, inferenceNanos,
 *     stepNanos, readNanos, observationNanos, decodeNanos, writeNanos, logHandoffNanos),
 *     int skippedPeriods, int reserved
 * </pre>
 */
public final class StepLayout {
    /** The step, event and header schema version this code writes and reads. */
    public static final int SCHEMA_VERSION = 1;
    /** The Shadow Hand's joint count. */
    public static final int HAND_JOINTS = 24;

    static final int SCHEMA_VERSION_OFFSET = 0;
    static final int FLAGS_OFFSET = 4;
    static final int STEP_OFFSET = 8;
    static final int SIM_TIME_OFFSET = 16;
    static final int EPISODE_OFFSET = 24;
    static final int GOAL_INDEX_OFFSET = 28;
    static final int GOAL_STATE_OFFSET = 32;
    static final int CUBE_POSE_CAPTURE_OFFSET = 40;
    static final int FACE_ANGLES_CAPTURE_OFFSET = 48;
    static final int FINGERTIPS_CAPTURE_OFFSET = 56;
    static final int HAND_READ_OFFSET = 64;
    static final int STATE_DIGEST_OFFSET = 72;
    static final int ARRAYS_OFFSET = 80;

    static final int WALL_TICK = 0;
    static final int LATENESS = 8;
    static final int INFERENCE = 16;
    static final int STEP_COST = 24;
    static final int READ_COST = 32;
    static final int OBSERVATION_COST = 40;
    static final int DECODE_COST = 48;
    static final int WRITE_COST = 56;
    static final int LOG_HANDOFF_COST = 64;
    static final int SKIPPED_PERIODS = 72;
    static final int TIMING_LENGTH = 80;

    private final int observationSize;
    private final int actuators;
    private final int bins;
    private final int joints;

    final int policyTargetsOffset;
    final int commandedTargetsOffset;
    final int actuatorPositionsOffset;
    final int jointPositionsOffset;
    final int cubePosOffset;
    final int cubeQuatOffset;
    final int faceAnglesOffset;
    final int observationOffset;
    final int logitsOffset;
    final int binsOffset;
    final int timingOffset;
    private final int length;

    private StepLayout(int observationSize, int actuators, int bins, int joints) {
        this.observationSize = observationSize;
        this.actuators = actuators;
        this.bins = bins;
        this.joints = joints;
        int o = ARRAYS_OFFSET;
        policyTargetsOffset = o;
        o += 8 * actuators;
        commandedTargetsOffset = o;
        o += 8 * actuators;
        actuatorPositionsOffset = o;
        o += 8 * actuators;
        jointPositionsOffset = o;
        o += 8 * joints;
        cubePosOffset = o;
        o += 8 * 3;
        cubeQuatOffset = o;
        o += 8 * 4;
        faceAnglesOffset = o;
        o += 8 * 6;
        observationOffset = o;
        o += 4 * observationSize;
        logitsOffset = o;
        o += 4 * actuators * bins;
        binsOffset = o;
        o += actuators;
        timingOffset = BitUtil.align(o, 8);
        length = timingOffset + TIMING_LENGTH;
    }

    /**
     * @param observationSize N, the model's input width
     * @param actuators A, actuators in the policy's order
     * @param bins B, action bins per actuator (at most 127: bins are stored as bytes)
     * @param joints J, measured joints (24 on the Shadow Hand)
     */
    public static StepLayout of(int observationSize, int actuators, int bins, int joints) {
        if (observationSize < 1 || actuators < 1 || bins < 1 || bins > Byte.MAX_VALUE || joints < 0) {
            throw new IllegalArgumentException("step layout needs observation >= 1, actuators >= 1, 1 <= bins <= 127,"
                + " joints >= 0; got N=" + observationSize + " A=" + actuators + " B=" + bins + " J=" + joints);
        }
        long bytes = 80L + 8L * (3L * actuators + joints + 13) + 4L * observationSize + 4L * actuators * bins
            + actuators + 8 + TIMING_LENGTH;
        if (bytes > (1 << 26)) {
            throw new IllegalArgumentException("step record of " + bytes + " bytes is too large");
        }
        return new StepLayout(observationSize, actuators, bins, joints);
    }

    public int observationSize() {
        return observationSize;
    }

    public int actuators() {
        return actuators;
    }

    public int bins() {
        return bins;
    }

    public int joints() {
        return joints;
    }

    /** Bytes of one step record. */
    public int length() {
        return length;
    }

    /** Bytes at the start of a record that exclude wall-clock timings (the digest covers these). */
    public int deterministicLength() {
        return timingOffset;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepLayout l && l.observationSize == observationSize && l.actuators == actuators
            && l.bins == bins && l.joints == joints;
    }

    @Override
    public int hashCode() {
        return ((observationSize * 31 + actuators) * 31 + bins) * 31 + joints;
    }

    @Override
    public String toString() {
        return "N=" + observationSize + " A=" + actuators + " B=" + bins + " J=" + joints + " (" + length + " bytes)";
    }
}
