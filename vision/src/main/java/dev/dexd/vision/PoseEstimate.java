package dev.dexd.vision;

/**
 * One camera's estimate of the cube's pose, decoded from a packet (binary or JSON) and not yet
 * validated: a mutable holder reused for every packet, so the listener allocates nothing per
 * binary packet. Position in m and quaternion (w x y z) are in the camera's frame.
 */
public final class PoseEstimate {
    public int camera;
    /** u32 sequence number, as a non-negative long. */
    public long sequence;
    /** Capture time, ns since the epoch (CLOCK_REALTIME). */
    public long captureNanos;
    public final double[] position = new double[3];
    public final double[] quaternion = new double[4];
    public double confidence;
    /** The top face's angle, rad; NaN when the packet has none. */
    public double topFaceAngle = Double.NaN;

    /** Copies the fields of a wrapped binary packet (already checked for magic, version and length). */
    public void copyFrom(final PosePacket p) {
        camera = p.camera();
        sequence = p.sequence();
        captureNanos = p.captureNanos();
        for (int i = 0; i < 3; i++) {
            position[i] = p.position(i);
        }
        for (int i = 0; i < 4; i++) {
            quaternion[i] = p.quaternion(i);
        }
        confidence = p.confidence();
        topFaceAngle = (p.flags() & PosePacket.FLAG_TOP_FACE_ANGLE) != 0 ? p.topFaceAngle() : Double.NaN;
    }
}
