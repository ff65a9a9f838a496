package dev.dexd.controller.log;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *     [double[15] fingertips when the run has a fingertip source], [byte[54] cubeState, padding to 8,
 *     when it has a cube-state source], float[N] observation, float[A*B] logits, byte[A] bins, padding to 8
 *  deterministicLength: timing group, 9 longs (wallTickNanos, latenessNanos, inferenceNanos,
 *     stepNanos, readNanos, observationNanos, decodeNanos, writeNanos, logHandoffNanos),
 *     int skippedPeriods, int reserved
 * </pre>
 *
 * <p>The same layout as a table of named fields ({@link #fields()}, {@link #field(String)}) is written
 * into every log's header, so readers find a field by name instead of by offset.
 */
public final class StepLayout {
    /**
     * The log format version this code writes and reads (step, event and header records and the
     * queue documents around them). 2: the header's field table, a CRC32C per record, the run's
     * digest and record counts in the trailer. Version 1 logs are refused with one line.
     */
    public static final int SCHEMA_VERSION = 2;
    /** The Shadow Hand's joint count. */
    public static final int HAND_JOINTS = 24;
    /** Values of the optional fingertips field: 5 fingertips x 3. */
    public static final int FINGERTIP_VALUES = 15;
    /** Bytes of the optional cube_state field. */
    public static final int FACELETS = 54;

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
    private final boolean fingertips;
    private final boolean cubeState;

    final int policyTargetsOffset;
    final int commandedTargetsOffset;
    final int actuatorPositionsOffset;
    final int jointPositionsOffset;
    final int cubePosOffset;
    final int cubeQuatOffset;
    final int faceAnglesOffset;
    final int fingertipsOffset;   // -1 when the run has no fingertip source
    final int cubeStateOffset;    // -1 when the run has no cube-state source
    final int observationOffset;
    final int logitsOffset;
    final int binsOffset;
    final int timingOffset;
    private final int length;
    private final List<StepField> fields;
    private final Map<String, StepField> byName = new LinkedHashMap<>();

    private StepLayout(int observationSize, int actuators, int bins, int joints, boolean fingertips, boolean cubeState) {
        this.observationSize = observationSize;
        this.actuators = actuators;
        this.bins = bins;
        this.joints = joints;
        this.fingertips = fingertips;
        this.cubeState = cubeState;
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
        fingertipsOffset = fingertips ? o : -1;
        o += fingertips ? 8 * FINGERTIP_VALUES : 0;
        cubeStateOffset = cubeState ? o : -1;
        o += cubeState ? BitUtil.align(FACELETS, 8) : 0;
        observationOffset = o;
        o += 4 * observationSize;
        logitsOffset = o;
        o += 4 * actuators * bins;
        binsOffset = o;
        o += actuators;
        timingOffset = BitUtil.align(o, 8);
        length = timingOffset + TIMING_LENGTH;
        fields = List.copyOf(table());
        for (StepField f : fields) {
            byName.put(f.name(), f);
        }
    }

    /** Every field in record order; the header's field table. Adding a sensor field means one row here. */
    private List<StepField> table() {
        int a = actuators;
        List<StepField> t = new ArrayList<>();
        add(t, "schema_version", StepField.Type.INT32, 1, SCHEMA_VERSION_OFFSET, "", "log format version of this record");
        add(t, "flags", StepField.Type.INT32, 1, FLAGS_OFFSET, "bits", "StepFlags: why held, what was clipped, what happened");
        add(t, "step", StepField.Type.INT64, 1, STEP_OFFSET, "", "control step number");
        add(t, "sim_time_ns", StepField.Type.INT64, 1, SIM_TIME_OFFSET, "ns", "control clock at this tick");
        add(t, "episode", StepField.Type.INT32, 1, EPISODE_OFFSET, "", "episode number");
        add(t, "goal_index", StepField.Type.INT32, 1, GOAL_INDEX_OFFSET, "", "index of the current subgoal");
        add(t, "goal_state", StepField.Type.INT32, 1, GOAL_STATE_OFFSET, "", "goal logic state code");
        add(t, "reserved_0", StepField.Type.INT32, 1, GOAL_STATE_OFFSET + 4, "", "reserved, zero");
        add(t, "cube_pose_capture_ns", StepField.Type.INT64, 1, CUBE_POSE_CAPTURE_OFFSET, "ns",
            "control-clock capture time of the cube pose used");
        add(t, "face_angles_capture_ns", StepField.Type.INT64, 1, FACE_ANGLES_CAPTURE_OFFSET, "ns",
            "control-clock capture time of the face angles used");
        add(t, "fingertips_capture_ns", StepField.Type.INT64, 1, FINGERTIPS_CAPTURE_OFFSET, "ns",
            "control-clock capture time of the fingertip positions used");
        add(t, "hand_read_ns", StepField.Type.INT64, 1, HAND_READ_OFFSET, "ns", "control-clock time of the hand read");
        add(t, "state_digest", StepField.Type.INT64, 1, STATE_DIGEST_OFFSET, "", "FNV-1a digest of the recurrent state after the step");
        add(t, "policy_targets", StepField.Type.FLOAT64, a, policyTargetsOffset, "rad", "targets decoded from the policy, before safety");
        add(t, "commanded_targets", StepField.Type.FLOAT64, a, commandedTargetsOffset, "rad", "targets sent to the hand, after safety");
        add(t, "actuator_positions", StepField.Type.FLOAT64, a, actuatorPositionsOffset, "rad", "measured actuator positions, policy order");
        add(t, "joint_positions", StepField.Type.FLOAT64, joints, jointPositionsOffset, "rad", "measured joint positions, hand order");
        add(t, "cube_pos", StepField.Type.FLOAT64, 3, cubePosOffset, "m", "cube centre x y z as sensed and fed");
        add(t, "cube_quat", StepField.Type.FLOAT64, 4, cubeQuatOffset, "", "cube orientation w x y z as sensed and fed");
        add(t, "face_angles", StepField.Type.FLOAT64, 6, faceAnglesOffset, "rad", "face angles U R F D L B as sensed and fed");
        if (fingertips) {
            add(t, "fingertips", StepField.Type.FLOAT64, FINGERTIP_VALUES, fingertipsOffset, "m",
                "fingertips FF MF RF LF TH x y z in the hand frame as sensed and fed");
        }
        if (cubeState) {
            add(t, "cube_state", StepField.Type.INT8, FACELETS, cubeStateOffset, "",
                "the cube's 54 facelets URFDLB as ASCII face letters (U R F D L B), as sensed");
        }
        add(t, "observation", StepField.Type.FLOAT32, observationSize, observationOffset, "", "the model's input as fed (normalised, clipped)");
        add(t, "logits", StepField.Type.FLOAT32, a * bins, logitsOffset, "", "the model's logits, actuator-major");
        add(t, "bins", StepField.Type.INT8, a, binsOffset, "", "arg-max bin per actuator");
        add(t, "wall_tick_ns", StepField.Type.INT64, 1, timingOffset + WALL_TICK, "ns", "scheduled deadline (wall clock, not in the digest)");
        add(t, "lateness_ns", StepField.Type.INT64, 1, timingOffset + LATENESS, "ns", "actual start minus deadline");
        add(t, "inference_ns", StepField.Type.INT64, 1, timingOffset + INFERENCE, "ns", "policy inference time");
        add(t, "step_ns", StepField.Type.INT64, 1, timingOffset + STEP_COST, "ns", "the whole step's cost");
        add(t, "read_ns", StepField.Type.INT64, 1, timingOffset + READ_COST, "ns", "reading the sensor snapshots and the hand");
        add(t, "observation_ns", StepField.Type.INT64, 1, timingOffset + OBSERVATION_COST, "ns", "assembling the observation");
        add(t, "decode_ns", StepField.Type.INT64, 1, timingOffset + DECODE_COST, "ns", "decoding and checking the action");
        add(t, "write_ns", StepField.Type.INT64, 1, timingOffset + WRITE_COST, "ns", "writing the targets to the hand");
        add(t, "log_handoff_ns", StepField.Type.INT64, 1, timingOffset + LOG_HANDOFF_COST, "ns",
            "handing the (previous) record to the logger");
        add(t, "skipped_periods", StepField.Type.INT32, 1, timingOffset + SKIPPED_PERIODS, "", "periods skipped before this tick");
        add(t, "reserved_1", StepField.Type.INT32, 1, timingOffset + SKIPPED_PERIODS + 4, "", "reserved, zero");
        return t;
    }

    private static void add(List<StepField> t, String name, StepField.Type type, int count, int offset, String unit,
        String meaning) {
        t.add(new StepField(name, type, count, offset, unit, meaning));
    }

    /**
     * @param observationSize N, the model's input width
     * @param actuators A, actuators in the policy's order
     * @param bins B, action bins per actuator (at most 127: bins are stored as bytes)
     * @param joints J, measured joints (24 on the Shadow Hand)
     */
    public static StepLayout of(int observationSize, int actuators, int bins, int joints) {
        return of(observationSize, actuators, bins, joints, false, false);
    }

    /**
     * A layout whose sensor fields follow the run's configured sources: {@code fingertips} adds the
     * fingertip positions, {@code cubeState} the cube's facelets (the cube pose and face angles are
     * always there: the goal logic needs them).
     */
    public static StepLayout of(int observationSize, int actuators, int bins, int joints, boolean fingertips,
                                boolean cubeState) {
        if (observationSize < 1 || actuators < 1 || bins < 1 || bins > Byte.MAX_VALUE || joints < 0) {
            throw new IllegalArgumentException("step layout needs observation >= 1, actuators >= 1, 1 <= bins <= 127,"
                + " joints >= 0; got N=" + observationSize + " A=" + actuators + " B=" + bins + " J=" + joints);
        }
        long bytes = 80L + 8L * (3L * actuators + joints + 13) + 4L * observationSize + 4L * actuators * bins
            + actuators + 8 + TIMING_LENGTH + 8 * FINGERTIP_VALUES + FACELETS + 8;
        if (bytes > (1 << 26)) {
            throw new IllegalArgumentException("step record of " + bytes + " bytes is too large");
        }
        return new StepLayout(observationSize, actuators, bins, joints, fingertips, cubeState);
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

    /** Whether records carry the fingertip positions (the run had a fingertip source). */
    public boolean hasFingertips() {
        return fingertips;
    }

    /** Whether records carry the cube's facelets (the run had a cube-state source). */
    public boolean hasCubeState() {
        return cubeState;
    }

    /** Every field in record order (the header's field table). */
    public List<StepField> fields() {
        return fields;
    }

    /**
     * The field named {@code name}.
     *
     * @throws StepLogException (one line, naming the known fields) when this layout has no such field
     */
    public StepField field(String name) {
        StepField f = byName.get(name);
        if (f == null) {
            throw new StepLogException("step records have no field '" + name + "'; they have " + byName.keySet());
        }
        return f;
    }

    /** The field named {@code name}, or null. */
    public StepField findField(String name) {
        return byName.get(name);
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
            && l.bins == bins && l.joints == joints && l.fingertips == fingertips && l.cubeState == cubeState;
    }

    @Override
    public int hashCode() {
        return ((((observationSize * 31 + actuators) * 31 + bins) * 31 + joints) * 31 + (fingertips ? 1 : 0)) * 31
            + (cubeState ? 1 : 0);
    }

    @Override
    public String toString() {
        return "N=" + observationSize + " A=" + actuators + " B=" + bins + " J=" + joints + (fingertips ? " +fingertips" : "")
            + (cubeState ? " +cube_state" : "") + " (" + length + " bytes)";
    }
}
