package dev.dexd.drivers.sensors;

import java.util.Arrays;

import dev.dexd.drivers.sim.WorldTruth;

/**
 * Fingertip positions as motion capture reports them: FF, MF, RF, LF, TH, each x, y, z in the hand
 * frame (metres), stamped with the simulation time of the truth they reflect. Preallocated and
 * overwritten in place by its sensor; copy it with {@link #copyFrom} to keep it.
 */
public final class FingertipsSample extends SensorSample {
    /** Number of values: 5 fingertips x 3 coordinates. */
    public static final int LENGTH = WorldTruth.FINGERTIPS * 3;

    final double[] positions = new double[LENGTH];

    /** Coordinate {@code axis} (0..2) of fingertip {@code finger} (0..4 = FF, MF, RF, LF, TH), metres. */
    public double position(final int finger, final int axis) {
        return positions[finger * 3 + axis];
    }

    /** Copies the 15 values into {@code dst} from {@code offset}. */
    public void copyPositionsTo(final double[] dst, final int offset) {
        System.arraycopy(positions, 0, dst, offset, LENGTH);
    }

    /** Makes this an exact copy of {@code other}, without allocating. */
    public FingertipsSample copyFrom(final FingertipsSample other) {
        copyStampFrom(other);
        System.arraycopy(other.positions, 0, positions, 0, LENGTH);
        return this;
    }

    void clear() {
        clearStamp();
        Arrays.fill(positions, 0.0);
    }
}
