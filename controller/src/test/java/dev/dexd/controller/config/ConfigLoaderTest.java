package dev.dexd.controller.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.config.DexdConfig.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    DexdConfig load(String yaml) throws IOException {
        Path p = dir.resolve("c.yaml");
        Files.writeString(p, yaml);
        return ConfigLoader.load(p);
    }

    String error(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void appliesDefaultsAndResolvesPathsAgainstTheFile() throws IOException {
        DexdConfig c = load("policy: {manifest: ../models/p.yaml}\n");
        assertEquals(dir.getParent().resolve("models/p.yaml"), c.policy().manifest());
        assertEquals(Clock.REALTIME, c.control().clock());
        assertEquals(0, c.control().periodMs());
        assertEquals(1600, c.goals().tracker().timeoutSteps());
        assertEquals(0.4, c.goals().tracker().orientationTolerance());
        assertEquals(50, c.goals().tracker().successesToEnd());
        assertEquals(600_000_000L, c.safety().staleCubePoseNanos());
        assertEquals(8 << 20, c.log().ringBytes());
    }

    @Test
    void readsEverySection() throws IOException {
        DexdConfig c = load("""
            policy: {manifest: p.yaml, smoothing: 0.3}
            control: {clock: lockstep, period_ms: 10, cpu: 1, fifo_priority: 80, lock_memory: true, spin_us: 50}
            safety: {max_step_rad: 0.2, stale_ms: {cube_pose: 300, face_angles: 200, fingertips: 50, hand: 20}}
            goals: {subgoal_timeout_steps: 100, drop_height_m: 0.1, successes_to_end: 5, repeat_episodes: true, sequence: "R U"}
            sim: {seed: 7, sensors: {noise: false, camera_latency_steps: 2}}
            log: {dir: /tmp/x, ring_mb: 2}
            counters: {dir: /tmp/y}
            """);
        assertEquals(Clock.LOCKSTEP, c.control().clock());
        assertEquals(50_000, c.control().spinNanos());
        assertEquals(0.3, c.policy().smoothing());
        assertEquals(20_000_000L, c.safety().staleHandNanos());
        assertEquals("R U", c.goals().sequence());
        assertEquals(7, c.sim().seed());
        assertEquals(2.0, c.sim().sensors().cameraLatencyMeanSteps());
        assertEquals(0.0, c.sim().sensors().cameraPositionSampleSd());
        assertEquals(Path.of("/tmp/x"), c.log().dir());
    }

    @Test
    void everyErrorNamesTheKeyPath() {
        assertTrue(error("control: {clock: sometimes}\npolicy: {manifest: p.yaml}\n")
            .endsWith("c.yaml: control.clock: expected one of [lockstep, realtime], got 'sometimes'"));
        assertTrue(error("policy: {manifest: p.yaml}\nsafety: {stale_ms: {cube_pose: -1}}\n")
            .contains("safety.stale_ms.cube_pose: expected a whole number from 1 to 60000, got '-1'"));
        assertTrue(error("policy: {manifest: p.yaml}\ncontrol: {perid_ms: 10}\n").contains("control.perid_ms: unknown key"));
        assertTrue(error("policy: {smoothing: 0.1}\n").contains("policy.manifest: missing"));
        assertTrue(error("policy: {manifest: p.yaml}\ngoals: {repeat_episodes: maybe}\n")
            .contains("goals.repeat_episodes: expected true or false"));
        assertTrue(error("policy: {manifest: p.yaml}\nsurprise: 1\n").contains("surprise: unknown key"));
        assertTrue(error("policy: [1, 2\n").contains("not valid YAML"));
        assertTrue(error("policy: {manifest: p.yaml}\ngoals: {sequence: \"R U X\"}\n").contains("goals.sequence: goals: 'X' at position 5"));
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("none.yaml"))).getMessage()
            .startsWith("config not found"));
    }
}
