package dev.dexd.policy.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a single-graph ONNX model (IR version 8, default-domain opset 17 unless told otherwise) and
 * encodes it as ModelProto bytes. Graph inputs and outputs are float tensors with fixed shapes;
 * nodes must be added in topological order, as ONNX requires.
 */
public final class OnnxGraphBuilder {
    public static final long IR_VERSION = 8;
    public static final long OPSET = 17;

    private final String graphName;
    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final List<ProtoWriter> inputs = new ArrayList<>();
    private final List<ProtoWriter> outputs = new ArrayList<>();
    private String producerName = "dexd";
    private String producerVersion = "";
    private long opset = OPSET;

    public OnnxGraphBuilder(String graphName) {
        this.graphName = graphName;
    }

    /** Sets ModelProto.producer_name and producer_version (an empty version is left out). */
    public OnnxGraphBuilder producer(String name, String version) {
        this.producerName = name;
        this.producerVersion = version;
        return this;
    }

    /** Sets the version of the default ONNX operator set the graph is written against. */
    public OnnxGraphBuilder opset(long version) {
        this.opset = version;
        return this;
    }

    /** Declares a float graph input of fixed shape. */
    public OnnxGraphBuilder addInput(String name, long... shape) {
        inputs.add(valueInfo(name, OnnxDataType.FLOAT, shape));
        return this;
    }

    /** Declares a float graph output of fixed shape. */
    public OnnxGraphBuilder addOutput(String name, long... shape) {
        outputs.add(valueInfo(name, OnnxDataType.FLOAT, shape));
        return this;
    }

    /** Adds a float constant tensor (weights) that nodes can take as input by name. */
    public OnnxGraphBuilder addInitializer(String name, long[] dims, float[] values) {
        initializers.add(TensorEncoding.encode(name, dims, values));
        return this;
    }

    /** Adds an int64 constant tensor (axes, shapes) that nodes can take as input by name. */
    public OnnxGraphBuilder addInitializer(String name, long[] dims, long[] values) {
        initializers.add(TensorEncoding.encode(name, dims, values));
        return this;
    }

    /**
     * Adds a default-domain node. An empty string in {@code inputs} marks an omitted optional input,
     * as in the ONNX spec.
     */
    public OnnxGraphBuilder addNode(String name, String opType, String[] inputs, String[] outputs,
                                    OnnxAttribute... attributes) {
        ProtoWriter node = new ProtoWriter();
        for (String input : inputs) {
            node.stringField(OnnxFields.NODE_INPUT, input);
        }
        for (String output : outputs) {
            node.stringField(OnnxFields.NODE_OUTPUT, output);
        }
        node.stringField(OnnxFields.NODE_NAME, name);
        node.stringField(OnnxFields.NODE_OP_TYPE, opType);
        for (OnnxAttribute attribute : attributes) {
            node.messageField(OnnxFields.NODE_ATTRIBUTE, attribute.encoded());
        }
        nodes.add(node);
        return this;
    }

    /** The encoded ModelProto. */
    public byte[] toBytes() {
        ProtoWriter graph = new ProtoWriter(1024);
        for (ProtoWriter node : nodes) {
            graph.messageField(OnnxFields.GRAPH_NODE, node);
        }
        graph.stringField(OnnxFields.GRAPH_NAME, graphName);
        for (ProtoWriter initializer : initializers) {
            graph.messageField(OnnxFields.GRAPH_INITIALIZER, initializer);
        }
        for (ProtoWriter input : inputs) {
            graph.messageField(OnnxFields.GRAPH_INPUT, input);
        }
        for (ProtoWriter output : outputs) {
            graph.messageField(OnnxFields.GRAPH_OUTPUT, output);
        }

        ProtoWriter model = new ProtoWriter(graph.length() + 64);
        model.varintField(OnnxFields.MODEL_IR_VERSION, IR_VERSION);
        model.stringField(OnnxFields.MODEL_PRODUCER_NAME, producerName);
        if (!producerVersion.isEmpty()) {
            model.stringField(OnnxFields.MODEL_PRODUCER_VERSION, producerVersion);
        }
        model.messageField(OnnxFields.MODEL_GRAPH, graph);
        model.messageField(OnnxFields.MODEL_OPSET_IMPORT, new ProtoWriter()
            .stringField(OnnxFields.OPSET_DOMAIN, "")
            .varintField(OnnxFields.OPSET_VERSION, opset));
        return model.toByteArray();
    }

    private static ProtoWriter valueInfo(String name, int elemType, long[] shape) {
        ProtoWriter dims = new ProtoWriter();
        for (long dim : shape) {
            dims.messageField(OnnxFields.SHAPE_DIM, new ProtoWriter().varintField(OnnxFields.DIM_VALUE, dim));
        }
        ProtoWriter tensorType = new ProtoWriter()
            .varintField(OnnxFields.TYPE_TENSOR_ELEM_TYPE, elemType)
            .messageField(OnnxFields.TYPE_TENSOR_SHAPE, dims);
        return new ProtoWriter()
            .stringField(OnnxFields.VALUE_INFO_NAME, name)
            .messageField(OnnxFields.VALUE_INFO_TYPE, new ProtoWriter()
                .messageField(OnnxFields.TYPE_TENSOR_TYPE, tensorType));
    }
}
