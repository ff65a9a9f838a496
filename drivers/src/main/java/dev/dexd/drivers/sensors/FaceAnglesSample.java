package dev.dexd.drivers.sensors;

import java.util.Arrays;

import dev.dexd.drivers.sim.WorldTruth;

/**
 * The six face angles as a Giiker-style cube reports them: radians in the order U, R, F, D, L, B,
 * quantised to the sensor's resolution, stamped with the simulation time of the truth they reflect.
 * Preallocated and overwritten in place by its sensor; copy it with {@link #copyFrom} to keep it.
 */
public final class FaceAnglesSample extends SensorSample {
    final double[] angles = new double[WorldTruth.FACES];

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
        copyStampFrom(other);
        System.arraycopy(other.angles, 0, angles, 0, angles.length);
        return this;
    }

    void clear() {
        clearStamp();
        Arrays.fill(angles, 0.0);
    }
}
