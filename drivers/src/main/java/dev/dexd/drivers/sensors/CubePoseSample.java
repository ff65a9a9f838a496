package dev.dexd.drivers.sensors;

import java.util.Arrays;

/**
 * One camera's estimate of the cube pose: position (world frame, metres) and orientation (unit
 * quaternion w, x, y, z with w >= 0), stamped with the simulation time of the truth it reflects.
 * Preallocated and overwritten in place by its sensor; copy it with {@link #copyFrom} to keep it.
 */
public final class CubePoseSample extends SensorSample {
    private int camera;
    final double[] position = new double[3];
    final double[] quaternion = {1.0, 0.0, 0.0, 0.0};

    /** An empty sample (sequence 0) for camera 0, e.g. as a snapshot target. */
    public CubePoseSample() {
    }

    CubePoseSample(final int camera) {
        this.camera = camera;
    }

    /** Index of the camera that produced it ({@link SimulatedSensors#CAMERA_LEFT} etc.). */
    public int camera() {
        return camera;
    }

    /** Position component, {@code axis} 0..2 = x, y, z, metres. */
    public double position(final int axis) {
        return position[axis];
    }

    /** Quaternion component, {@code i} 0..3 = w, x, y, z. */
    public double quaternion(final int i) {
        return quaternion[i];
    }

    /** Copies x, y, z into {@code dst} from {@code offset}. */
    public void copyPositionTo(final double[] dst, final int offset) {
        System.arraycopy(position, 0, dst, offset, 3);
    }

    /** Copies w, x, y, z into {@code dst} from {@code offset}. */
    public void copyQuaternionTo(final double[] dst, final int offset) {
        System.arraycopy(quaternion, 0, dst, offset, 4);
    }

    /** Makes this an exact copy of {@code other}, without allocating. */
    public CubePoseSample copyFrom(final CubePoseSample other) {
        camera = other.camera;
        copyStampFrom(other);
        System.arraycopy(other.position, 0, position, 0, 3);
        System.arraycopy(other.quaternion, 0, quaternion, 0, 4);
        return this;
    }

    void clear() {
        clearStamp();
        Arrays.fill(position, 0.0);
        quaternion[0] = 1.0;
        quaternion[1] = 0.0;
        quaternion[2] = 0.0;
        quaternion[3] = 0.0;
    }
}
