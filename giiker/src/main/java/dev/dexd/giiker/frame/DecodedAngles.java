package dev.dexd.giiker.frame;

/**
 * The six face angles of one accepted face-angle frame, written in place by {@link FaceAngleDecoder}
 * (allocated once, reused). Angle i is face i in URFDLB order: the layer's rotation away from aligned,
 * right-handed about the face's outward normal (counter-clockwise seen from outside is positive, so a
 * clockwise quarter turn R is -90 degrees), -180..180 degrees: the convention of every face-angle
 * array in dexd (the controller's {@code Face}).
 */
public final class DecodedAngles {
    final int[] units = new int[6];
    int sequence;
    int status;
    int battery;

    /** Face i's angle in hundredths of a degree, as sent. */
    public int units(final int face) {
        return units[face];
    }

    public double degrees(final int face) {
        return units[face] / (double) FaceAngleFrame.UNITS_PER_DEGREE;
    }

    public double radians(final int face) {
        return Math.toRadians(degrees(face));
    }

    public double radians(final Face face) {
        return radians(face.ordinal());
    }

    /** The frame's sequence number (0..65535). */
    public int sequence() {
        return sequence;
    }

    /** The status byte ({@link FaceAngleFrame#STATUS_CALIBRATED}, {@link FaceAngleFrame#STATUS_BATTERY_LOW}). */
    public int status() {
        return status;
    }

    public boolean calibrated() {
        return (status & FaceAngleFrame.STATUS_CALIBRATED) != 0;
    }

    /** Battery percent 0..100, or {@link FaceAngleFrame#BATTERY_UNKNOWN}. */
    public int battery() {
        return battery;
    }

    /** Sets all six angles to zero: what a stock cube (no angle sensors) reports at rest. */
    public DecodedAngles zero() {
        java.util.Arrays.fill(units, 0);
        return this;
    }

    public DecodedAngles copyFrom(final DecodedAngles other) {
        System.arraycopy(other.units, 0, units, 0, 6);
        sequence = other.sequence;
        status = other.status;
        battery = other.battery;
        return this;
    }
}
