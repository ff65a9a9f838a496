package dev.dexd.vision;

/**
 * The cube's pose in the world frame, fused from the cameras that agreed: what the control step
 * reads. A mutable value copied through triple buffer ({@code TripleBuffer}); {@link #count} is 0 until the first
 * fusion, then counts fused poses, so a reader sees whether it has a new one.
 */
public final class FusedPose {
    /** World position, m. */
    public final double[] position = new double[3];
    /** World orientation, unit quaternion w x y z with w >= 0. */
    public final double[] quaternion = {1, 0, 0, 0};
    /** The oldest capture time among the estimates used, ns since the epoch (CLOCK_REALTIME): its age is the pose's age. */
    public long captureNanos;
    /**
     * The same capture time on {@code System.nanoTime()}'s clock (CLOCK_MONOTONIC: the daemon's
     * realtime control clock), for the staleness check: the wall-clock age at the packet's arrival
     * taken back from the arrival time. Immune to wall-clock steps after the packet arrived.
     */
    public long captureMonotonicNanos;
    /** Cameras whose estimates were averaged. */
    public int camerasUsed;
    /** The mean confidence of the estimates averaged, 0..1. */
    public double confidence;
    /** The top face's angle, rad (confidence-weighted circular mean of the used estimates that carry it); NaN when none does. */
    public double topFaceAngle = Double.NaN;
    /** Fused poses made so far by the listener; this one's number (0: none yet). */
    public long count;
    /** The camera and sequence number of the packet whose arrival made this pose. */
    public int camera;
    public long sequence;
    /** {@code System.nanoTime()} when that packet was taken off the socket, and when this pose was published. */
    public long arrivalNanos;
    public long publishedNanos;

    public void copyFrom(final FusedPose o) {
        System.arraycopy(o.position, 0, position, 0, 3);
        System.arraycopy(o.quaternion, 0, quaternion, 0, 4);
        captureNanos = o.captureNanos;
        captureMonotonicNanos = o.captureMonotonicNanos;
        camerasUsed = o.camerasUsed;
        confidence = o.confidence;
        topFaceAngle = o.topFaceAngle;
        count = o.count;
        camera = o.camera;
        sequence = o.sequence;
        arrivalNanos = o.arrivalNanos;
        publishedNanos = o.publishedNanos;
    }
}
