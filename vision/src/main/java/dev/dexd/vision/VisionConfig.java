package dev.dexd.vision;

import dev.dexd.common.config.ConfigNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The UDP cube-pose source's settings, from {@code sensors.cube_pose}: where to listen, the
 * outlier limits of fusion, the per-camera flood limit, and the cameras.
 *
 * @param outlierPositionM  an estimate further than this from the median position is an outlier
 * @param outlierAngleRad   an estimate rotated further than this from the consensus orientation is an outlier
 * @param maxRateHz         packets per second one camera may send (a burst of a tenth of a second is allowed); more are floods
 * @param receiveBufferBytes the socket's receive buffer (SO_RCVBUF): small on purpose, so that under a flood the
 *                          kernel drops the excess instead of queueing milliseconds of it ahead of good packets
 */
public record VisionConfig(String bind, int port, double outlierPositionM, double outlierAngleRad, double maxRateHz,
                           int receiveBufferBytes, List<CameraConfig> cameras) {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 5005;
    public static final int MAX_CAMERAS = 16;
    public static final int DEFAULT_RECEIVE_BUFFER_KB = 64;

    public VisionConfig {
        cameras = List.copyOf(cameras);
    }

    /**
     * Reads the keys of {@code sensors.cube_pose} that belong to vision: {@code bind, port, outlier:
     * {position_m, angle_rad}, max_rate_hz, receive_buffer_kb, cameras}. The section's other keys ({@code source},
     * {@code stale_ms}) are the caller's: it reads them and then calls
     * {@code sensorsCubePose.rejectUnknownKeys()}, so a typo anywhere in the section is refused.
     * Errors are {@link dev.dexd.common.config.ConfigError}s: one line with file, line and key path.
     */
    public static VisionConfig read(final ConfigNode sensorsCubePose) {
        final ConfigNode n = sensorsCubePose;
        final String bind = n.text("bind", DEFAULT_BIND);
        final int port = (int) n.integer("port", DEFAULT_PORT, 0, 65_535);
        final ConfigNode outlier = n.section("outlier");
        final double positionM = outlier.number("position_m", 0.02, 1e-6, 10);
        final double angleRad = outlier.number("angle_rad", 0.25, 1e-6, Math.PI);
        if (outlier.isPresent()) {
            outlier.rejectUnknownKeys();
        }
        final double maxRateHz = n.number("max_rate_hz", 240, 1, 100_000);
        final int receiveBufferBytes = (int) n.integer("receive_buffer_kb", DEFAULT_RECEIVE_BUFFER_KB, 4, 65_536) << 10;
        final List<ConfigNode> items = n.list("cameras");
        if (items.isEmpty() || items.size() > MAX_CAMERAS) {
            throw n.get("cameras").error("expected 1 to " + MAX_CAMERAS + " cameras, got " + items.size());
        }
        final List<CameraConfig> cameras = new ArrayList<>();
        final Set<Integer> ids = new HashSet<>();
        for (ConfigNode item : items) {
            final CameraConfig c = CameraConfig.read(item);
            if (!ids.add(c.id())) {
                throw item.get("id").error("camera id " + c.id() + " is used twice: give each camera its own id");
            }
            cameras.add(c);
        }
        return new VisionConfig(bind, port, positionM, angleRad, maxRateHz, receiveBufferBytes, cameras);
    }

    /** Bring-up without a config: cameras 1..count whose frames are the world frame, default limits. */
    public static VisionConfig identityCameras(final String bind, final int port, final int count) {
        final List<CameraConfig> cameras = new ArrayList<>();
        for (int id = 1; id <= count; id++) {
            cameras.add(CameraConfig.identity(id));
        }
        return new VisionConfig(bind, port, 0.02, 0.25, 240, DEFAULT_RECEIVE_BUFFER_KB << 10, cameras);
    }

    /** The same settings with another per-camera rate limit. */
    public VisionConfig withRate(final double maxRateHz) {
        return new VisionConfig(bind, port, outlierPositionM, outlierAngleRad, maxRateHz, receiveBufferBytes, cameras);
    }

    /** The same settings listening on another address (tests and the CLI's --port). */
    public VisionConfig withAddress(final String bind, final int port) {
        return new VisionConfig(bind, port, outlierPositionM, outlierAngleRad, maxRateHz, receiveBufferBytes, cameras);
    }
}
