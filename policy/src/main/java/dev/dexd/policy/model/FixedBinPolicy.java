package dev.dexd.policy.model;

import java.nio.file.Path;

/**
 * A model with the demo contract whose logits always pick the same bin for every actuator, whatever
 * the observation, with an absolute action mapping: the hand is driven to one fixed pose (bin 5 of
 * 11: every actuator at the middle of its range) and stays there. For the tests of the
 * following-error check: once the free joints have arrived, only a jammed joint is still away from
 * its target. State h/c of [1,1,H] is passed through unchanged.
 */
public final class FixedBinPolicy {
    public static final String MODEL_FILE = "fixed-bin.onnx";
    public static final String MANIFEST_FILE = "fixed-bin.yaml";
    private static final int HIDDEN = 4;

    private final int bin;

    private FixedBinPolicy(int bin) {
        this.bin = bin;
    }

    /** Always bin {@code bin} (0..10; 5 is the middle of each actuator's range). */
    public static FixedBinPolicy of(int bin) {
        if (bin < 0 || bin >= DemoContract.BINS) {
            throw new IllegalArgumentException("bin must be 0.." + (DemoContract.BINS - 1) + ", got " + bin);
        }
        return new FixedBinPolicy(bin);
    }

    public byte[] modelBytes() {
        int obs = DemoContract.OBSERVATION_SIZE;
        int logits = DemoContract.LOGITS;
        float[] bias = new float[logits];
        for (int a = 0; a < DemoContract.ACTUATOR_COUNT; a++) {
            bias[a * DemoContract.BINS + bin] = 1f;
        }
        long h = HIDDEN;
        OnnxGraphBuilder graph = new OnnxGraphBuilder("dexd-fixed-bin")
            .addInput("obs", 1, obs)
            .addInput("h_in", 1, 1, h)
            .addInput("c_in", 1, 1, h)
            .addOutput("logits", 1, DemoContract.ACTUATOR_COUNT, DemoContract.BINS)
            .addOutput("h_out", 1, 1, h)
            .addOutput("c_out", 1, 1, h)
            .addInitializer("obs.weight", new long[] {logits, obs}, new float[logits * obs])
            .addInitializer("obs.bias", new long[] {logits}, bias)
            .addInitializer("logits.shape", new long[] {3},
                new long[] {1, DemoContract.ACTUATOR_COUNT, DemoContract.BINS});
        graph.addNode("state/h", "Identity", new String[] {"h_in"}, new String[] {"h_out"})
            .addNode("state/c", "Identity", new String[] {"c_in"}, new String[] {"c_out"})
            .addNode("obs/Gemm", "Gemm", new String[] {"obs", "obs.weight", "obs.bias"}, new String[] {"logits/flat"},
                OnnxAttribute.ofInt("transB", 1))
            .addNode("logits/Reshape", "Reshape", new String[] {"logits/flat", "logits.shape"},
                new String[] {"logits"});
        return graph.toBytes();
    }

    public String manifestYaml() {
        return new ManifestYaml("always bin " + bin + ", absolute (dexd fault tests)", MODEL_FILE, "obs")
            .normalization(DemoNormalization.mean(), DemoNormalization.std(), DemoNormalization.CLIP)
            .state("h_in", "h_out", "c_in", "c_out", HIDDEN)
            .action("logits", "absolute");
    }

    /** Writes {@link #MODEL_FILE} and {@link #MANIFEST_FILE} into {@code dir}; returns the manifest's path. */
    public Path write(Path dir) {
        return PolicyFiles.write(dir, MODEL_FILE, modelBytes(), MANIFEST_FILE, manifestYaml());
    }
}
