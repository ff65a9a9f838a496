package dev.dexd.policy.model;

import java.nio.charset.StandardCharsets;

/**
 * Reads protobuf wire format from a window of a byte array, without copying. Nested messages are
 * read through a new reader over the parent's window, so byte positions in error messages are
 * always offsets into the whole file. Every read checks bounds and throws
 * {@link MalformedProtoException} instead of reading past the window.
 */
final class ProtoReader {
    private final byte[] buffer;
    private final int limit;
    private int position;

    ProtoReader(byte[] buffer) {
        this(buffer, 0, buffer.length);
    }

    ProtoReader(byte[] buffer, int offset, int limit) {
        this.buffer = buffer;
        this.position = offset;
        this.limit = limit;
    }

    static int fieldNumber(int tag) {
        return tag >>> 3;
    }

    static int wireType(int tag) {
        return tag & 7;
    }

    boolean hasRemaining() {
        return position < limit;
    }

    int position() {
        return position;
    }

    /** The next field key; rejects field number 0 and the group and invalid wire types. */
    int readTag() {
        int at = position;
        long key = readVarint();
        int field = (int) (key >>> 3);
        int wire = (int) (key & 7);
        if (key > 0xFFFF_FFFFL || field == 0) {
            throw new MalformedProtoException("invalid field key " + key + " at byte " + at);
        }
        if (wire != WireType.VARINT && wire != WireType.I64 && wire != WireType.LEN && wire != WireType.I32) {
            throw new MalformedProtoException("unsupported wire type " + WireType.name(wire)
                + " for field " + field + " at byte " + at);
        }
        return (int) key;
    }

    long readVarint() {
        int at = position;
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= limit) {
                throw new MalformedProtoException("truncated varint at byte " + at);
            }
            byte b = buffer[position++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new MalformedProtoException("varint longer than 10 bytes at byte " + at);
    }

    int readFixed32() {
        require(4, "fixed32");
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value |= (buffer[position++] & 0xFF) << (8 * i);
        }
        return value;
    }

    long readFixed64() {
        require(8, "fixed64");
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value |= (long) (buffer[position++] & 0xFF) << (8 * i);
        }
        return value;
    }

    /** A length-delimited payload as a reader over the same bytes; the parent moves past it. */
    ProtoReader readMessage() {
        int length = readLength();
        ProtoReader nested = new ProtoReader(buffer, position, position + length);
        position += length;
        return nested;
    }

    String readString() {
        int length = readLength();
        String value = new String(buffer, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** Skips the payload of a field whose key has been read. */
    void skip(int tag) {
        switch (wireType(tag)) {
            case WireType.VARINT:
                readVarint();
                break;
            case WireType.I64:
                require(8, "fixed64");
                position += 8;
                break;
            case WireType.LEN:
                int length = readLength();
                position += length;
                break;
            case WireType.I32:
                require(4, "fixed32");
                position += 4;
                break;
            default:
                throw new MalformedProtoException("unsupported wire type " + WireType.name(wireType(tag))
                    + " for field " + fieldNumber(tag) + " before byte " + position);
        }
    }

    /** Throws unless {@code tag} has the wire type the schema gives its field. */
    void expect(int tag, int wireType, String fieldName) {
        if (wireType(tag) != wireType) {
            throw new MalformedProtoException(fieldName + " has wire type " + WireType.name(wireType(tag))
                + ", expected " + WireType.name(wireType) + " (before byte " + position + ")");
        }
    }

    private int readLength() {
        int at = position;
        long length = readVarint();
        if (length < 0 || length > limit - position) {
            throw new MalformedProtoException("length " + length + " at byte " + at
                + " runs past the end of its message (byte " + limit + ")");
        }
        return (int) length;
    }

    private void require(int count, String what) {
        if (limit - position < count) {
            throw new MalformedProtoException("truncated " + what + " at byte " + position);
        }
    }
}
