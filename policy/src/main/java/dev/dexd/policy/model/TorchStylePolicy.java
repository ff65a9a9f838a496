package dev.dexd.policy.model;

import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A policy laid out the way {@code torch.onnx.export} (opset 17, constant folding on) writes this
 * module, so the loader is tested against an exporter's conventions and not only our own:
 * <pre>
 * class Policy(nn.Module):            # lstm = nn.LSTM(54, H, batch_first=True); fc = nn.Linear(H, 220)
 *     def forward(self, input, h0, c0):
 *         out, (hn, cn) = self.lstm(input.unsqueeze(1), (h0, c0))
 *         return self.fc(out.squeeze(1)).view(-1, 20, 11), hn, cn
 * </pre>
 * Hence: value names like {@code /lstm/Transpose_output_0}, axes and shapes in Constant nodes,
 * the LSTM weights as folded initializers named {@code onnx::LSTM_<n>} (already in ONNX gate
 * order), the batch-first Transposes and the Squeeze of the direction axis around the LSTM, no
 * input layer, raw (unnormalised) observations, and PyTorch's default U(-1/sqrt(fan), 1/sqrt(fan))
 * initialisation.
 */
public final class TorchStylePolicy {
    public static final String MODEL_FILE = "torch-lstm.onnx";
    public static final String MANIFEST_FILE = "torch-lstm.yaml";

    private static final String LSTM_W = "onnx::LSTM_186";
    private static final String LSTM_R = "onnx::LSTM_187";
    private static final String LSTM_B = "onnx::LSTM_188";

    private final int hidden;
    private final long seed;
    private final LstmCell lstm;
    private final DenseLayer fc;

    private TorchStylePolicy(int hidden, long seed, LstmCell lstm, DenseLayer fc) {
        this.hidden = hidden;
        this.seed = seed;
        this.lstm = lstm;
        this.fc = fc;
    }

    public static TorchStylePolicy generate(int hidden, long seed) {
        DemoPolicy.checkSize("hidden", hidden);
        SplittableRandom rng = new SplittableRandom(seed);
        double k = 1.0 / Math.sqrt(hidden);
        LstmCell lstm = LstmCell.uniform(DemoContract.OBSERVATION_SIZE, hidden, k, k, k, 0f, rng);
        DenseLayer fc = DenseLayer.uniform(hidden, DemoContract.LOGITS, k, k, rng);
        return new TorchStylePolicy(hidden, seed, lstm, fc);
    }

    public int hidden() {
        return hidden;
    }

    public long seed() {
        return seed;
    }

    /** Number of weights: 4H*54 + 4H*H + 8H + 220*H + 220. */
    public long parameterCount() {
        return lstm.parameterCount() + fc.parameterCount();
    }

    /** The ONNX model; the same bytes for the same hidden size and seed. */
    public byte[] modelBytes() {
        long h = hidden;
        OnnxGraphBuilder graph = new OnnxGraphBuilder("main_graph")
            .producer("dexd", "torch-style")
            .addInput("input", 1, DemoContract.OBSERVATION_SIZE)
            .addInput("h0", 1, 1, h)
            .addInput("c0", 1, 1, h)
            .addOutput("output", 1, DemoContract.ACTUATOR_COUNT, DemoContract.BINS)
            .addOutput("hn", 1, 1, h)
            .addOutput("cn", 1, 1, h);
        fc.addInitializers(graph, "fc.weight", "fc.bias");
        lstm.addInitializers(graph, LSTM_W, LSTM_R, LSTM_B);

        constant(graph, "/Constant", 1);
        graph.addNode("/Unsqueeze", "Unsqueeze", new String[] {"input", "/Constant_output_0"},
                new String[] {"/Unsqueeze_output_0"})
            .addNode("/lstm/Transpose", "Transpose", new String[] {"/Unsqueeze_output_0"},
                new String[] {"/lstm/Transpose_output_0"}, OnnxAttribute.ofInts("perm", 1, 0, 2))
            .addNode("/lstm/LSTM", "LSTM",
                new String[] {"/lstm/Transpose_output_0", LSTM_W, LSTM_R, LSTM_B, "", "h0", "c0"},
                new String[] {"/lstm/LSTM_output_0", "hn", "cn"}, OnnxAttribute.ofInt("hidden_size", h));
        constant(graph, "/lstm/Constant", 1);
        graph.addNode("/lstm/Squeeze", "Squeeze", new String[] {"/lstm/LSTM_output_0", "/lstm/Constant_output_0"},
                new String[] {"/lstm/Squeeze_output_0"})
            .addNode("/lstm/Transpose_1", "Transpose", new String[] {"/lstm/Squeeze_output_0"},
                new String[] {"/lstm/Transpose_1_output_0"}, OnnxAttribute.ofInts("perm", 1, 0, 2));
        constant(graph, "/Constant_1", 1);
        graph.addNode("/Squeeze", "Squeeze", new String[] {"/lstm/Transpose_1_output_0", "/Constant_1_output_0"},
                new String[] {"/Squeeze_output_0"})
            .addNode("/fc/Gemm", "Gemm", new String[] {"/Squeeze_output_0", "fc.weight", "fc.bias"},
                new String[] {"/fc/Gemm_output_0"},
                OnnxAttribute.ofFloat("alpha", 1.0f), OnnxAttribute.ofFloat("beta", 1.0f), OnnxAttribute.ofInt("transB", 1));
        constant(graph, "/Constant_2", -1, DemoContract.ACTUATOR_COUNT, DemoContract.BINS);
        graph.addNode("/Reshape", "Reshape", new String[] {"/fc/Gemm_output_0", "/Constant_2_output_0"},
            new String[] {"output"}, OnnxAttribute.ofInt("allowzero", 0));
        return graph.toBytes();
    }

    /** The manifest for {@link #MODEL_FILE}: exporter tensor names, no normalization, absolute mapping. */
    public String manifestYaml() {
        return new ManifestYaml("generated by dexd: TorchStylePolicy hidden " + hidden + " seed " + seed
                + ", laid out like a torch.onnx.export of an nn.LSTM policy", MODEL_FILE, "input")
            .state("h0", "hn", "c0", "cn", hidden)
            .action("output", "absolute");
    }

    /** Writes {@link #MODEL_FILE} and {@link #MANIFEST_FILE} into {@code dir}; returns the manifest's path. */
    public Path write(Path dir) {
        return PolicyFiles.write(dir, MODEL_FILE, modelBytes(), MANIFEST_FILE, manifestYaml());
    }

    /** The same network in plain Java, starting from zero state; each call gives a new instance. */
    public ReferencePolicy reference() {
        return new ReferencePolicy(null, lstm, fc);
    }

    /** A Constant node holding a 1-D int64 tensor, output {@code <name>_output_0}, as the exporter names it. */
    private static void constant(OnnxGraphBuilder graph, String name, long... values) {
        graph.addNode(name, "Constant", new String[0], new String[] {name + "_output_0"},
            OnnxAttribute.ofTensor("value", new long[] {values.length}, values));
    }
}
