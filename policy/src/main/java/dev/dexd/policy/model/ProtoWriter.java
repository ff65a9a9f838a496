package dev.dexd.policy.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends protobuf wire-format fields to a growable byte array. Just enough of the encoding to
 * write ONNX models without a protobuf dependency; used offline, so it may allocate freely.
 * Nested messages are written by encoding them into their own writer first, because the length
 * prefix must precede the payload.
 */
public final class ProtoWriter {
    private byte[] buffer;
    private int length;

    public ProtoWriter() {
        this(64);
    }

    public ProtoWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    /** Bytes written so far. */
    public int length() {
        return length;
    }

    /** A copy of the bytes written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    /** An int32, int64, uint64 or enum field; negative values take ten bytes, as in protobuf. */
    public ProtoWriter varintField(int field, long value) {
        tag(field, WireType.VARINT);
        varint(value);
        return this;
    }

    /** A fixed32 field (also a float's bits). */
    public ProtoWriter fixed32Field(int field, int value) {
        tag(field, WireType.I32);
        fixed32(value);
        return this;
    }

    /** A float field. */
    public ProtoWriter floatField(int field, float value) {
        return fixed32Field(field, Float.floatToRawIntBits(value));
    }

    /** A fixed64 field (also a double's bits). */
    public ProtoWriter fixed64Field(int field, long value) {
        tag(field, WireType.I64);
        fixed64(value);
        return this;
    }

    /** A bytes field. */
    public ProtoWriter bytesField(int field, byte[] value) {
        return bytesField(field, value, 0, value.length);
    }

    /** A bytes field holding {@code value[offset, offset + count)}. */
    public ProtoWriter bytesField(int field, byte[] value, int offset, int count) {
        tag(field, WireType.LEN);
        varint(count);
        raw(value, offset, count);
        return this;
    }

    /** A string field, UTF-8 encoded. */
    public ProtoWriter stringField(int field, String value) {
        return bytesField(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A nested message field whose payload is everything {@code message} has written. */
    public ProtoWriter messageField(int field, ProtoWriter message) {
        return bytesField(field, message.buffer, 0, message.length);
    }

    /** The field key: field number and wire type. */
    public ProtoWriter tag(int field, int wireType) {
        if (field < 1 || field > 0x1FFF_FFFF) {
            throw new IllegalArgumentException("protobuf field number out of range: " + field);
        }
        varint(((long) field << 3) | wireType);
        return this;
    }

    /** A base-128 varint, least significant group first. */
    public ProtoWriter varint(long value) {
        ensure(10);
        long v = value;
        while ((v & ~0x7FL) != 0) {
            buffer[length++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[length++] = (byte) v;
        return this;
    }

    /** Four bytes, little-endian. */
    public ProtoWriter fixed32(int value) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buffer[length++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    /** Eight bytes, little-endian. */
    public ProtoWriter fixed64(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buffer[length++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    private void raw(byte[] src, int offset, int count) {
        ensure(count);
        System.arraycopy(src, offset, buffer, length, count);
        length += count;
    }

    private void ensure(int extra) {
        int needed = length + extra;
        if (needed < 0) {
            throw new IllegalStateException("protobuf message larger than 2 GB");
        }
        if (needed > buffer.length) {
            int grown = (int) Math.min(Integer.MAX_VALUE - 8, Math.max((long) buffer.length * 2, needed));
            buffer = Arrays.copyOf(buffer, grown);
        }
    }
}
