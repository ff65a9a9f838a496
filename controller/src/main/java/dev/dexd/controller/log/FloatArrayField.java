package dev.dexd.controller.log;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A fixed-length little-endian float array inside a record: a flyweight, re-pointed by its record's
 * {@code wrap}. Element access and bulk copies (arrays and the policy's {@link FloatBuffer}s) allocate
 * nothing; float bits are kept exactly (NaN payloads included).
 */
public final class FloatArrayField extends ArrayField {
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    FloatArrayField(int length) {
        super(length);
    }

    public float get(int i) {
        return Float.intBitsToFloat(buffer.getInt(offset + 4 * checked(i), ORDER));
    }

    public void set(int i, float value) {
        buffer.putInt(offset + 4 * checked(i), Float.floatToRawIntBits(value), ORDER);
    }

    /** Copies {@code length()} values from {@code src[0..)}. */
    public void putFrom(float[] src) {
        if (src.length < length) {
            throw new IllegalArgumentException("source has " + src.length + " values, field needs " + length);
        }
        for (int i = 0; i < length; i++) {
            buffer.putInt(offset + 4 * i, Float.floatToRawIntBits(src[i]), ORDER);
        }
    }

    /**
     * Copies {@code length()} values from {@code src}, starting at its position, with absolute gets
     * (the buffer's position is not moved).
     */
    public void putFrom(FloatBuffer src) {
        int base = src.position();
        if (src.limit() - base < length) {
            throw new IllegalArgumentException("source has " + (src.limit() - base) + " values, field needs " + length);
        }
        for (int i = 0; i < length; i++) {
            buffer.putInt(offset + 4 * i, Float.floatToRawIntBits(src.get(base + i)), ORDER);
        }
    }

    /** Copies the values into {@code dst[0..length())}. */
    public void copyTo(float[] dst) {
        if (dst.length < length) {
            throw new IllegalArgumentException("destination has " + dst.length + " slots, field has " + length);
        }
        for (int i = 0; i < length; i++) {
            dst[i] = Float.intBitsToFloat(buffer.getInt(offset + 4 * i, ORDER));
        }
    }

    /** Copies the values into {@code dst} from its position, with absolute puts. */
    public void copyTo(FloatBuffer dst) {
        int base = dst.position();
        if (dst.limit() - base < length) {
            throw new IllegalArgumentException("destination has " + (dst.limit() - base) + " slots, field has " + length);
        }
        for (int i = 0; i < length; i++) {
            dst.put(base + i, Float.intBitsToFloat(buffer.getInt(offset + 4 * i, ORDER)));
        }
    }

    /** The values as a new array (allocates: for tools). */
    public float[] toArray() {
        float[] a = new float[length];
        copyTo(a);
        return a;
    }

}
