package dev.dexd.policy.model;

/**
 * One node attribute (AttributeProto), encoded when made. Repeated values are written unpacked,
 * as the proto2 schema of onnx.proto declares them.
 */
public final class OnnxAttribute {
    private final String name;
    private final ProtoWriter encoded;

    private OnnxAttribute(String name, int type) {
        this.name = name;
        this.encoded = new ProtoWriter()
            .stringField(OnnxFields.ATTRIBUTE_NAME, name)
            .varintField(OnnxFields.ATTRIBUTE_TYPE, type);
    }

    public static OnnxAttribute ofFloat(String name, float value) {
        OnnxAttribute attribute = new OnnxAttribute(name, OnnxFields.ATTRIBUTE_TYPE_FLOAT);
        attribute.encoded.floatField(OnnxFields.ATTRIBUTE_F, value);
        return attribute;
    }

    public static OnnxAttribute ofInt(String name, long value) {
        OnnxAttribute attribute = new OnnxAttribute(name, OnnxFields.ATTRIBUTE_TYPE_INT);
        attribute.encoded.varintField(OnnxFields.ATTRIBUTE_I, value);
        return attribute;
    }

    public static OnnxAttribute ofString(String name, String value) {
        OnnxAttribute attribute = new OnnxAttribute(name, OnnxFields.ATTRIBUTE_TYPE_STRING);
        attribute.encoded.stringField(OnnxFields.ATTRIBUTE_S, value);
        return attribute;
    }

    public static OnnxAttribute ofFloats(String name, float... values) {
        OnnxAttribute attribute = new OnnxAttribute(name, OnnxFields.ATTRIBUTE_TYPE_FLOATS);
        for (float value : values) {
            attribute.encoded.floatField(OnnxFields.ATTRIBUTE_FLOATS, value);
        }
        return attribute;
    }

    public static OnnxAttribute ofInts(String name, long... values) {
        OnnxAttribute attribute = new OnnxAttribute(name, OnnxFields.ATTRIBUTE_TYPE_INTS);
        for (long value : values) {
            attribute.encoded.varintField(OnnxFields.ATTRIBUTE_INTS, value);
        }
        return attribute;
    }

    /** A float tensor value, e.g. the {@code value} of a Constant node. */
    public static OnnxAttribute ofTensor(String name, long[] dims, float[] values) {
        OnnxAttribute attribute = new OnnxAttribute(name, OnnxFields.ATTRIBUTE_TYPE_TENSOR);
        attribute.encoded.messageField(OnnxFields.ATTRIBUTE_T, TensorEncoding.encode("", dims, values));
        return attribute;
    }

    /** An int64 tensor value, e.g. the axes or shape a Constant node feeds to Squeeze or Reshape. */
    public static OnnxAttribute ofTensor(String name, long[] dims, long[] values) {
        OnnxAttribute attribute = new OnnxAttribute(name, OnnxFields.ATTRIBUTE_TYPE_TENSOR);
        attribute.encoded.messageField(OnnxFields.ATTRIBUTE_T, TensorEncoding.encode("", dims, values));
        return attribute;
    }

    public String name() {
        return name;
    }

    ProtoWriter encoded() {
        return encoded;
    }
}
