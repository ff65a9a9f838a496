package dev.dexd.vision;

import dev.dexd.common.config.ConfigNode;
import java.util.List;

/**
 * One camera of {@code sensors.cube_pose.cameras}: its id (as in the packets), a name for people,
 * its pose in the world frame (the extrinsics: {@code p_world = R(quaternion) p_cam + position},
 * {@code q_world = quaternion * q_cam}) and how old its estimates may be before fusion ignores them.
 */
public record CameraConfig(int id, String name, double[] position, double[] quaternion, long maxAgeNanos) {
    public static final long DEFAULT_MAX_AGE_MS = 300;

    /** Reads one list item {@code {id, name, position, quaternion, max_age_ms}}; unknown keys are refused. */
    public static CameraConfig read(final ConfigNode n) {
        n.asMap("a camera mapping {id, name, position, quaternion, max_age_ms}");
        final int id = (int) n.integer("id", 0, 65_535);
        final String name = n.text("name", "camera" + id);
        final double[] position = vector(n.required("position"), 3, "[x, y, z] in m");
        final double[] quaternion = vector(n.required("quaternion"), 4, "[w, x, y, z]");
        final double norm = Math.sqrt(quaternion[0] * quaternion[0] + quaternion[1] * quaternion[1]
            + quaternion[2] * quaternion[2] + quaternion[3] * quaternion[3]);
        if (Math.abs(norm - 1.0) > 1e-3) {
            throw n.get("quaternion").error("expected a unit quaternion [w, x, y, z], got norm " + norm);
        }
        for (int i = 0; i < 4; i++) {
            quaternion[i] /= norm;
        }
        final long maxAgeMs = n.integer("max_age_ms", DEFAULT_MAX_AGE_MS, 1, 60_000);
        n.rejectUnknownKeys();
        return new CameraConfig(id, name, position, quaternion, maxAgeMs * 1_000_000L);
    }

    /** A camera whose frame is the world frame (bring-up without a config). */
    public static CameraConfig identity(final int id) {
        return new CameraConfig(id, "camera" + id, new double[3], new double[] {1, 0, 0, 0},
            DEFAULT_MAX_AGE_MS * 1_000_000L);
    }

    private static double[] vector(final ConfigNode n, final int size, final String expected) {
        final List<ConfigNode> items = n.asList();
        if (items.size() != size) {
            throw n.error("expected " + size + " numbers " + expected + ", got " + items.size());
        }
        final double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = items.get(i).asFinite();
        }
        return v;
    }
}
