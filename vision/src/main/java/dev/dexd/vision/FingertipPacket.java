package dev.dexd.vision;

import java.nio.ByteOrder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Motion-capture fingertips, protocol v1 (magic DXFT), the same framing as {@link PosePacket}: a
 * flyweight over one 140-byte little-endian datagram. Offsets: 0 magic "DXFT", 4 u8 version = 1,
 * 5 u8 flags (0, reserved), 6 u16 source id (the mocap bridge, as configured), 8 u32 sequence
 * number, 12 u64 capture time (ns, CLOCK_REALTIME), 20 15 x f64: the five fingertips in the order
 * FF MF RF LF TH, x y z each, m, in the hand frame.
 */
public final class FingertipPacket {
    public static final int MAGIC = 'D' | 'X' << 8 | 'F' << 16 | 'T' << 24;
    public static final int VERSION = 1;
    public static final int FINGERTIPS = 5;
    public static final int LENGTH = 20 + 8 * 3 * FINGERTIPS;

    private static final int POSITIONS_OFFSET = 20;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private DirectBuffer buffer;
    private int offset;

    public FingertipPacket wrap(final DirectBuffer buffer, final int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public int magic() {
        return buffer.getInt(offset, LE);
    }

    public int version() {
        return buffer.getByte(offset + 4) & 0xFF;
    }

    public int source() {
        return buffer.getShort(offset + 6, LE) & 0xFFFF;
    }

    public long sequence() {
        return buffer.getInt(offset + 8, LE) & 0xFFFF_FFFFL;
    }

    public long captureNanos() {
        return buffer.getLong(offset + 12, LE);
    }

    /** Coordinate {@code i} of the 15 (fingertip i / 3, axis i % 3), m. */
    public double position(final int i) {
        return buffer.getDouble(offset + POSITIONS_OFFSET + 8 * i, LE);
    }

    /** Encodes one packet; {@code positions} holds 15 numbers (FF MF RF LF TH, x y z each). Returns {@link #LENGTH}. */
    public static int write(final MutableDirectBuffer buffer, final int offset, final int source, final long sequence,
                            final long captureNanos, final double[] positions) {
        buffer.putInt(offset, MAGIC, LE);
        buffer.putByte(offset + 4, (byte) VERSION);
        buffer.putByte(offset + 5, (byte) 0);
        buffer.putShort(offset + 6, (short) source, LE);
        buffer.putInt(offset + 8, (int) sequence, LE);
        buffer.putLong(offset + 12, captureNanos, LE);
        for (int i = 0; i < 3 * FINGERTIPS; i++) {
            buffer.putDouble(offset + POSITIONS_OFFSET + 8 * i, positions[i], LE);
        }
        return LENGTH;
    }
}
