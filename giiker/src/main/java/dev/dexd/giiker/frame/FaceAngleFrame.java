package dev.dexd.giiker.frame;

/**
 * Our face-angle frame v1 for cubes modified to report their six face angles (as OpenAI's was): one
 * 20-byte little-endian notification on the Nordic UART service's TX characteristic. The byte table
 * is in docs/giiker.md, written for whoever writes the firmware:
 *
 * <pre>
 * 0      magic 0xD5
 * 1      version 1
 * 2..3   sequence number, u16, +1 per frame, wraps
 * 4..15  face angles U R F D L B, i16 each, 0.01 degree, -18000..18000, right-handed about the face's
 *        outward normal (counter-clockwise seen from outside positive: a turn R makes R's angle -90)
 * 16     status: bit 0 calibrated, bit 1 battery low, bit 2 sensor fault, bits 3..7 zero
 * 17     battery percent 0..100, 0xFF unknown
 * 18     reserved, zero
 * 19     CRC-8 (polynomial 0x07, initial 0, no reflection: CRC-8/SMBUS) of bytes 0..18
 * </pre>
 * Stateless; nothing allocates.
 */
public final class FaceAngleFrame {
    /** The Nordic UART service a face-angle cube advertises. */
    public static final String SERVICE_UUID = "6e400001-b5a3-f393-e0a9-e50e24dcca9e";
    /** Its TX characteristic: the cube notifies face-angle frames on it. */
    public static final String NOTIFY_UUID = "6e400003-b5a3-f393-e0a9-e50e24dcca9e";

    public static final int LENGTH = 20;
    public static final int MAGIC = 0xD5;
    public static final int VERSION = 1;
    /** Angle units per degree (the angles are in hundredths of a degree). */
    public static final int UNITS_PER_DEGREE = 100;
    /** The largest angle magnitude, in units: 180 degrees. */
    public static final int MAX_ANGLE = 180 * UNITS_PER_DEGREE;
    /** Status bit 0: the cube knows where each face's zero is (else angles count from power-on). */
    public static final int STATUS_CALIBRATED = 1;
    /** Status bit 1: the battery is low. */
    public static final int STATUS_BATTERY_LOW = 1 << 1;
    /** Status bit 2: an angle sensor failed; the frame's angles are not to be used. */
    public static final int STATUS_SENSOR_FAULT = 1 << 2;
    /** Battery byte value for "not known". */
    public static final int BATTERY_UNKNOWN = 0xFF;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 1;
    static final int SEQUENCE_OFFSET = 2;
    static final int ANGLES_OFFSET = 4;
    static final int STATUS_OFFSET = 16;
    static final int BATTERY_OFFSET = 17;
    static final int RESERVED_OFFSET = 18;
    static final int CRC_OFFSET = 19;

    private FaceAngleFrame() {
    }

    /**
     * Writes one frame to {@code dst[offset..offset+20)}: {@code angles} are six angles (U R F D L B) in
     * hundredths of a degree, each -18000..18000. Returns {@link #LENGTH}.
     */
    public static int encode(final int sequence, final int status, final int battery, final int[] angles,
                             final byte[] dst, final int offset) {
        dst[offset + MAGIC_OFFSET] = (byte) MAGIC;
        dst[offset + VERSION_OFFSET] = (byte) VERSION;
        putShort(dst, offset + SEQUENCE_OFFSET, sequence);
        for (int i = 0; i < 6; i++) {
            if (angles[i] < -MAX_ANGLE || angles[i] > MAX_ANGLE) {
                throw new IllegalArgumentException("face angle " + i + " is " + angles[i] + " units; -" + MAX_ANGLE
                    + ".." + MAX_ANGLE + " (hundredths of a degree)");
            }
            putShort(dst, offset + ANGLES_OFFSET + 2 * i, angles[i]);
        }
        dst[offset + STATUS_OFFSET] = (byte) status;
        dst[offset + BATTERY_OFFSET] = (byte) battery;
        dst[offset + RESERVED_OFFSET] = 0;
        dst[offset + CRC_OFFSET] = (byte) crc8(dst, offset, CRC_OFFSET);
        return LENGTH;
    }

    /** {@link #encode} with angles in degrees (any value: wrapped into -180..180, rounded to 0.01). */
    public static int encodeDegrees(final int sequence, final int status, final int battery, final double[] degrees,
                                    final byte[] dst, final int offset) {
        dst[offset + MAGIC_OFFSET] = (byte) MAGIC;
        dst[offset + VERSION_OFFSET] = (byte) VERSION;
        putShort(dst, offset + SEQUENCE_OFFSET, sequence);
        for (int i = 0; i < 6; i++) {
            putShort(dst, offset + ANGLES_OFFSET + 2 * i, units(degrees[i]));
        }
        dst[offset + STATUS_OFFSET] = (byte) status;
        dst[offset + BATTERY_OFFSET] = (byte) battery;
        dst[offset + RESERVED_OFFSET] = 0;
        dst[offset + CRC_OFFSET] = (byte) crc8(dst, offset, CRC_OFFSET);
        return LENGTH;
    }

    /** Degrees to frame units, wrapped into -18000..18000. */
    static int units(final double degrees) {
        final double wrapped = degrees - 360.0 * Math.floor((degrees + 180.0) / 360.0);
        return (int) Math.round(wrapped * UNITS_PER_DEGREE);
    }

    /** CRC-8/SMBUS (polynomial 0x07, initial 0, no reflection, no final xor) of {@code length} bytes; "123456789" gives 0xF4. */
    public static int crc8(final byte[] data, final int offset, final int length) {
        int crc = 0;
        for (int i = 0; i < length; i++) {
            crc ^= data[offset + i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80) != 0 ? (crc << 1 ^ 0x07) & 0xFF : crc << 1 & 0xFF;
            }
        }
        return crc;
    }

    private static void putShort(final byte[] dst, final int at, final int value) {
        dst[at] = (byte) value;
        dst[at + 1] = (byte) (value >>> 8);
    }
}
