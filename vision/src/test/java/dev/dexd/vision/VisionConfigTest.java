package dev.dexd.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.common.config.ConfigError;
import dev.dexd.common.config.ConfigNode;
import org.junit.jupiter.api.Test;

class VisionConfigTest {
    @Test
    void readsTheIssuesKeysAndLeavesSourceAndStaleToTheCaller() {
        final ConfigNode node = Cameras.cubePoseNode(Cameras.YAML);
        final VisionConfig c = VisionConfig.read(node);
        assertEquals("127.0.0.1", c.bind());
        assertEquals(0, c.port());
        assertEquals(0.02, c.outlierPositionM());
        assertEquals(0.25, c.outlierAngleRad());
        assertEquals(3, c.cameras().size());
        final CameraConfig right = c.cameras().get(1);
        assertEquals(2, right.id());
        assertEquals("right", right.name());
        assertArrayEquals(new double[] {0.0, 0.45, 0.35}, right.position());
        assertArrayEquals(new double[] {0, 0, 0, 1}, right.quaternion());
        assertEquals(300_000_000L, right.maxAgeNanos());
        // the caller reads its own keys, then refuses the rest: here nothing is left over
        node.text("source");
        node.integer("stale_ms", 1, 60_000);
        node.rejectUnknownKeys();
    }

    @Test
    void mistakesAreOneLineWithTheKeyPath() {
        assertEquals("config test.yaml line 4: sensors.cube_pose.cameras[0].quaternion: expected a unit quaternion [w, x, y, z], got norm 2.0",
            error("- {id: 1, position: [0, 0, 0], quaternion: [2, 0, 0, 0]}"));
        assertTrue(error("- {id: 1, position: [0, 0, 0], quaternion: [1, 0, 0, 0]}\n      - {id: 1, position: [0, 0, 1], quaternion: [1, 0, 0, 0]}")
            .endsWith("sensors.cube_pose.cameras[1].id: camera id 1 is used twice: give each camera its own id"));
        assertTrue(error("- {id: 1, position: [0, 0], quaternion: [1, 0, 0, 0]}").contains("expected 3 numbers"));
        assertTrue(error("- {id: 1, position: [0, 0, 0], quaternion: [1, 0, 0, 0], max_age: 3}").contains("max_age: unknown key"));
        assertTrue(error("- {id: 70000, position: [0, 0, 0], quaternion: [1, 0, 0, 0]}").contains("expected a whole number from 0 to 65535"));
    }

    private static String error(final String cameras) {
        final String yaml = "sensors:\n  cube_pose:\n    cameras:\n      " + cameras + "\n";
        final ConfigError e = assertThrows(ConfigError.class, () -> VisionConfig.read(Cameras.cubePoseNode(yaml)));
        return e.getMessage();
    }
}
