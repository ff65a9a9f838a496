package dev.dexd.controller.sensing;

/**
 * The latest reading of every cube and fingertip sensor, each with its capture time on the control
 * clock (ns), as the control thread consumes it. A capture time of {@link #NONE} means no sample yet.
 * A mutable holder, filled in place.
 */
public final class SensorFrame {
    /** Capture time of a sensor that has not produced a sample. */
    public static final long NONE = Long.MIN_VALUE;

    public final double[] cubePos = new double[3];
    public final double[] cubeQuat = {1, 0, 0, 0};
    public final double[] faceAngles = new double[6];
    public final double[] fingertipPos = new double[15];
    public long cubePoseCaptureNanos = NONE;
    public long faceAnglesCaptureNanos = NONE;
    public long fingertipsCaptureNanos = NONE;

    public void copyFrom(SensorFrame o) {
        System.arraycopy(o.cubePos, 0, cubePos, 0, 3);
        System.arraycopy(o.cubeQuat, 0, cubeQuat, 0, 4);
        System.arraycopy(o.faceAngles, 0, faceAngles, 0, 6);
        System.arraycopy(o.fingertipPos, 0, fingertipPos, 0, 15);
        cubePoseCaptureNanos = o.cubePoseCaptureNanos;
        faceAnglesCaptureNanos = o.faceAnglesCaptureNanos;
        fingertipsCaptureNanos = o.fingertipsCaptureNanos;
    }

    /** Forgets every sample (a new episode). */
    public void clear() {
        cubePoseCaptureNanos = NONE;
        faceAnglesCaptureNanos = NONE;
        fingertipsCaptureNanos = NONE;
    }

    /** Age of a capture at {@code now}, or Long.MAX_VALUE when there was none. */
    public static long age(long now, long capture) {
        return capture == NONE ? Long.MAX_VALUE : now - capture;
    }
}
