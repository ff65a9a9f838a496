package dev.dexd.controller.log;

import java.nio.ByteOrder;

/**
 * A fixed-length little-endian double array inside a record: a flyweight, re-pointed by its record's
 * {@code wrap}. Element access and bulk copies allocate nothing.
 */
public final class DoubleArrayField extends ArrayField {
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    DoubleArrayField(int length) {
        super(length);
    }

    public double get(int i) {
        return buffer.getDouble(offset + 8 * checked(i), ORDER);
    }

    public void set(int i, double value) {
        buffer.putDouble(offset + 8 * checked(i), value, ORDER);
    }

    /** Copies {@code length()} values from {@code src[0..)}. */
    public void putFrom(double[] src) {
        if (src.length < length) {
            throw new IllegalArgumentException("source has " + src.length + " values, field needs " + length);
        }
        for (int i = 0; i < length; i++) {
            buffer.putDouble(offset + 8 * i, src[i], ORDER);
        }
    }

    /** Copies the values into {@code dst[0..length())}. */
    public void copyTo(double[] dst) {
        if (dst.length < length) {
            throw new IllegalArgumentException("destination has " + dst.length + " slots, field has " + length);
        }
        for (int i = 0; i < length; i++) {
            dst[i] = buffer.getDouble(offset + 8 * i, ORDER);
        }
    }

    /** The values as a new array (allocates: for tools). */
    public double[] toArray() {
        double[] a = new double[length];
        copyTo(a);
        return a;
    }

}
