package dev.dexd.controller.log;


/**
 * A fixed-length byte array inside a record (the chosen action bins): a flyweight, re-pointed by its
 * record's {@code wrap}. Values are signed bytes; element access and bulk copies allocate nothing.
 */
public final class ByteArrayField extends ArrayField {

    ByteArrayField(int length) {
        super(length);
    }

    public int get(int i) {
        return buffer.getByte(offset + checked(i));
    }

    public void set(int i, int value) {
        buffer.putByte(offset + checked(i), (byte) value);
    }

    /** Copies {@code length()} values from {@code src[0..)}, each narrowed to a byte. */
    public void putFrom(int[] src) {
        if (src.length < length) {
            throw new IllegalArgumentException("source has " + src.length + " values, field needs " + length);
        }
        for (int i = 0; i < length; i++) {
            buffer.putByte(offset + i, (byte) src[i]);
        }
    }

    /** Copies {@code length()} values from {@code src[0..)}. */
    public void putFrom(byte[] src) {
        if (src.length < length) {
            throw new IllegalArgumentException("source has " + src.length + " values, field needs " + length);
        }
        buffer.putBytes(offset, src, 0, length);
    }

    /** Copies the values into {@code dst[0..length())}. */
    public void copyTo(int[] dst) {
        if (dst.length < length) {
            throw new IllegalArgumentException("destination has " + dst.length + " slots, field has " + length);
        }
        for (int i = 0; i < length; i++) {
            dst[i] = buffer.getByte(offset + i);
        }
    }

    /** The values as a new array (allocates: for tools). */
    public int[] toArray() {
        int[] a = new int[length];
        copyTo(a);
        return a;
    }

}
