package dev.dexd.policy.model;

import dev.dexd.policy.PolicyException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an ONNX file declares about itself, read without ONNX Runtime: IR version, producer, opset
 * imports, graph inputs and outputs, and the number of weights. Lets tools inspect a model and
 * check it against its manifest before a session is made. Reads models from any tool, skipping
 * the fields it does not need.
 */
public final class OnnxModelSummary {
    private final long irVersion;
    private final String producerName;
    private final String producerVersion;
    private final Map<String, Long> opsetImports;
    private final List<OnnxValueInfo> inputs;
    private final List<OnnxValueInfo> outputs;
    private final Map<String, Long> initializerElements;
    private final long parameterCount;
    private final int nodeCount;

    OnnxModelSummary(long irVersion, String producerName, String producerVersion, Map<String, Long> opsetImports,
                     List<OnnxValueInfo> inputs, List<OnnxValueInfo> outputs, Map<String, Long> initializerElements,
                     long parameterCount, int nodeCount) {
        this.irVersion = irVersion;
        this.producerName = producerName;
        this.producerVersion = producerVersion;
        this.opsetImports = opsetImports;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.initializerElements = initializerElements;
        this.parameterCount = parameterCount;
        this.nodeCount = nodeCount;
    }

    /**
     * Reads the model file. Throws {@link PolicyException} with a one-line message when the file
     * cannot be read or is not an ONNX model (garbage, truncated, or missing the required fields).
     */
    public static OnnxModelSummary read(Path file) {
        return read(ModelFiles.read(file, ""), file.toString());
    }

    /** Reads an in-memory model; {@code source} names it in error messages. */
    public static OnnxModelSummary read(byte[] bytes, String source) {
        try {
            return OnnxModelParser.parse(bytes);
        } catch (MalformedProtoException e) {
            throw new PolicyException("not an ONNX model: " + source + ": " + e.getMessage(), e);
        }
    }

    public long irVersion() {
        return irVersion;
    }

    /** The producing tool's name, e.g. {@code pytorch}; empty when the model does not say. */
    public String producerName() {
        return producerName;
    }

    public String producerVersion() {
        return producerVersion;
    }

    /** Operator set versions by domain; the default ONNX domain is the empty string. */
    public Map<String, Long> opsetImports() {
        return opsetImports;
    }

    /** The default-domain opset version, or -1 when the model does not import it. */
    public long defaultOpset() {
        Long version = opsetImports.get("");
        if (version == null) {
            version = opsetImports.get("ai.onnx");
        }
        return version == null ? -1 : version;
    }

    /** Graph inputs that must be fed, in declaration order; initializers listed as inputs (IR &lt; 4) are left out. */
    public List<OnnxValueInfo> inputs() {
        return inputs;
    }

    public List<OnnxValueInfo> outputs() {
        return outputs;
    }

    /** Each initializer's name and element count (of any type), in file order. */
    public Map<String, Long> initializerElements() {
        return initializerElements;
    }

    /**
     * Number of floating-point weights: elements of float, double, float16 and bfloat16
     * initializers and Constant node values. Integer tensors (shapes, axes) are not counted.
     */
    public long parameterCount() {
        return parameterCount;
    }

    /** Number of nodes in the main graph (not counting subgraphs). */
    public int nodeCount() {
        return nodeCount;
    }

    @Override
    public String toString() {
        return "ONNX IR " + irVersion + ", opsets " + opsetImports + ", producer '" + producerName
            + (producerVersion.isEmpty() ? "" : " " + producerVersion) + "', inputs " + inputs
            + ", outputs " + outputs + ", " + parameterCount + " parameters, " + nodeCount + " nodes";
    }
}
