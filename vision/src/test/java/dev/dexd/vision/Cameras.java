package dev.dexd.vision;

import dev.dexd.common.config.ConfigNode;
import dev.dexd.common.config.ConfigSource;
import dev.dexd.common.config.StrictYaml;
import dev.dexd.common.geometry.Quaternions;
import java.nio.file.Path;

/** Test fixtures: a three-camera config and estimates made from a known world pose. */
final class Cameras {
    /** Left, right (turned half a turn about z) and top (looking down: turned about x and z), as in the example. */
    static final String YAML = """
        sensors:
          cube_pose:
            source: udp
            bind: 127.0.0.1
            port: 0
            stale_ms: 600
            outlier: {position_m: 0.02, angle_rad: 0.25}
            cameras:
              - {id: 1, name: left,  position: [0.0, -0.45, 0.35], quaternion: [1, 0, 0, 0], max_age_ms: 300}
              - {id: 2, name: right, position: [0.0, 0.45, 0.35], quaternion: [0, 0, 0, 1], max_age_ms: 300}
              - {id: 7, name: top,   position: [0.05, 0.0, 0.80], quaternion: [0.5, 0.5, -0.5, 0.5], max_age_ms: 300}
        """;

    private Cameras() {
    }

    static ConfigNode cubePoseNode(final String yaml) {
        return sensorsNode(yaml, "cube_pose");
    }

    static ConfigNode sensorsNode(final String yaml, final String kind) {
        return StrictYaml.parse(new ConfigSource("config", Path.of("test.yaml"), yaml)).section("sensors").section(kind);
    }

    static VisionConfig config() {
        return VisionConfig.read(cubePoseNode(YAML));
    }

    /**
     * What camera {@code c} would see of the world pose (p, q), its quaternion sent with the sign
     * {@code sign}: {@code p_cam = R(q_c)^T (p - t_c)}, {@code q_cam = conj(q_c) q}.
     */
    static PoseEstimate see(final CameraConfig c, final double[] p, final double[] q, final long seq, final long tNs,
                            final double sign) {
        final double[] conj = {c.quaternion()[0], -c.quaternion()[1], -c.quaternion()[2], -c.quaternion()[3]};
        final double[] d = {p[0] - c.position()[0], p[1] - c.position()[1], p[2] - c.position()[2]};
        final PoseEstimate e = new PoseEstimate();
        Quaternions.rotate(conj, 0, d, 0, e.position, 0);
        Quaternions.multiply(conj, 0, q, 0, e.quaternion, 0);
        for (int i = 0; i < 4; i++) {
            e.quaternion[i] *= sign;
        }
        e.camera = c.id();
        e.sequence = seq;
        e.captureNanos = tNs;
        e.confidence = 0.9;
        return e;
    }

    /** Rotates an estimate's camera-frame pose by a small error: {@code dp} added, then turned by {@code angle} about x. */
    static void perturb(final PoseEstimate e, final double dx, final double dy, final double dz, final double angle) {
        e.position[0] += dx;
        e.position[1] += dy;
        e.position[2] += dz;
        final double[] r = new double[4];
        Quaternions.fromAxisAngle(1, 0, 0, angle, r, 0);
        Quaternions.multiply(e.quaternion, 0, r, 0, e.quaternion, 0);
    }

    static long nowNanos() {
        final java.time.Instant t = java.time.Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
