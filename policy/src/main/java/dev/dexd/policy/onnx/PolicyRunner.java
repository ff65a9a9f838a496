package dev.dexd.policy.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.dexd.policy.PolicyException;
import dev.dexd.policy.bench.AllocationMeter;
import dev.dexd.policy.manifest.PolicyManifest.StatePair;
import dev.dexd.policy.manifest.PolicyManifest;
import dev.dexd.policy.model.ModelFiles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one recurrent policy step at a time through ONNX Runtime without allocating around the call.
 *
 * <p>Every tensor wraps a direct buffer created once: the observation is written into
 * {@link #observation()} in place, the logits appear in {@link #logits()}. The recurrent state is
 * double-buffered: two tensor sets per state pair, and each step feeds one set and has ORT write the
 * other as pinned outputs, then swaps which is which (no copy). One intra-op and one inter-op thread:
 * a batch-1 LSTM gains nothing from more, and one thread keeps results bit-for-bit repeatable.
 *
 * <p>Not thread-safe: one control thread owns it.
 */
public final class PolicyRunner implements AutoCloseable {
    private final PolicyManifest manifest;
    private final OrtSession session;
    private final OnnxTensor observationTensor;
    private final FloatBuffer observation;
    private final OnnxTensor logitsTensor;
    private final FloatBuffer logits;
    private final FloatBuffer[][] state;   // [set][pair]
    private final OnnxTensor[][] stateTensors;
    private final Map<String, OnnxTensor>[] inputs;   // per phase: feeds set p
    private final Map<String, OnnxTensor>[] outputs;  // per phase: writes set 1-p
    private int phase;
    private long steps;
    private long ortAllocatedBytes;

    private PolicyRunner(PolicyManifest manifest, OrtSession session) throws OrtException {
        this.manifest = manifest;
        this.session = session;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int n = manifest.observationSize();
        observation = directFloats(n);
        observationTensor = OnnxTensor.createTensor(env, observation, new long[] {1, n});
        int actuators = manifest.action().actuators().size();
        logits = directFloats(actuators * manifest.action().bins());
        logitsTensor = OnnxTensor.createTensor(env, logits, new long[] {1, actuators, manifest.action().bins()});

        List<StatePair> pairs = manifest.state();
        state = new FloatBuffer[2][pairs.size()];
        stateTensors = new OnnxTensor[2][pairs.size()];
        for (int set = 0; set < 2; set++) {
            for (int i = 0; i < pairs.size(); i++) {
                state[set][i] = directFloats(pairs.get(i).elements());
                stateTensors[set][i] = OnnxTensor.createTensor(env, state[set][i], pairs.get(i).shape());
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, OnnxTensor>[] in = new Map[2];
        @SuppressWarnings("unchecked")
        Map<String, OnnxTensor>[] out = new Map[2];
        for (int p = 0; p < 2; p++) {
            in[p] = new HashMap<>();
            out[p] = new HashMap<>();
            in[p].put(manifest.observationTensor(), observationTensor);
            out[p].put(manifest.action().tensor(), logitsTensor);
            for (int i = 0; i < pairs.size(); i++) {
                in[p].put(pairs.get(i).input(), stateTensors[p][i]);
                out[p].put(pairs.get(i).output(), stateTensors[1 - p][i]);
            }
        }
        inputs = in;
        outputs = out;
    }

    /**
     * Loads the manifest's model, checks it against the manifest and prepares every tensor.
     *
     * @throws PolicyException naming the problem when the model is missing, corrupt or mismatched
     */
    public static PolicyRunner open(PolicyManifest manifest) {
        OrtSession session = openSession(manifest);
        PolicyRunner runner = null;
        try {
            List<String> problems = ModelCheck.mismatches(manifest, session.getInputInfo(), session.getOutputInfo());
            if (!problems.isEmpty()) {
                throw new PolicyException("model " + manifest.model().getFileName() + " does not match manifest "
                    + manifest.source().getFileName() + ": " + String.join("; ", problems));
            }
            runner = new PolicyRunner(manifest, session);
            runner.refuseNonFiniteOnNeutralInput();
            return runner;
        } catch (OrtException e) {
            closeQuietly(session, runner);
            throw new PolicyException("cannot prepare model " + manifest.model() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session, runner);
            throw e;
        }
    }

    private static void closeQuietly(OrtSession session, PolicyRunner runner) {
        if (runner != null) {
            runner.close(); // its tensors and the session
        } else {
            closeQuietly(session);
        }
    }

    /** An ORT session with the options dexd always uses (one thread each, all graph optimisations). */
    public static OrtSession openSession(PolicyManifest manifest) {
        byte[] bytes = ModelFiles.read(manifest.model(), "named by 'model' in " + manifest.source());
        return openSession(bytes, manifest.model().toString());
    }

    /** An ORT session over model bytes, with dexd's options. */
    public static OrtSession openSession(byte[] model, String name) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return OrtEnvironment.getEnvironment().createSession(model, options);
        } catch (OrtException e) {
            String msg = e.getMessage() == null ? "unknown error" : e.getMessage().lines().findFirst().orElse("");
            throw new PolicyException("cannot load model " + name + ": not a valid ONNX model for this runtime ("
                + msg + ")", e);
        }
    }

    /** The observation input, N floats: write it in place (absolute puts) before {@link #run}. */
    public FloatBuffer observation() {
        return observation;
    }

    /** The logits [actuators x bins], valid after {@link #run} until the next run. */
    public FloatBuffer logits() {
        return logits;
    }

    /** The state tensor of pair {@code i} that the next step will feed (after a run: that run's output). */
    public FloatBuffer state(int i) {
        return state[phase][i];
    }

    /** Number of state pairs. */
    public int statePairs() {
        return state[0].length;
    }

    public PolicyManifest manifest() {
        return manifest;
    }

    /** Steps run since open. */
    public long steps() {
        return steps;
    }

    /**
     * Runs one step: feeds the observation and the current state, writes the logits and the next
     * state, and makes that the current state.
     *
     * @throws OrtException if ORT fails (the state is unchanged)
     */
    public void run() throws OrtException {
        long before = AllocationMeter.allocatedBytes();
        session.run(inputs[phase], outputs[phase]);
        ortAllocatedBytes += AllocationMeter.allocatedBytes() - before;
        phase = 1 - phase;
        steps++;
    }

    /**
     * Bytes ORT's Java API allocated inside {@link #run} so far, on the calling thread. Lets the daemon
     * show that everything around the call allocates nothing: its thread's total minus this.
     */
    public long ortAllocatedBytes() {
        return ortAllocatedBytes;
    }

    /**
     * Takes back the last {@link #run}: the state it wrote is dropped and the state it was fed is the
     * current one again (the sets are only swapped back, nothing is copied). For a step whose
     * outputs were not finite, so that a NaN never enters the carried state.
     */
    public void rejectLastRun() {
        phase = 1 - phase;
    }

    /**
     * The first output of the last {@link #run} that is not finite: -1 when the logits and every
     * state tensor it wrote are finite, 0 for the logits, 1 + i for state pair {@code i}. No allocation.
     */
    public int firstNonFiniteOutput() {
        if (!finite(logits)) {
            return 0;
        }
        FloatBuffer[] written = state[phase];
        for (int i = 0; i < written.length; i++) {
            if (!finite(written[i])) {
                return 1 + i;
            }
        }
        return -1;
    }

    /** The name of output {@code index} as {@link #firstNonFiniteOutput()} numbers them. */
    public String outputName(int index) {
        return index == 0 ? manifest.action().tensor() : manifest.state().get(index - 1).output();
    }

    private static boolean finite(FloatBuffer b) {
        for (int i = 0, n = b.capacity(); i < n; i++) {
            if (!Float.isFinite(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs one step on the neutral observation (every feature at the normaliser's mean, so the
     * model's input is all zeros) from zero state, and refuses a model whose outputs are not finite:
     * its weights are broken, and the control loop would only ever hold. Leaves zero state behind.
     */
    private void refuseNonFiniteOnNeutralInput() throws OrtException {
        for (int i = 0, n = observation.capacity(); i < n; i++) {
            observation.put(i, 0f);
        }
        reset();
        session.run(inputs[phase], outputs[phase]);
        phase = 1 - phase;
        int bad = firstNonFiniteOutput();
        phase = 1 - phase;
        reset();
        for (int i = 0, n = logits.capacity(); i < n; i++) {
            logits.put(i, 0f);
        }
        if (bad >= 0) {
            throw new PolicyException("model " + manifest.model() + " gives a non-finite output '" + outputName(bad)
                + "' on a neutral observation (every feature at the normaliser's mean): its weights hold NaN or"
                + " overflow; export it again from a good checkpoint, or fix 'model' in " + manifest.source());
        }
    }

    /** Runs ORT once without swapping state: the bare call, for benchmarks. */
    public void runWithoutSwap() throws OrtException {
        session.run(inputs[phase], outputs[phase]);
    }

    /** Zeroes the recurrent state: the next step starts a new episode. */
    public void reset() {
        for (FloatBuffer[] set : state) {
            for (FloatBuffer b : set) {
                for (int i = 0, n = b.capacity(); i < n; i++) {
                    b.put(i, 0f);
                }
            }
        }
    }

    @Override
    public void close() {
        for (OnnxTensor[] set : stateTensors) {
            for (OnnxTensor t : set) {
                t.close();
            }
        }
        observationTensor.close();
        logitsTensor.close();
        closeQuietly(session);
    }

    private static FloatBuffer directFloats(int n) {
        return ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException ignored) {
            // closing after a failure: the failure is what the user needs to see
        }
    }
}
