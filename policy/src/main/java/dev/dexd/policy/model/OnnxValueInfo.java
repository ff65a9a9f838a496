package dev.dexd.policy.model;

import java.util.List;

/**
 * A graph input or output as the model declares it: name, element type and shape. A dimension is
 * its number, or its symbolic name (dim_param) such as {@code batch}, or {@code ?} when the model
 * leaves it open. A model may leave out the shape altogether, or declare a non-tensor value.
 */
public final class OnnxValueInfo {
    private final String name;
    private final int elemType;
    private final boolean tensor;
    private final List<String> dims;

    OnnxValueInfo(String name, boolean tensor, int elemType, List<String> dims) {
        this.name = name;
        this.tensor = tensor;
        this.elemType = elemType;
        this.dims = dims == null ? null : List.copyOf(dims);
    }

    public String name() {
        return name;
    }

    /** Whether the value is a tensor (not a sequence, map or optional). */
    public boolean isTensor() {
        return tensor;
    }

    /** The TensorProto.DataType code, e.g. {@link OnnxDataType#FLOAT}; 0 when undeclared. */
    public int elemType() {
        return elemType;
    }

    /** Whether the model declares the rank (and so the dimensions). */
    public boolean hasShape() {
        return dims != null;
    }

    /** Each dimension as text: a number, a symbolic name, or {@code ?}; empty when the shape is undeclared. */
    public List<String> dims() {
        return dims == null ? List.of() : dims;
    }

    /** The dimensions as numbers, -1 for symbolic or open ones; empty when the shape is undeclared. */
    public long[] shape() {
        List<String> d = dims();
        long[] shape = new long[d.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = isNumber(d.get(i)) ? Long.parseLong(d.get(i)) : -1;
        }
        return shape;
    }

    /** E.g. {@code obs: float[1,54]} or {@code input: float[batch,54]}. */
    @Override
    public String toString() {
        if (!tensor) {
            return name + ": (not a tensor)";
        }
        String type = OnnxDataType.name(elemType);
        return dims == null ? name + ": " + type + "[unknown shape]" : name + ": " + type + "[" + String.join(",", dims) + "]";
    }

    private static boolean isNumber(String dim) {
        if (dim.isEmpty()) {
            return false;
        }
        for (int i = 0; i < dim.length(); i++) {
            if (!Character.isDigit(dim.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
