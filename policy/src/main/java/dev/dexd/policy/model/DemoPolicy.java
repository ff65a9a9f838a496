package dev.dexd.policy.model;

import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A stand-in for a trained Rubik's cube policy, with the real contract (54 normalised observations
 * in, 20 x 11 logits out, LSTM state carried between steps) and seeded random weights. The weights
 * are Glorot-uniform scaled, so logits stay finite and the arg-max bins move with the input and
 * over time. Graph: obs [1,54] -> Gemm (width D) -> Relu -> Unsqueeze [1,1,D] -> LSTM (H) ->
 * Reshape [1,H] -> Gemm 220 -> Reshape logits [1,20,11]; state h_in/c_in -> h_out/c_out [1,1,H].
 */
public final class DemoPolicy {
    public static final String MODEL_FILE = "demo-lstm.onnx";
    public static final String MANIFEST_FILE = "demo-lstm.yaml";
    /** Hidden sizes this generator accepts; the deployed 2019 policy used 1024. */
    public static final int MAX_HIDDEN = 4096;

    private static final double BIAS_LIMIT = 0.1;
    private static final float FORGET_BIAS = 1.0f;

    private final int hidden;
    private final long seed;
    private final DenseLayer dense;
    private final LstmCell lstm;
    private final DenseLayer head;

    private DemoPolicy(int hidden, long seed, DenseLayer dense, LstmCell lstm, DenseLayer head) {
        this.hidden = hidden;
        this.seed = seed;
        this.dense = dense;
        this.lstm = lstm;
        this.head = head;
    }

    /** A policy with an input layer as wide as the LSTM. */
    public static DemoPolicy generate(int hidden, long seed) {
        return generate(hidden, hidden, seed);
    }

    /** A policy with an input layer of {@code denseWidth} units and an LSTM of {@code hidden} units. */
    public static DemoPolicy generate(int hidden, int denseWidth, long seed) {
        checkSize("hidden", hidden);
        checkSize("dense width", denseWidth);
        SplittableRandom rng = new SplittableRandom(seed);
        int obs = DemoContract.OBSERVATION_SIZE;
        DenseLayer dense = DenseLayer.uniform(obs, denseWidth, DenseLayer.glorotLimit(obs, denseWidth), BIAS_LIMIT, rng);
        LstmCell lstm = LstmCell.uniform(denseWidth, hidden, DenseLayer.glorotLimit(denseWidth, hidden),
            DenseLayer.glorotLimit(hidden, hidden), BIAS_LIMIT, FORGET_BIAS, rng);
        DenseLayer head = DenseLayer.uniform(hidden, DemoContract.LOGITS,
            DenseLayer.glorotLimit(hidden, DemoContract.LOGITS), BIAS_LIMIT, rng);
        return new DemoPolicy(hidden, seed, dense, lstm, head);
    }

    public int hidden() {
        return hidden;
    }

    public int denseWidth() {
        return dense.outputs;
    }

    public long seed() {
        return seed;
    }

    /** Number of weights: D*54 + D + 4H*D + 4H*H + 8H + 220*H + 220. */
    public long parameterCount() {
        return dense.parameterCount() + lstm.parameterCount() + head.parameterCount();
    }

    /** The ONNX model; the same bytes for the same hidden size, width and seed. */
    public byte[] modelBytes() {
        long d = dense.outputs;
        long h = hidden;
        OnnxGraphBuilder graph = new OnnxGraphBuilder("dexd-demo-lstm")
            .addInput("obs", 1, DemoContract.OBSERVATION_SIZE)
            .addInput("h_in", 1, 1, h)
            .addInput("c_in", 1, 1, h)
            .addOutput("logits", 1, DemoContract.ACTUATOR_COUNT, DemoContract.BINS)
            .addOutput("h_out", 1, 1, h)
            .addOutput("c_out", 1, 1, h);
        dense.addInitializers(graph, "dense.weight", "dense.bias");
        lstm.addInitializers(graph, "lstm.W", "lstm.R", "lstm.B");
        head.addInitializers(graph, "head.weight", "head.bias");
        graph.addInitializer("lstm.unsqueeze_axes", new long[] {1}, new long[] {0})
            .addInitializer("lstm.flat_shape", new long[] {2}, new long[] {1, h})
            .addInitializer("head.logits_shape", new long[] {3}, new long[] {1, DemoContract.ACTUATOR_COUNT, DemoContract.BINS});

        graph.addNode("dense/Gemm", "Gemm", new String[] {"obs", "dense.weight", "dense.bias"},
                new String[] {"dense/gemm_out"}, OnnxAttribute.ofInt("transB", 1))
            .addNode("dense/Relu", "Relu", new String[] {"dense/gemm_out"}, new String[] {"dense/relu_out"})
            .addNode("lstm/Unsqueeze", "Unsqueeze", new String[] {"dense/relu_out", "lstm.unsqueeze_axes"},
                new String[] {"lstm/x"})
            .addNode("lstm/LSTM", "LSTM",
                new String[] {"lstm/x", "lstm.W", "lstm.R", "lstm.B", "", "h_in", "c_in"},
                new String[] {"lstm/y", "h_out", "c_out"},
                OnnxAttribute.ofInt("hidden_size", h), OnnxAttribute.ofInt("layout", 0))
            .addNode("lstm/Reshape", "Reshape", new String[] {"lstm/y", "lstm.flat_shape"}, new String[] {"lstm/flat"})
            .addNode("head/Gemm", "Gemm", new String[] {"lstm/flat", "head.weight", "head.bias"},
                new String[] {"head/gemm_out"}, OnnxAttribute.ofInt("transB", 1))
            .addNode("head/Reshape", "Reshape", new String[] {"head/gemm_out", "head.logits_shape"},
                new String[] {"logits"});
        return graph.toBytes();
    }

    /** The manifest for {@link #MODEL_FILE}: tensor names, features, normalization, state pairs, actuators. */
    public String manifestYaml() {
        String widthFlag = dense.outputs == hidden ? "" : " --dense " + dense.outputs;
        return new ManifestYaml("generated by dexd policy make-demo --hidden " + hidden + widthFlag + " --seed " + seed,
                MODEL_FILE, "obs")
            .normalization(DemoNormalization.mean(), DemoNormalization.std(), DemoNormalization.CLIP)
            .state("h_in", "h_out", "c_in", "c_out", hidden)
            .action("logits", "relative");
    }

    /** Writes {@link #MODEL_FILE} and {@link #MANIFEST_FILE} into {@code dir}; returns the manifest's path. */
    public Path write(Path dir) {
        return PolicyFiles.write(dir, MODEL_FILE, modelBytes(), MANIFEST_FILE, manifestYaml());
    }

    /** The same network in plain Java, starting from zero state; each call gives a new instance. */
    public ReferencePolicy reference() {
        return new ReferencePolicy(dense, lstm, head);
    }

    /** The manifest's per-feature normalization means (a copy). */
    public float[] normalizationMean() {
        return DemoNormalization.mean();
    }

    /** The manifest's per-feature normalization standard deviations (a copy). */
    public float[] normalizationStd() {
        return DemoNormalization.std();
    }

    static void checkSize(String what, int size) {
        if (size < 1 || size > MAX_HIDDEN) {
            throw new IllegalArgumentException(what + " must be 1.." + MAX_HIDDEN + ", got " + size);
        }
    }
}
