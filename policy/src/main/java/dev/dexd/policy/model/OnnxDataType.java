package dev.dexd.policy.model;

/** ONNX tensor element types (TensorProto.DataType): the two this package writes, and names for all. */
public final class OnnxDataType {
    public static final int FLOAT = 1;
    public static final int INT64 = 7;

    private static final String[] NAMES = {
        "undefined", "float", "uint8", "int8", "uint16", "int16", "int32", "int64", "string", "bool",
        "float16", "double", "uint32", "uint64", "complex64", "complex128", "bfloat16",
    };

    private OnnxDataType() {
    }

    /** The lower-case name ONNX tools print, e.g. {@code float}; {@code type<N>} for codes this list lacks. */
    public static String name(int dataType) {
        return dataType >= 0 && dataType < NAMES.length ? NAMES[dataType] : "type" + dataType;
    }

    /** Whether elements of this type are floating point numbers, i.e. weights rather than indices or shapes. */
    public static boolean isFloatingPoint(int dataType) {
        return dataType == FLOAT || dataType == 10 || dataType == 11 || dataType == 16;
    }
}
