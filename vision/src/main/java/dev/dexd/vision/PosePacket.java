package dev.dexd.vision;

import java.nio.ByteOrder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Pose protocol v1, binary form: a flyweight over one 84-byte little-endian datagram (see
 * docs/vision.md for the byte table). {@link #wrap} points it at a buffer; the getters read the
 * fields in place, so decoding allocates nothing. {@link #write} encodes one packet (senders, tests).
 */
public final class PosePacket {
    /** "DXPS" as the first four bytes, read as a little-endian int. */
    public static final int MAGIC = 'D' | 'X' << 8 | 'P' << 16 | 'S' << 24;
    public static final int VERSION = 1;
    public static final int LENGTH = 84;
    /** flags bit 0: the top-face angle field holds a value. */
    public static final int FLAG_TOP_FACE_ANGLE = 1;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int FLAGS_OFFSET = 5;
    static final int CAMERA_OFFSET = 6;
    static final int SEQUENCE_OFFSET = 8;
    static final int CAPTURE_OFFSET = 12;
    static final int POSITION_OFFSET = 20;
    static final int QUATERNION_OFFSET = 44;
    static final int CONFIDENCE_OFFSET = 76;
    static final int TOP_FACE_OFFSET = 80;

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private DirectBuffer buffer;
    private int offset;

    public PosePacket wrap(final DirectBuffer buffer, final int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public int magic() {
        return buffer.getInt(offset + MAGIC_OFFSET, LE);
    }

    public int version() {
        return buffer.getByte(offset + VERSION_OFFSET) & 0xFF;
    }

    public int flags() {
        return buffer.getByte(offset + FLAGS_OFFSET) & 0xFF;
    }

    public int camera() {
        return buffer.getShort(offset + CAMERA_OFFSET, LE) & 0xFFFF;
    }

    /** The u32 sequence number, as a non-negative long. */
    public long sequence() {
        return buffer.getInt(offset + SEQUENCE_OFFSET, LE) & 0xFFFF_FFFFL;
    }

    /** Capture time, ns since the epoch (CLOCK_REALTIME). */
    public long captureNanos() {
        return buffer.getLong(offset + CAPTURE_OFFSET, LE);
    }

    /** Position component i (0..2) in the camera frame, m. */
    public double position(final int i) {
        return buffer.getDouble(offset + POSITION_OFFSET + 8 * i, LE);
    }

    /** Quaternion component i (0..3: w x y z) in the camera frame. */
    public double quaternion(final int i) {
        return buffer.getDouble(offset + QUATERNION_OFFSET + 8 * i, LE);
    }

    public float confidence() {
        return buffer.getFloat(offset + CONFIDENCE_OFFSET, LE);
    }

    /** The top-face angle, rad; meaningful only when {@link #FLAG_TOP_FACE_ANGLE} is set. */
    public float topFaceAngle() {
        return buffer.getFloat(offset + TOP_FACE_OFFSET, LE);
    }

    /**
     * Encodes one packet at {@code buffer[offset..offset+84)}. {@code topFaceAngle} NaN means "not
     * present" (flag clear, field zero). Returns {@link #LENGTH}.
     */
    public static int write(final MutableDirectBuffer buffer, final int offset, final int camera, final long sequence,
                            final long captureNanos, final double[] position, final double[] quaternion,
                            final float confidence, final float topFaceAngle) {
        final boolean top = !Float.isNaN(topFaceAngle);
        buffer.putInt(offset + MAGIC_OFFSET, MAGIC, LE);
        buffer.putByte(offset + VERSION_OFFSET, (byte) VERSION);
        buffer.putByte(offset + FLAGS_OFFSET, (byte) (top ? FLAG_TOP_FACE_ANGLE : 0));
        buffer.putShort(offset + CAMERA_OFFSET, (short) camera, LE);
        buffer.putInt(offset + SEQUENCE_OFFSET, (int) sequence, LE);
        buffer.putLong(offset + CAPTURE_OFFSET, captureNanos, LE);
        for (int i = 0; i < 3; i++) {
            buffer.putDouble(offset + POSITION_OFFSET + 8 * i, position[i], LE);
        }
        for (int i = 0; i < 4; i++) {
            buffer.putDouble(offset + QUATERNION_OFFSET + 8 * i, quaternion[i], LE);
        }
        buffer.putFloat(offset + CONFIDENCE_OFFSET, confidence, LE);
        buffer.putFloat(offset + TOP_FACE_OFFSET, top ? topFaceAngle : 0f, LE);
        return LENGTH;
    }
}
