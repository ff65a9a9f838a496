package dev.dexd.giiker.frame;

import java.nio.ByteOrder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Decodes and checks face-angle frames v1 ({@link FaceAngleFrame}): length, magic, version, CRC-8,
 * the sensor-fault bit, each angle within -180..180 degrees, and a sequence number newer than the
 * last accepted one (16-bit serial arithmetic: 1..32767 ahead). An invalid frame is counted by its
 * {@link FrameRejection} and leaves the output as it was; nothing throws, nothing allocates. Call
 * {@link #reset()} at every (re)connect, since a cube that restarts counts from 0 again. One thread.
 */
public final class FaceAngleDecoder {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private final FrameCounters counters;
    private final byte[] copy = new byte[FaceAngleFrame.LENGTH];
    private final UnsafeBuffer wrapper = new UnsafeBuffer(new byte[0]);
    private FrameRejection rejection;
    private int lastSequence = -1;

    public FaceAngleDecoder(final FrameCounters counters) {
        this.counters = counters;
    }

    public FrameCounters counters() {
        return counters;
    }

    /** Forgets the last sequence number: the next valid frame is accepted whatever its number. */
    public void reset() {
        lastSequence = -1;
    }

    /** Why the last frame was dropped, or null when it was accepted. */
    public FrameRejection rejection() {
        return rejection;
    }

    /** {@link #decode(DirectBuffer, int, int, DecodedAngles)} of a whole array (a D-Bus "Value"). */
    public boolean decode(final byte[] frame, final DecodedAngles out) {
        wrapper.wrap(frame);
        return decode(wrapper, 0, frame.length, out);
    }

    /** Decodes into {@code out} and returns true, or counts the reason and returns false with {@code out} untouched. */
    public boolean decode(final DirectBuffer buffer, final int offset, final int length, final DecodedAngles out) {
        counters.received();
        if (length != FaceAngleFrame.LENGTH) {
            return reject(FrameRejection.LENGTH);
        }
        if ((buffer.getByte(offset + FaceAngleFrame.MAGIC_OFFSET) & 0xFF) != FaceAngleFrame.MAGIC) {
            return reject(FrameRejection.MAGIC);
        }
        if ((buffer.getByte(offset + FaceAngleFrame.VERSION_OFFSET) & 0xFF) != FaceAngleFrame.VERSION) {
            return reject(FrameRejection.VERSION);
        }
        buffer.getBytes(offset, copy, 0, FaceAngleFrame.LENGTH);
        if (FaceAngleFrame.crc8(copy, 0, FaceAngleFrame.CRC_OFFSET) != (copy[FaceAngleFrame.CRC_OFFSET] & 0xFF)) {
            return reject(FrameRejection.CHECKSUM);
        }
        final int status = buffer.getByte(offset + FaceAngleFrame.STATUS_OFFSET) & 0xFF;
        if ((status & FaceAngleFrame.STATUS_SENSOR_FAULT) != 0) {
            return reject(FrameRejection.SENSOR_FAULT);
        }
        for (int i = 0; i < 6; i++) {
            final int a = buffer.getShort(offset + FaceAngleFrame.ANGLES_OFFSET + 2 * i, LE);
            if (a < -FaceAngleFrame.MAX_ANGLE || a > FaceAngleFrame.MAX_ANGLE) {
                return reject(FrameRejection.ANGLE_RANGE);
            }
        }
        final int sequence = buffer.getShort(offset + FaceAngleFrame.SEQUENCE_OFFSET, LE) & 0xFFFF;
        if (lastSequence >= 0) {
            final int ahead = (sequence - lastSequence) & 0xFFFF;
            if (ahead == 0 || ahead >= 0x8000) {
                return reject(FrameRejection.SEQUENCE);
            }
        }
        lastSequence = sequence;
        for (int i = 0; i < 6; i++) {
            out.units[i] = buffer.getShort(offset + FaceAngleFrame.ANGLES_OFFSET + 2 * i, LE);
        }
        out.sequence = sequence;
        out.status = status;
        out.battery = buffer.getByte(offset + FaceAngleFrame.BATTERY_OFFSET) & 0xFF;
        rejection = null;
        counters.accepted();
        return true;
    }

    private boolean reject(final FrameRejection reason) {
        rejection = reason;
        counters.rejected(reason);
        return false;
    }
}
