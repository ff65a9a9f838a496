package dev.dexd.policy;

import ai.onnxruntime.OrtException;
import dev.dexd.policy.action.ActionDecoder;
import dev.dexd.policy.action.ActuatorRanges;
import dev.dexd.policy.manifest.PolicyManifest;
import dev.dexd.policy.observation.ObservationAssembler;
import dev.dexd.policy.observation.SensorSnapshot;
import dev.dexd.policy.onnx.PolicyRunner;
import java.nio.FloatBuffer;

/**
 * One full policy step, the part of the control step the policy owns: assemble the observation into
 * the model's input buffer, run the model with its carried state, decode the action into targets.
 * A non-finite observation never reaches the model: the step returns {@link #HELD} and the targets
 * are the hold action. Non-finite outputs (logits or any carried state tensor) never reach the
 * decoder or the next step: the step returns {@link #HELD_OUTPUT}, the targets hold and the carried
 * state stays the last finite one. Allocates nothing beyond what ONNX Runtime allocates inside its call.
 */
public final class PolicyStep implements AutoCloseable {
    /** The policy ran and the targets are its action. */
    public static final int RAN = 0;
    /** The observation was not finite: the policy did not run and the targets hold. */
    public static final int HELD = 1;
    /**
     * The model ran but an output (logits or state, see {@link #nonFiniteOutput()}) was not finite:
     * the targets hold and the state it wrote was dropped.
     */
    public static final int HELD_OUTPUT = 2;

    private final PolicyRunner runner;
    private final ObservationAssembler assembler;
    private final ActionDecoder decoder;
    private final double[] raw;
    private final int[] bins;
    private long assembleNanos;
    private long runNanos;
    private long decodeNanos;
    private int nonFiniteOutput = -1;

    /**
     * @param runner the model runner (owned by this step from now on)
     * @param ranges actuator ranges in the policy's order
     * @param smoothing EMA coefficient for targets, 0 for none
     */
    public PolicyStep(PolicyRunner runner, ActuatorRanges ranges, double smoothing) {
        PolicyManifest m = runner.manifest();
        this.runner = runner;
        this.assembler = new ObservationAssembler(m);
        this.decoder = new ActionDecoder(m.action(), ranges, smoothing);
        this.raw = new double[assembler.size()];
        this.bins = new int[m.action().actuators().size()];
    }

    /** Opens the manifest's model with the Shadow hand's built-in ranges (offline tools). */
    public static PolicyStep open(PolicyManifest manifest, double smoothing) {
        ActuatorRanges ranges = ActuatorRanges.shadowHand().select(manifest.action().actuators());
        return new PolicyStep(PolicyRunner.open(manifest), ranges, smoothing);
    }

    /**
     * Runs one step.
     *
     * @param sensors this step's snapshot
     * @param current current actuator positions, policy order
     * @param targets out: actuator targets, policy order
     * @return {@link #RAN}, {@link #HELD} or {@link #HELD_OUTPUT}
     */
    public int step(SensorSnapshot sensors, double[] current, double[] targets) throws OrtException {
        long t0 = System.nanoTime();
        if (!assembler.assemble(sensors, raw, runner.observation())) {
            decoder.hold(current, targets);
            assembleNanos = System.nanoTime() - t0;
            nonFiniteOutput = -1;
            runNanos = 0;
            decodeNanos = 0;
            return HELD;
        }
        long t1 = System.nanoTime();
        runner.run();
        long t2 = System.nanoTime();
        nonFiniteOutput = runner.firstNonFiniteOutput();
        if (nonFiniteOutput >= 0) {
            runner.rejectLastRun();
            decoder.hold(current, targets);
            assembleNanos = t1 - t0;
            runNanos = t2 - t1;
            decodeNanos = System.nanoTime() - t2;
            return HELD_OUTPUT;
        }
        decoder.decode(runner.logits(), current, targets, bins);
        long t3 = System.nanoTime();
        assembleNanos = t1 - t0;
        runNanos = t2 - t1;
        decodeNanos = t3 - t2;
        return RAN;
    }

    /**
     * After {@link #HELD_OUTPUT}: which output was not finite (0 the logits, 1 + i state pair i, as
     * {@link PolicyRunner#outputName} names them); -1 after a step whose outputs were finite.
     */
    public int nonFiniteOutput() {
        return nonFiniteOutput;
    }

    /** Time the last step spent assembling the observation, ns (for the step-cost breakdown). */
    public long assembleNanos() {
        return assembleNanos;
    }

    /** Time the last step spent in ONNX Runtime, ns. */
    public long runNanos() {
        return runNanos;
    }

    /** Time the last step spent decoding the action, ns. */
    public long decodeNanos() {
        return decodeNanos;
    }

    /** Zeroes the recurrent state and the smoothing history: a new episode. */
    public void reset() {
        runner.reset();
        decoder.reset();
    }

    /** The raw (unnormalised) observation of the last assembled step. */
    public double[] rawObservation() {
        return raw;
    }

    /** The normalised observation as fed to the model. */
    public FloatBuffer observation() {
        return runner.observation();
    }

    /** The logits of the last step that ran. */
    public FloatBuffer logits() {
        return runner.logits();
    }

    /** The arg-max bins of the last step that ran, policy order. */
    public int[] bins() {
        return bins;
    }

    public PolicyRunner runner() {
        return runner;
    }

    public ObservationAssembler assembler() {
        return assembler;
    }

    public ActionDecoder decoder() {
        return decoder;
    }

    @Override
    public void close() {
        runner.close();
    }
}
