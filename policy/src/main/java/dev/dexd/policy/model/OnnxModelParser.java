package dev.dexd.policy.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes the parts of a ModelProto that {@link OnnxModelSummary} reports. Fields it does not need
 * are skipped by wire type; fields it does need must have their schema's wire type. Tensor data is
 * never decoded: weights are counted from their dims.
 */
final class OnnxModelParser {
    /** IR versions go up by about one a year (11 in 2025); anything far above is garbage, not the future. */
    private static final long MAX_PLAUSIBLE_IR_VERSION = 64;

    private final List<OnnxValueInfo> inputs = new ArrayList<>();
    private final List<OnnxValueInfo> outputs = new ArrayList<>();
    private final Set<String> initializerNames = new HashSet<>();
    private final Map<String, Long> initializerElements = new LinkedHashMap<>();
    private long parameterCount;
    private int nodeCount;

    private OnnxModelParser() {
    }

    static OnnxModelSummary parse(byte[] bytes) {
        if (bytes.length == 0) {
            throw new MalformedProtoException("empty file");
        }
        return new OnnxModelParser().model(new ProtoReader(bytes));
    }

    private OnnxModelSummary model(ProtoReader r) {
        long irVersion = 0;
        String producerName = "";
        String producerVersion = "";
        Map<String, Long> opsets = new LinkedHashMap<>();
        boolean hasGraph = false;
        while (r.hasRemaining()) {
            int tag = r.readTag();
            switch (ProtoReader.fieldNumber(tag)) {
                case OnnxFields.MODEL_IR_VERSION:
                    r.expect(tag, WireType.VARINT, "ModelProto.ir_version");
                    irVersion = r.readVarint();
                    break;
                case OnnxFields.MODEL_PRODUCER_NAME:
                    r.expect(tag, WireType.LEN, "ModelProto.producer_name");
                    producerName = r.readString();
                    break;
                case OnnxFields.MODEL_PRODUCER_VERSION:
                    r.expect(tag, WireType.LEN, "ModelProto.producer_version");
                    producerVersion = r.readString();
                    break;
                case OnnxFields.MODEL_GRAPH:
                    r.expect(tag, WireType.LEN, "ModelProto.graph");
                    graph(r.readMessage());
                    hasGraph = true;
                    break;
                case OnnxFields.MODEL_OPSET_IMPORT:
                    r.expect(tag, WireType.LEN, "ModelProto.opset_import");
                    opset(r.readMessage(), opsets);
                    break;
                default:
                    r.skip(tag);
            }
        }
        if (irVersion < 1 || irVersion > MAX_PLAUSIBLE_IR_VERSION) {
            throw new MalformedProtoException(irVersion == 0 ? "no ir_version" : "implausible ir_version " + irVersion);
        }
        if (!hasGraph) {
            throw new MalformedProtoException("no graph");
        }
        if (opsets.isEmpty() && irVersion >= 3) {
            throw new MalformedProtoException("no opset_import, which IR version " + irVersion + " requires");
        }
        List<OnnxValueInfo> fed = new ArrayList<>();
        for (OnnxValueInfo input : inputs) {
            if (!initializerNames.contains(input.name())) {
                fed.add(input);
            }
        }
        return new OnnxModelSummary(irVersion, producerName, producerVersion, Collections.unmodifiableMap(opsets),
            fed, outputs, Collections.unmodifiableMap(initializerElements), parameterCount, nodeCount);
    }

    private static void opset(ProtoReader r, Map<String, Long> opsets) {
        String domain = "";
        long version = 0;
        while (r.hasRemaining()) {
            int tag = r.readTag();
            switch (ProtoReader.fieldNumber(tag)) {
                case OnnxFields.OPSET_DOMAIN:
                    r.expect(tag, WireType.LEN, "OperatorSetIdProto.domain");
                    domain = r.readString();
                    break;
                case OnnxFields.OPSET_VERSION:
                    r.expect(tag, WireType.VARINT, "OperatorSetIdProto.version");
                    version = r.readVarint();
                    break;
                default:
                    r.skip(tag);
            }
        }
        opsets.put(domain, version);
    }

    private void graph(ProtoReader r) {
        while (r.hasRemaining()) {
            int tag = r.readTag();
            switch (ProtoReader.fieldNumber(tag)) {
                case OnnxFields.GRAPH_NODE:
                    r.expect(tag, WireType.LEN, "GraphProto.node");
                    node(r.readMessage());
                    nodeCount++;
                    break;
                case OnnxFields.GRAPH_INITIALIZER:
                    r.expect(tag, WireType.LEN, "GraphProto.initializer");
                    TensorHeader tensor = tensor(r.readMessage());
                    initializerNames.add(tensor.name);
                    initializerElements.put(tensor.name, tensor.elements);
                    parameterCount += tensor.floatingPointElements();
                    break;
                case OnnxFields.GRAPH_INPUT:
                    r.expect(tag, WireType.LEN, "GraphProto.input");
                    inputs.add(valueInfo(r.readMessage()));
                    break;
                case OnnxFields.GRAPH_OUTPUT:
                    r.expect(tag, WireType.LEN, "GraphProto.output");
                    outputs.add(valueInfo(r.readMessage()));
                    break;
                default:
                    r.skip(tag);
            }
        }
    }

    /** Reads a node; only a default-domain Constant adds its tensor value to the weight count. */
    private void node(ProtoReader r) {
        String opType = "";
        String domain = "";
        long valueElements = 0;
        while (r.hasRemaining()) {
            int tag = r.readTag();
            switch (ProtoReader.fieldNumber(tag)) {
                case OnnxFields.NODE_OP_TYPE:
                    r.expect(tag, WireType.LEN, "NodeProto.op_type");
                    opType = r.readString();
                    break;
                case OnnxFields.NODE_DOMAIN:
                    r.expect(tag, WireType.LEN, "NodeProto.domain");
                    domain = r.readString();
                    break;
                case OnnxFields.NODE_ATTRIBUTE:
                    r.expect(tag, WireType.LEN, "NodeProto.attribute");
                    valueElements += attributeTensorElements(r.readMessage());
                    break;
                default:
                    r.skip(tag);
            }
        }
        if ("Constant".equals(opType) && (domain.isEmpty() || "ai.onnx".equals(domain))) {
            parameterCount += valueElements;
        }
    }

    private static long attributeTensorElements(ProtoReader r) {
        long elements = 0;
        while (r.hasRemaining()) {
            int tag = r.readTag();
            if (ProtoReader.fieldNumber(tag) == OnnxFields.ATTRIBUTE_T) {
                r.expect(tag, WireType.LEN, "AttributeProto.t");
                elements += tensor(r.readMessage()).floatingPointElements();
            } else {
                r.skip(tag);
            }
        }
        return elements;
    }

    private static TensorHeader tensor(ProtoReader r) {
        TensorHeader tensor = new TensorHeader();
        while (r.hasRemaining()) {
            int tag = r.readTag();
            switch (ProtoReader.fieldNumber(tag)) {
                case OnnxFields.TENSOR_DIMS:
                    if (ProtoReader.wireType(tag) == WireType.LEN) {
                        ProtoReader packed = r.readMessage();
                        while (packed.hasRemaining()) {
                            tensor.multiply(packed.readVarint(), packed.position());
                        }
                    } else {
                        r.expect(tag, WireType.VARINT, "TensorProto.dims");
                        tensor.multiply(r.readVarint(), r.position());
                    }
                    break;
                case OnnxFields.TENSOR_DATA_TYPE:
                    r.expect(tag, WireType.VARINT, "TensorProto.data_type");
                    tensor.dataType = (int) r.readVarint();
                    break;
                case OnnxFields.TENSOR_NAME:
                    r.expect(tag, WireType.LEN, "TensorProto.name");
                    tensor.name = r.readString();
                    break;
                default:
                    r.skip(tag);
            }
        }
        return tensor;
    }

    private static OnnxValueInfo valueInfo(ProtoReader r) {
        String name = "";
        ProtoReader type = null;
        while (r.hasRemaining()) {
            int tag = r.readTag();
            switch (ProtoReader.fieldNumber(tag)) {
                case OnnxFields.VALUE_INFO_NAME:
                    r.expect(tag, WireType.LEN, "ValueInfoProto.name");
                    name = r.readString();
                    break;
                case OnnxFields.VALUE_INFO_TYPE:
                    r.expect(tag, WireType.LEN, "ValueInfoProto.type");
                    type = r.readMessage();
                    break;
                default:
                    r.skip(tag);
            }
        }
        ProtoReader tensorType = null;
        while (type != null && type.hasRemaining()) {
            int tag = type.readTag();
            if (ProtoReader.fieldNumber(tag) == OnnxFields.TYPE_TENSOR_TYPE) {
                type.expect(tag, WireType.LEN, "TypeProto.tensor_type");
                tensorType = type.readMessage();
            } else {
                type.skip(tag);
            }
        }
        if (tensorType == null) {
            return new OnnxValueInfo(name, false, 0, null);
        }
        int elemType = 0;
        List<String> dims = null;
        while (tensorType.hasRemaining()) {
            int tag = tensorType.readTag();
            switch (ProtoReader.fieldNumber(tag)) {
                case OnnxFields.TYPE_TENSOR_ELEM_TYPE:
                    tensorType.expect(tag, WireType.VARINT, "TypeProto.Tensor.elem_type");
                    elemType = (int) tensorType.readVarint();
                    break;
                case OnnxFields.TYPE_TENSOR_SHAPE:
                    tensorType.expect(tag, WireType.LEN, "TypeProto.Tensor.shape");
                    dims = shape(tensorType.readMessage());
                    break;
                default:
                    tensorType.skip(tag);
            }
        }
        return new OnnxValueInfo(name, true, elemType, dims);
    }

    private static List<String> shape(ProtoReader r) {
        List<String> dims = new ArrayList<>();
        while (r.hasRemaining()) {
            int tag = r.readTag();
            if (ProtoReader.fieldNumber(tag) == OnnxFields.SHAPE_DIM) {
                r.expect(tag, WireType.LEN, "TensorShapeProto.dim");
                dims.add(dimension(r.readMessage()));
            } else {
                r.skip(tag);
            }
        }
        return dims;
    }

    private static String dimension(ProtoReader r) {
        String dim = "?";
        while (r.hasRemaining()) {
            int tag = r.readTag();
            switch (ProtoReader.fieldNumber(tag)) {
                case OnnxFields.DIM_VALUE:
                    r.expect(tag, WireType.VARINT, "Dimension.dim_value");
                    dim = Long.toString(r.readVarint());
                    break;
                case OnnxFields.DIM_PARAM:
                    r.expect(tag, WireType.LEN, "Dimension.dim_param");
                    String param = r.readString();
                    dim = param.isEmpty() ? "?" : param;
                    break;
                default:
                    r.skip(tag);
            }
        }
        return dim;
    }

    /** The parts of a TensorProto needed to count weights. */
    private static final class TensorHeader {
        String name = "";
        int dataType;
        long elements = 1;

        void multiply(long dim, int position) {
            if (dim < 0) {
                throw new MalformedProtoException("negative tensor dimension " + dim + " before byte " + position);
            }
            try {
                elements = Math.multiplyExact(elements, dim);
            } catch (ArithmeticException e) {
                throw new MalformedProtoException("tensor element count overflows before byte " + position);
            }
        }

        long floatingPointElements() {
            return OnnxDataType.isFloatingPoint(dataType) ? elements : 0;
        }
    }
}
