package dev.dexd.policy.model;

/**
 * Field numbers from onnx.proto for the messages this package writes and reads, in one place so
 * the writer and the reader cannot disagree.
 */
final class OnnxFields {
    static final int MODEL_IR_VERSION = 1;
    static final int MODEL_PRODUCER_NAME = 2;
    static final int MODEL_PRODUCER_VERSION = 3;
    static final int MODEL_GRAPH = 7;
    static final int MODEL_OPSET_IMPORT = 8;

    static final int OPSET_DOMAIN = 1;
    static final int OPSET_VERSION = 2;

    static final int GRAPH_NODE = 1;
    static final int GRAPH_NAME = 2;
    static final int GRAPH_INITIALIZER = 5;
    static final int GRAPH_INPUT = 11;
    static final int GRAPH_OUTPUT = 12;

    static final int NODE_INPUT = 1;
    static final int NODE_OUTPUT = 2;
    static final int NODE_NAME = 3;
    static final int NODE_OP_TYPE = 4;
    static final int NODE_ATTRIBUTE = 5;
    static final int NODE_DOMAIN = 7;

    static final int ATTRIBUTE_NAME = 1;
    static final int ATTRIBUTE_F = 2;
    static final int ATTRIBUTE_I = 3;
    static final int ATTRIBUTE_S = 4;
    static final int ATTRIBUTE_T = 5;
    static final int ATTRIBUTE_FLOATS = 7;
    static final int ATTRIBUTE_INTS = 8;
    static final int ATTRIBUTE_TYPE = 20;

    static final int ATTRIBUTE_TYPE_FLOAT = 1;
    static final int ATTRIBUTE_TYPE_INT = 2;
    static final int ATTRIBUTE_TYPE_STRING = 3;
    static final int ATTRIBUTE_TYPE_TENSOR = 4;
    static final int ATTRIBUTE_TYPE_FLOATS = 6;
    static final int ATTRIBUTE_TYPE_INTS = 7;

    static final int TENSOR_DIMS = 1;
    static final int TENSOR_DATA_TYPE = 2;
    static final int TENSOR_NAME = 8;
    static final int TENSOR_RAW_DATA = 9;

    static final int VALUE_INFO_NAME = 1;
    static final int VALUE_INFO_TYPE = 2;

    static final int TYPE_TENSOR_TYPE = 1;
    static final int TYPE_TENSOR_ELEM_TYPE = 1;
    static final int TYPE_TENSOR_SHAPE = 2;
    static final int SHAPE_DIM = 1;
    static final int DIM_VALUE = 1;
    static final int DIM_PARAM = 2;

    private OnnxFields() {
    }
}
