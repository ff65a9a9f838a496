package dev.dexd.policy.model;

import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A model with the demo contract (54 observations, 20 x 11 logits, state h/c of [1,1,H]) built to
 * go wrong on purpose, for the tests of the control step's non-finite guard: its carried state
 * grows by a factor each step ({@code h_out = growth * h_in + 1}), and the logits include
 * {@code 0 * h}, which is NaN once {@code h} has overflowed to infinity. So its outputs are finite
 * for a number of steps that {@code growth} sets (about 39 / log10(growth)), then never again.
 * With {@code nanWeight} one weight of the observation layer is NaN: the outputs are not finite
 * from the first step (a broken export).
 */
public final class DivergingPolicy {
    public static final String MODEL_FILE = "diverging.onnx";
    public static final String MANIFEST_FILE = "diverging.yaml";
    private static final int HIDDEN = 8;

    private final float growth;
    private final boolean nanWeight;

    private DivergingPolicy(float growth, boolean nanWeight) {
        this.growth = growth;
        this.nanWeight = nanWeight;
    }

    /** A model whose state grows by {@code growth} (> 1) per step until it overflows. */
    public static DivergingPolicy growing(float growth) {
        if (!(growth > 1f) || !Float.isFinite(growth)) {
            throw new IllegalArgumentException("growth must be a finite number > 1, got " + growth);
        }
        return new DivergingPolicy(growth, false);
    }

    /** A model with a NaN weight: non-finite logits from the first step. */
    public static DivergingPolicy nanWeight() {
        return new DivergingPolicy(1.5f, true);
    }

    /** Steps whose outputs are finite, starting from zero state (computed in float as ORT does). */
    public int finiteSteps() {
        if (nanWeight) {
            return 0;
        }
        float h = 0f;
        int steps = 0;
        while (true) {
            h = h * growth + 1f;
            if (!Float.isFinite(h)) {
                return steps;
            }
            steps++;
        }
    }

    public byte[] modelBytes() {
        int obs = DemoContract.OBSERVATION_SIZE;
        int logits = DemoContract.LOGITS;
        SplittableRandom rng = new SplittableRandom(11);
        float[] w = new float[logits * obs];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rng.nextDouble(-0.2, 0.2));
        }
        if (nanWeight) {
            w[0] = Float.NaN;
        }
        float[] bias = new float[logits];
        for (int i = 0; i < bias.length; i++) {
            bias[i] = (float) rng.nextDouble(-0.1, 0.1);
        }
        long h = HIDDEN;
        OnnxGraphBuilder graph = new OnnxGraphBuilder("dexd-diverging")
            .addInput("obs", 1, obs)
            .addInput("h_in", 1, 1, h)
            .addInput("c_in", 1, 1, h)
            .addOutput("logits", 1, DemoContract.ACTUATOR_COUNT, DemoContract.BINS)
            .addOutput("h_out", 1, 1, h)
            .addOutput("c_out", 1, 1, h)
            .addInitializer("obs.weight", new long[] {logits, obs}, w)
            .addInitializer("obs.bias", new long[] {logits}, bias)
            .addInitializer("state.growth", new long[] {1}, new float[] {growth})
            .addInitializer("state.one", new long[] {1}, new float[] {1f})
            .addInitializer("state.zero_weight", new long[] {h, logits}, new float[(int) h * logits])
            .addInitializer("state.flat_shape", new long[] {2}, new long[] {1, h})
            .addInitializer("logits.shape", new long[] {3},
                new long[] {1, DemoContract.ACTUATOR_COUNT, DemoContract.BINS});
        graph.addNode("state/Mul", "Mul", new String[] {"h_in", "state.growth"}, new String[] {"state/scaled"})
            .addNode("state/Add", "Add", new String[] {"state/scaled", "state.one"}, new String[] {"h_out"})
            .addNode("state/Identity", "Identity", new String[] {"c_in"}, new String[] {"c_out"})
            .addNode("obs/Gemm", "Gemm", new String[] {"obs", "obs.weight", "obs.bias"}, new String[] {"obs/out"},
                OnnxAttribute.ofInt("transB", 1))
            .addNode("state/Reshape", "Reshape", new String[] {"h_out", "state.flat_shape"},
                new String[] {"state/flat"})
            .addNode("state/MatMul", "MatMul", new String[] {"state/flat", "state.zero_weight"},
                new String[] {"state/zero"})
            .addNode("logits/Add", "Add", new String[] {"obs/out", "state/zero"}, new String[] {"logits/flat"})
            .addNode("logits/Reshape", "Reshape", new String[] {"logits/flat", "logits.shape"},
                new String[] {"logits"});
        return graph.toBytes();
    }

    public String manifestYaml() {
        return new ManifestYaml("a model that goes non-finite on purpose (dexd fault tests)", MODEL_FILE, "obs")
            .normalization(DemoNormalization.mean(), DemoNormalization.std(), DemoNormalization.CLIP)
            .state("h_in", "h_out", "c_in", "c_out", HIDDEN)
            .action("logits", "relative");
    }

    /** Writes {@link #MODEL_FILE} and {@link #MANIFEST_FILE} into {@code dir}; returns the manifest's path. */
    public Path write(Path dir) {
        return PolicyFiles.write(dir, MODEL_FILE, modelBytes(), MANIFEST_FILE, manifestYaml());
    }
}
