package dev.dexd.controller.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.log.PerturbationKind;
import dev.dexd.drivers.ClockMode;
import dev.dexd.drivers.hand.HandConfig;
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
        assertEquals(ClockMode.REALTIME, c.control().clock());
        assertEquals(0, c.control().periodMs());
        assertEquals(1600, c.goals().tracker().timeoutSteps());
        assertEquals(0.4, c.goals().tracker().orientationTolerance());
        assertEquals(50, c.goals().tracker().successesToEnd());
        assertEquals(600_000_000L, c.sensors().cubePose().staleNanos());
        assertEquals("sim", c.sensors().fingertips().source());
        assertTrue(c.sensors().cubeState().isNone());
        assertEquals(8 << 20, c.log().ringBytes());
    }

    @Test
    void readsEverySection() throws IOException {
        DexdConfig c = load("""
            policy: {manifest: p.yaml, smoothing: 0.3}
            control: {clock: lockstep, period_ms: 10, cpu: 1, fifo_priority: 80, lock_memory: true, spin_us: 50}
            safety: {max_step_rad: 0.2, stale_ms: {hand: 20}}
            sensors: {cube_pose: {stale_ms: 300}, face_angles: {source: sim, stale_ms: 200}, fingertips: {source: none}}
            goals: {subgoal_timeout_steps: 100, drop_height_m: 0.1, successes_to_end: 5, repeat_episodes: true, sequence: "R U"}
            sim: {seed: 7, sensors: {noise: false, camera_latency_steps: 2}}
            log: {dir: /tmp/x, ring_mb: 2}
            counters: {dir: /tmp/y}
            """);
        assertEquals(ClockMode.LOCKSTEP, c.control().clock());
        assertEquals(50_000, c.control().spinNanos());
        assertEquals(0.3, c.policy().smoothing());
        assertEquals(20_000_000L, c.safety().staleHandNanos());
        assertEquals(300_000_000L, c.sensors().cubePose().staleNanos());
        assertEquals(200_000_000L, c.sensors().faceAngles().staleNanos());
        assertTrue(c.sensors().fingertips().isNone());
        assertEquals(Long.MAX_VALUE, c.sensors().fingertips().staleNanos());
        assertEquals("R U", c.goals().sequence());
        assertEquals(7, c.sim().seed());
        assertEquals(2.0, c.sim().sensors().cameraLatencyMeanSteps());
        assertEquals(0.0, c.sim().sensors().cameraPositionSampleSd());
        assertEquals(Path.of("/tmp/x"), c.log().dir());
    }

    @Test
    void everyErrorNamesTheKeyPath() {
        assertTrue(error("control: {clock: sometimes}\npolicy: {manifest: p.yaml}\n")
            .endsWith("c.yaml line 1: control.clock: expected one of [lockstep, realtime], got 'sometimes'"));
        assertTrue(error("policy: {manifest: p.yaml}\nsensors: {cube_pose: {stale_ms: -1}}\n")
            .contains("sensors.cube_pose.stale_ms: expected a whole number from 1 to 600000, got '-1'"));
        assertTrue(error("policy: {manifest: p.yaml}\nsafety: {stale_ms: {cube_pose: 600}}\n")
            .contains("safety.stale_ms.cube_pose: moved: each sensor's age limit is now sensors.cube_pose.stale_ms"));
        assertTrue(error("policy: {manifest: p.yaml}\nsensors: {fingertips: {source: camera}}\n")
            .contains("sensors.fingertips.source: expected sim | fk | mocap_udp | none, got 'camera'"));
        assertTrue(error("policy: {manifest: p.yaml}\nsensors: {cube_pose: {source: udp, cameras: []}}\n")
            .contains("sensors.cube_pose.cameras: expected 1 to 16 cameras, got 0"));
        assertTrue(error("policy: {manifest: p.yaml}\nsensors: {fingertips: {source: fk}}\n")
            .contains("sensors.fingertips.model: missing: the hand's MJCF model"));
        assertTrue(error("policy: {manifest: p.yaml}\nsim: {sensors: {cameras_udp: true}}\n")
            .contains("line 2: sim.sensors.cameras_udp: the simulated cameras send to the udp cube-pose listener, and"
                + " sensors.cube_pose.source is sim: set sensors.cube_pose.source: udp"));
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

    @Test
    void aDuplicateKeyIsRefusedWithItsPathAndBothLines() {
        // YAML parsers keep the last value: a second max_step_rad used to loosen the limit silently
        String e = error("policy: {manifest: p.yaml}\nsafety:\n  max_step_rad: 0.5\n  stale_ms: {hand: 100}\n"
            + "  max_step_rad: 10\n");
        assertTrue(e.endsWith("c.yaml line 5: safety.max_step_rad: duplicate key (first at line 3): keep one, YAML would"
            + " silently use the last"), e);
        assertTrue(error("policy: {manifest: p.yaml}\nsafety: {stale_ms: {hand: 100, hand: 5}}\n")
            .contains("line 2: safety.stale_ms.hand: duplicate key"));
        assertTrue(error("policy: {manifest: p.yaml}\nlog: {dir: a}\nlog: {dir: b}\n")
            .contains("line 3: log: duplicate key (first at line 2)"));
    }

    @Test
    void unknownKeysAreRefusedWithWhatIsKnownThere() {
        String e = error("policy: {manifest: p.yaml}\nsafety:\n  stale_ms:\n    hand: 100\n    cube_pos: 600\n");
        assertTrue(e.endsWith("c.yaml line 5: safety.stale_ms.cube_pos: unknown key (known here: cube_pose, face_angles,"
            + " fingertips, hand)"), e);
    }

    @Test
    void wrongTypesAreRefused() {
        assertTrue(error("policy: {manifest: p.yaml}\nsafety: {max_step_rad: \"0.5\"}\n").contains(
            "line 2: safety.max_step_rad: expected a number from 1.0E-6 to 10.0, got '0.5' (text: write numbers without"
                + " quotes)"));
        assertTrue(error("policy: {manifest: p.yaml}\ncontrol: {lock_memory: 1}\n")
            .contains("control.lock_memory: expected true or false, got '1'"));
        assertTrue(error("policy: {manifest: p.yaml}\ncontrol: {period_ms: 2.5}\n")
            .contains("control.period_ms: expected a whole number from 0 to 10000, got '2.5'"));
        assertTrue(error("policy: {manifest: p.yaml}\nsafety: [1, 2]\n").contains("line 2: safety: expected a mapping"));
        assertTrue(error("policy: {manifest: [p.yaml]}\n").contains("policy.manifest: expected text, got a list"));
        assertTrue(error("- policy\n").contains("expected a YAML mapping of keys"));
    }

    @Test
    void readsAPerturbationScheduleAndNamesEachBadEntry() throws IOException {
        DexdConfig c = load("policy: {manifest: p.yaml}\nperturbations:\n  schedule:\n"
            + "    - {after_successes: 10, action: reset-memory}\n"
            + "    - {after_successes: 30, action: lock-joint, joint: random}\n"
            + "    - {after_successes: 40, action: randomise}\n");
        assertEquals(java.util.List.of(
            new DexdConfig.ScheduledPerturbation(10, PerturbationKind.RESET_MEMORY, null),
            new DexdConfig.ScheduledPerturbation(30, PerturbationKind.LOCK_JOINT, "random"),
            new DexdConfig.ScheduledPerturbation(40, PerturbationKind.RANDOMISE, null)),
            c.perturbations().schedule());
        assertEquals(java.util.List.of(), load("policy: {manifest: p.yaml}\n").perturbations().schedule());
        String p = "policy: {manifest: p.yaml}\nperturbations:\n  schedule:\n";
        assertTrue(error(p + "    - {after_successes: 3, action: shake}\n")
            .contains("perturbations.schedule[0].action: expected reset-memory, randomise or lock-joint, got 'shake'"));
        assertTrue(error(p + "    - {after_successes: 3, action: lock-joint}\n")
            .contains("perturbations.schedule[0].joint: missing"));
        assertTrue(error(p + "    - {after_successes: 3, action: randomise, joint: FFJ1}\n")
            .contains("perturbations.schedule[0].joint: only lock-joint takes a joint"));
        assertTrue(error(p + "    - {after_successes: 0, action: randomise}\n")
            .contains("perturbations.schedule[0].after_successes: expected a whole number from 1 to 1000000"));
        assertTrue(error(p + "    - {action: randomise, after: 3}\n").contains("after_successes: missing"));
        assertTrue(error(p + "    - reset-memory\n").contains("expected a mapping like {after_successes: 10"));
    }

    @Test
    void theHandSectionComesFromTheSameParse() throws IOException {
        Path p = dir.resolve("c.yaml");
        Files.writeString(p, "policy: {manifest: p.yaml}\nhand:\n  library: dexd_mujoco\n  model: sim/hand.xml\n"
            + "  friction_scale: [0.7, 1.3]\n");
        DexdConfig c = ConfigLoader.load(p);
        Files.delete(p); // nothing reads the file again: the daemon opens the hand from this object
        HandConfig hand = c.requireHand();
        assertEquals("dexd_mujoco", hand.library());
        assertEquals(p, hand.source());
        assertEquals("model=" + dir.resolve("sim/hand.xml") + ";friction_scale=0.7..1.3", hand.nativeConfig());
        // the hand section is checked in the same pass as the rest
        assertTrue(error("policy: {manifest: p.yaml}\nhand:\n  library: x\n  seed: 1\n  seed: 2\n")
            .contains("line 5: hand.seed: duplicate key (first at line 4)"));
        assertTrue(error("policy: {manifest: p.yaml}\nhand: {model: m.xml}\n").contains("line 2: hand.library: missing"));
        ConfigException e = assertThrows(ConfigException.class, () -> load("policy: {manifest: p.yaml}\n").requireHand());
        assertTrue(e.getMessage().contains("c.yaml: hand: missing"), e.getMessage());
    }

    @Test
    void theShippedConfigsLoad() {
        for (String name : new String[] {"sim.yaml", "robot.yaml", "rehearsal.yaml"}) {
            DexdConfig c = ConfigLoader.load(Path.of("..", "configs", name));
            assertTrue(c.requireHand().library().length() > 0, name);
        }
        // the demo's camera poses go through UDP ingestion; the rehearsal has no simulated sensors at all
        DexdConfig sim = ConfigLoader.load(Path.of("..", "configs", "sim.yaml"));
        assertTrue(sim.sim().camerasUdp());
        assertEquals("udp", sim.sensors().cubePose().source());
        assertEquals(3, sim.sensors().cubePose().settings(dev.dexd.vision.VisionConfig.class).cameras().size());
        DexdConfig rehearsal = ConfigLoader.load(Path.of("..", "configs", "rehearsal.yaml"));
        assertEquals("dexd_mujoco", rehearsal.requireHand().library());
        assertEquals(ClockMode.REALTIME, rehearsal.control().clock());
        assertTrue(!rehearsal.sensors().uses(DexdConfig.Sensors.SIM) && !rehearsal.sim().camerasUdp());
        assertEquals("udp", rehearsal.sensors().cubePose().source());
        assertEquals("vision", rehearsal.sensors().faceAngles().source());
        assertEquals("fk", rehearsal.sensors().fingertips().source());
    }
}
