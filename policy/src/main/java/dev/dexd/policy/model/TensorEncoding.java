package dev.dexd.policy.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Encodes ONNX TensorProto messages with the values in raw_data, little-endian as the spec requires. */
final class TensorEncoding {
    private TensorEncoding() {
    }

    static ProtoWriter encode(String name, long[] dims, float[] values) {
        checkCount(name, dims, values.length);
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return header(name, dims, OnnxDataType.FLOAT, raw.array());
    }

    static ProtoWriter encode(String name, long[] dims, long[] values) {
        checkCount(name, dims, values.length);
        ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        return header(name, dims, OnnxDataType.INT64, raw.array());
    }

    private static ProtoWriter header(String name, long[] dims, int dataType, byte[] raw) {
        ProtoWriter tensor = new ProtoWriter(raw.length + 64 + name.length());
        for (long dim : dims) {
            tensor.varintField(OnnxFields.TENSOR_DIMS, dim);
        }
        tensor.varintField(OnnxFields.TENSOR_DATA_TYPE, dataType);
        if (!name.isEmpty()) {
            tensor.stringField(OnnxFields.TENSOR_NAME, name);
        }
        return tensor.bytesField(OnnxFields.TENSOR_RAW_DATA, raw);
    }

    private static void checkCount(String name, long[] dims, int count) {
        long expected = 1;
        for (long dim : dims) {
            if (dim < 0) {
                throw new IllegalArgumentException("tensor " + name + ": negative dimension " + dim);
            }
            expected *= dim;
        }
        if (expected != count) {
            throw new IllegalArgumentException("tensor " + name + ": dims give " + expected
                + " elements but " + count + " values were given");
        }
    }
}
