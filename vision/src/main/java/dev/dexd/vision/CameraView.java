package dev.dexd.vision;

import dev.dexd.common.geometry.Quaternions;

/**
 * What one camera sees of a world pose: the inverse of its extrinsics
 * ({@code p_world = R(q) p_cam + t}, {@code q_world = q q_cam}), so
 * {@code p_cam = R(q)^T (p_world - t)} and {@code q_cam = conj(q) q_world}. The simulated cameras
 * (and test senders) use it to send camera-frame packets that fusion turns back into the world pose.
 * Allocation free; one thread.
 */
public final class CameraView {
    private final int id;
    private final double[] position = new double[3];
    private final double[] conjugate = new double[4];
    private final double[] offset = new double[3];

    public CameraView(final CameraConfig camera) {
        id = camera.id();
        System.arraycopy(camera.position(), 0, position, 0, 3);
        final double[] q = camera.quaternion();
        conjugate[0] = q[0];
        conjugate[1] = -q[1];
        conjugate[2] = -q[2];
        conjugate[3] = -q[3];
    }

    /** The camera's id, as in its packets. */
    public int id() {
        return id;
    }

    /**
     * The world pose ({@code worldPosition[wp..wp+3)}, {@code worldQuaternion[wq..wq+4)}) in this
     * camera's frame, into {@code cameraPosition[0..3)} and {@code cameraQuaternion[0..4)} (normalised, w >= 0).
     */
    public void toCamera(final double[] worldPosition, final int wp, final double[] worldQuaternion, final int wq,
                         final double[] cameraPosition, final double[] cameraQuaternion) {
        for (int i = 0; i < 3; i++) {
            offset[i] = worldPosition[wp + i] - position[i];
        }
        Quaternions.rotate(conjugate, 0, offset, 0, cameraPosition, 0);
        Quaternions.multiply(conjugate, 0, worldQuaternion, wq, cameraQuaternion, 0);
        Quaternions.normaliseCanonical(cameraQuaternion, 0);
    }
}
