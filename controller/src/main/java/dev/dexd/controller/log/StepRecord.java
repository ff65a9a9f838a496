package dev.dexd.controller.log;

import static dev.dexd.controller.log.StepLayout.*;

import java.nio.ByteOrder;
import org.agrona.MutableDirectBuffer;

/**
 * A flyweight over one step record in a buffer (the logger's ring while it is written, a copy of a
 * Chronicle document when it is read): typed getters and setters at the fixed offsets of a
 * {@link StepLayout}. Deterministic fields first, the wall-clock timing group last. Nothing here
 * allocates after construction; one instance is reused for every record.
 */
public final class StepRecord {
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final StepLayout layout;
    private final DoubleArrayField policyTargets;
    private final DoubleArrayField commandedTargets;
    private final DoubleArrayField actuatorPositions;
    private final DoubleArrayField jointPositions;
    private final DoubleArrayField cubePos = new DoubleArrayField(3);
    private final DoubleArrayField cubeQuat = new DoubleArrayField(4);
    private final DoubleArrayField faceAngles = new DoubleArrayField(6);
    private final DoubleArrayField fingertips = new DoubleArrayField(FINGERTIP_VALUES);
    private final ByteArrayField cubeState = new ByteArrayField(FACELETS);
    private final FloatArrayField observation;
    private final FloatArrayField logits;
    private final ByteArrayField bins;
    private MutableDirectBuffer buffer;
    private int offset;
    private int timing;

    public StepRecord(StepLayout layout) {
        this.layout = layout;
        policyTargets = new DoubleArrayField(layout.actuators());
        commandedTargets = new DoubleArrayField(layout.actuators());
        actuatorPositions = new DoubleArrayField(layout.actuators());
        jointPositions = new DoubleArrayField(layout.joints());
        observation = new FloatArrayField(layout.observationSize());
        logits = new FloatArrayField(layout.actuators() * layout.bins());
        bins = new ByteArrayField(layout.actuators());
    }

    /** Points this flyweight (and its array fields) at the record starting at {@code offset}. */
    public StepRecord wrap(MutableDirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        this.timing = offset + layout.timingOffset;
        policyTargets.wrap(buffer, offset + layout.policyTargetsOffset);
        commandedTargets.wrap(buffer, offset + layout.commandedTargetsOffset);
        actuatorPositions.wrap(buffer, offset + layout.actuatorPositionsOffset);
        jointPositions.wrap(buffer, offset + layout.jointPositionsOffset);
        cubePos.wrap(buffer, offset + layout.cubePosOffset);
        cubeQuat.wrap(buffer, offset + layout.cubeQuatOffset);
        faceAngles.wrap(buffer, offset + layout.faceAnglesOffset);
        if (layout.fingertipsOffset >= 0) {
            fingertips.wrap(buffer, offset + layout.fingertipsOffset);
        }
        if (layout.cubeStateOffset >= 0) {
            cubeState.wrap(buffer, offset + layout.cubeStateOffset);
        }
        observation.wrap(buffer, offset + layout.observationOffset);
        logits.wrap(buffer, offset + layout.logitsOffset);
        bins.wrap(buffer, offset + layout.binsOffset);
        return this;
    }

    /** Zeroes the whole record and stamps the schema version (for a record written in place). */
    public StepRecord clear() {
        buffer.setMemory(offset, layout.length(), (byte) 0);
        buffer.putInt(offset + SCHEMA_VERSION_OFFSET, SCHEMA_VERSION, ORDER);
        return this;
    }

    public StepLayout layout() {
        return layout;
    }

    public MutableDirectBuffer buffer() {
        return buffer;
    }

    public int offset() {
        return offset;
    }

    // ---- deterministic part

    public int schemaVersion() {
        return buffer.getInt(offset + SCHEMA_VERSION_OFFSET, ORDER);
    }

    /** {@link StepFlags} bits. */
    public int flags() {
        return buffer.getInt(offset + FLAGS_OFFSET, ORDER);
    }

    public StepRecord flags(int value) {
        buffer.putInt(offset + FLAGS_OFFSET, value, ORDER);
        return this;
    }

    /** Sets {@code bits} in addition to those already set. */
    public StepRecord addFlags(int bits) {
        return flags(flags() | bits);
    }

    public long step() {
        return buffer.getLong(offset + STEP_OFFSET, ORDER);
    }

    public StepRecord step(long value) {
        buffer.putLong(offset + STEP_OFFSET, value, ORDER);
        return this;
    }

    /** The control clock at this tick: step x period in lockstep, the loop's clock in real time. */
    public long simTimeNanos() {
        return buffer.getLong(offset + SIM_TIME_OFFSET, ORDER);
    }

    public StepRecord simTimeNanos(long value) {
        buffer.putLong(offset + SIM_TIME_OFFSET, value, ORDER);
        return this;
    }

    public int episode() {
        return buffer.getInt(offset + EPISODE_OFFSET, ORDER);
    }

    public StepRecord episode(int value) {
        buffer.putInt(offset + EPISODE_OFFSET, value, ORDER);
        return this;
    }

    public int goalIndex() {
        return buffer.getInt(offset + GOAL_INDEX_OFFSET, ORDER);
    }

    public StepRecord goalIndex(int value) {
        buffer.putInt(offset + GOAL_INDEX_OFFSET, value, ORDER);
        return this;
    }

    /** The goal logic's state code (its meaning belongs to the goal logic). */
    public int goalState() {
        return buffer.getInt(offset + GOAL_STATE_OFFSET, ORDER);
    }

    public StepRecord goalState(int value) {
        buffer.putInt(offset + GOAL_STATE_OFFSET, value, ORDER);
        return this;
    }

    /** When the cube pose used this step was captured, on the control clock. */
    public long cubePoseCaptureNanos() {
        return buffer.getLong(offset + CUBE_POSE_CAPTURE_OFFSET, ORDER);
    }

    public StepRecord cubePoseCaptureNanos(long value) {
        buffer.putLong(offset + CUBE_POSE_CAPTURE_OFFSET, value, ORDER);
        return this;
    }

    public long faceAnglesCaptureNanos() {
        return buffer.getLong(offset + FACE_ANGLES_CAPTURE_OFFSET, ORDER);
    }

    public StepRecord faceAnglesCaptureNanos(long value) {
        buffer.putLong(offset + FACE_ANGLES_CAPTURE_OFFSET, value, ORDER);
        return this;
    }

    public long fingertipsCaptureNanos() {
        return buffer.getLong(offset + FINGERTIPS_CAPTURE_OFFSET, ORDER);
    }

    public StepRecord fingertipsCaptureNanos(long value) {
        buffer.putLong(offset + FINGERTIPS_CAPTURE_OFFSET, value, ORDER);
        return this;
    }

    public long handReadNanos() {
        return buffer.getLong(offset + HAND_READ_OFFSET, ORDER);
    }

    public StepRecord handReadNanos(long value) {
        buffer.putLong(offset + HAND_READ_OFFSET, value, ORDER);
        return this;
    }

    /** A 64-bit hash of the recurrent state after this step (see {@link StateDigest}). */
    public long stateDigest() {
        return buffer.getLong(offset + STATE_DIGEST_OFFSET, ORDER);
    }

    public StepRecord stateDigest(long value) {
        buffer.putLong(offset + STATE_DIGEST_OFFSET, value, ORDER);
        return this;
    }

    /** The model's input as fed (normalised, clipped), N floats. */
    public FloatArrayField observation() {
        return observation;
    }

    /** The model's logits, actuator-major, A x B floats. */
    public FloatArrayField logits() {
        return logits;
    }

    /** The arg-max bin per actuator, A bytes. */
    public ByteArrayField bins() {
        return bins;
    }

    /** Targets as decoded from the policy, before safety, A doubles. */
    public DoubleArrayField policyTargets() {
        return policyTargets;
    }

    /** Targets sent to the hand, after safety, A doubles. */
    public DoubleArrayField commandedTargets() {
        return commandedTargets;
    }

    /** Measured actuator positions in the policy's order (relative actions decode against these). */
    public DoubleArrayField actuatorPositions() {
        return actuatorPositions;
    }

    /** Measured joint positions, J doubles, the hand's joint order. */
    public DoubleArrayField jointPositions() {
        return jointPositions;
    }

    /** Cube centre xyz as sensed and fed. */
    public DoubleArrayField cubePos() {
        return cubePos;
    }

    /** Cube orientation w x y z as sensed and fed. */
    public DoubleArrayField cubeQuat() {
        return cubeQuat;
    }

    /** Face angles U R F D L B as sensed and fed. */
    public DoubleArrayField faceAngles() {
        return faceAngles;
    }

    /** Fingertips FF MF RF LF TH xyz as sensed and fed; only when {@link StepLayout#hasFingertips()}. */
    public DoubleArrayField fingertips() {
        if (!layout.hasFingertips()) {
            throw new IllegalStateException("this run's step records have no fingertips field");
        }
        return fingertips;
    }

    /** The cube's facelets as sensed; only when {@link StepLayout#hasCubeState()}. */
    public ByteArrayField cubeState() {
        if (!layout.hasCubeState()) {
            throw new IllegalStateException("this run's step records have no cube_state field");
        }
        return cubeState;
    }

    // ---- timing group (wall clock, System.nanoTime base; left out of the digest)

    /** The tick's scheduled deadline. */
    public long wallTickNanos() {
        return buffer.getLong(timing + WALL_TICK, ORDER);
    }

    public StepRecord wallTickNanos(long value) {
        buffer.putLong(timing + WALL_TICK, value, ORDER);
        return this;
    }

    /** Actual start minus deadline. */
    public long latenessNanos() {
        return buffer.getLong(timing + LATENESS, ORDER);
    }

    public StepRecord latenessNanos(long value) {
        buffer.putLong(timing + LATENESS, value, ORDER);
        return this;
    }

    public long inferenceNanos() {
        return buffer.getLong(timing + INFERENCE, ORDER);
    }

    public StepRecord inferenceNanos(long value) {
        buffer.putLong(timing + INFERENCE, value, ORDER);
        return this;
    }

    /** The whole step's cost. */
    public long stepNanos() {
        return buffer.getLong(timing + STEP_COST, ORDER);
    }

    public StepRecord stepNanos(long value) {
        buffer.putLong(timing + STEP_COST, value, ORDER);
        return this;
    }

    /** Reading the sensor snapshots. */
    public long readNanos() {
        return buffer.getLong(timing + READ_COST, ORDER);
    }

    public StepRecord readNanos(long value) {
        buffer.putLong(timing + READ_COST, value, ORDER);
        return this;
    }

    /** Assembling the observation. */
    public long observationNanos() {
        return buffer.getLong(timing + OBSERVATION_COST, ORDER);
    }

    public StepRecord observationNanos(long value) {
        buffer.putLong(timing + OBSERVATION_COST, value, ORDER);
        return this;
    }

    /** Decoding and checking the action. */
    public long decodeNanos() {
        return buffer.getLong(timing + DECODE_COST, ORDER);
    }

    public StepRecord decodeNanos(long value) {
        buffer.putLong(timing + DECODE_COST, value, ORDER);
        return this;
    }

    /** Writing the targets to the hand. */
    public long writeNanos() {
        return buffer.getLong(timing + WRITE_COST, ORDER);
    }

    public StepRecord writeNanos(long value) {
        buffer.putLong(timing + WRITE_COST, value, ORDER);
        return this;
    }

    /**
     * Handing the record to the logger (claim, fill, commit). A record cannot time its own commit, so
     * the control loop may store the previous step's figure here.
     */
    public long logHandoffNanos() {
        return buffer.getLong(timing + LOG_HANDOFF_COST, ORDER);
    }

    public StepRecord logHandoffNanos(long value) {
        buffer.putLong(timing + LOG_HANDOFF_COST, value, ORDER);
        return this;
    }

    /** Whole periods skipped before this tick because the loop overran. */
    public int skippedPeriods() {
        return buffer.getInt(timing + SKIPPED_PERIODS, ORDER);
    }

    public StepRecord skippedPeriods(int value) {
        buffer.putInt(timing + SKIPPED_PERIODS, value, ORDER);
        return this;
    }
}
