package dev.dexd.drivers.sensors;

import java.util.Arrays;

import dev.dexd.drivers.sim.WorldTruth;

/**
 * The six face angles as a Giiker-style cube reports them: radians in the order U, R, F, D, L, B,
 * quantised to the sensor's resolution, stamped with the simulation time of the truth they reflect.
 * Preallocated and overwritten in place by its sensor; copy it with {@link #copyFrom} to keep it.
 */
public final class FaceAnglesSample {
    private long sequence;
    private long captureTimeNanos;
    private long publishTimeNanos;
    final double[] angles = new double[WorldTruth.FACES];

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

    /** Angle of face {@code face} (0..5 = U, R, F, D, L, B), radians. */
    public double angle(final int face) {
        return angles[face];
    }

    /** Copies the six angles into {@code dst} from {@code offset}. */
    public void copyAnglesTo(final double[] dst, final int offset) {
        System.arraycopy(angles, 0, dst, offset, angles.length);
    }

    /** Makes this an exact copy of {@code other}, without allocating. */
    public FaceAnglesSample copyFrom(final FaceAnglesSample other) {
        sequence = other.sequence;
        captureTimeNanos = other.captureTimeNanos;
        publishTimeNanos = other.publishTimeNanos;
        System.arraycopy(other.angles, 0, angles, 0, angles.length);
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
        Arrays.fill(angles, 0.0);
    }
}
