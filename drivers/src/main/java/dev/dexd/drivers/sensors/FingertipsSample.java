package dev.dexd.drivers.sensors;

import java.util.Arrays;

import dev.dexd.drivers.sim.WorldTruth;

/**
 * Fingertip positions as motion capture reports them: FF, MF, RF, LF, TH, each x, y, z in the hand
 * frame (metres), stamped with the simulation time of the truth they reflect. Preallocated and
 * overwritten in place by its sensor; copy it with {@link #copyFrom} to keep it.
 */
public final class FingertipsSample {
    /** Number of values: 5 fingertips x 3 coordinates. */
    public static final int LENGTH = WorldTruth.FINGERTIPS * 3;

    private long sequence;
    private long captureTimeNanos;
    private long publishTimeNanos;
    final double[] positions = new double[LENGTH];

    /** 1 for the episode's first sample, then counting up; 0 while there is none yet. */
    public long sequence() {
        return sequence;
    }

    /** Whether the sample holds data (the sensor has published at least once this episode). */
    public boolean isValid() {
        return sequence > 0;
    }

    /** Simulation time of the truth this sample reflects, ns. Age at time t is {@code t - captureTimeNanos()}. */
    public long captureTimeNanos() {
        return captureTimeNanos;
    }

    /** Simulation time of the tick at which it became visible, ns. */
    public long publishTimeNanos() {
        return publishTimeNanos;
    }

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
        sequence = other.sequence;
        captureTimeNanos = other.captureTimeNanos;
        publishTimeNanos = other.publishTimeNanos;
        System.arraycopy(other.positions, 0, positions, 0, LENGTH);
        return this;
    }

    void publish(final long captureTimeNanos, final long publishTimeNanos) {
        this.captureTimeNanos = captureTimeNanos;
        this.publishTimeNanos = publishTimeNanos;
        sequence++;
    }

    void clear() {
        sequence = 0;
        captureTimeNanos = 0;
        publishTimeNanos = 0;
        Arrays.fill(positions, 0.0);
    }
}
