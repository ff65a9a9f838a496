package dev.dexd.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.RunSummary;
import dev.dexd.controller.log.StepFlags;
import dev.dexd.controller.log.StepLogReader;
import dev.dexd.controller.log.StepRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole daemon on the simulated hand, in lockstep: seconds of simulated time per test. */
class DaemonLockstepTest {
    static SimRig rig;

    @BeforeAll
    static void rig(@TempDir Path dir) {
        rig = new SimRig(dir);
    }

    @Test
    void sameSeedAndConfigGiveTheSameLogAndAnotherSeedDoesNot() throws InterruptedException {
        Path config = rig.config("determinism");
        Daemon a = SimRig.runLockstep(config, 6, 11L);
        Daemon b = SimRig.runLockstep(config, 6, 11L);
        Daemon c = SimRig.runLockstep(config, 6, 12L);
        RunSummary sa = RunSummary.compute(a.logDirectory());
        RunSummary sb = RunSummary.compute(b.logDirectory());
        assertEquals(300, sa.steps());
        assertEquals(sa.digest(), sb.digest());
        assertNotEquals(sa.digest(), RunSummary.compute(c.logDirectory()).digest());
        // and record by record, the deterministic part is identical
        try (StepLogReader ra = StepLogReader.open(a.logDirectory()); StepLogReader rb = StepLogReader.open(b.logDirectory())) {
            long compared = 0;
            while (true) {
                StepLogReader.Entry ea = nextStep(ra);
                StepLogReader.Entry eb = nextStep(rb);
                assertEquals(ea, eb);
                if (ea == StepLogReader.Entry.END) {
                    break;
                }
                StepRecord x = ra.step();
                StepRecord y = rb.step();
                int n = x.layout().deterministicLength();
                for (int i = 0; i < n; i++) {
                    assertEquals(x.buffer().getByte(x.offset() + i), y.buffer().getByte(y.offset() + i),
                        "step " + x.step() + " byte " + i);
                }
                compared++;
            }
            assertEquals(300, compared);
        }
    }

    private static StepLogReader.Entry nextStep(StepLogReader r) {
        StepLogReader.Entry e;
        do {
            e = r.next();
        } while (e == StepLogReader.Entry.EVENT);
        return e;
    }

    @Test
    void theControlPathAllocatesNothingPerStep() throws InterruptedException {
        Path config = rig.config("allocation", null, "clock: lockstep\nperiod_ms: 4", null, null, null);
        long steps = Daemon.ALLOCATION_WARMUP_STEPS + 10_000;
        Daemon d = SimRig.runLockstep(config, steps * 0.004, 1L);
        assertEquals(10_000, d.allocationMeasuredSteps());
        // < 1 byte per step on average: a per-step allocation (16 bytes at least) cannot hide under it,
        // while a one-off JIT recompilation's few hundred bytes do not fail the test
        assertTrue(d.allocatedBytesPerStep() < 1.0, "control thread allocated " + d.allocatedBytesPerStep()
            + " bytes per step beyond ORT's own arrays");
    }

    @Test
    void staleSensorDataHoldsTheHand() throws InterruptedException {
        // cameras 10 steps late, cube pose allowed to be 60 ms old: always stale
        Path config = rig.config("stale", null, null, "max_step_rad: 0.5", null,
            "seed: 5\nsensors: {camera_latency_steps: 10}", "cube_pose: {source: sim, stale_ms: 60}");
        Daemon d = SimRig.runLockstep(config, 2, null);
        List<double[]> commanded = new ArrayList<>();
        try (StepLogReader r = StepLogReader.open(d.logDirectory())) {
            while (nextStep(r) == StepLogReader.Entry.STEP) {
                StepRecord s = r.step();
                assertTrue((s.flags() & StepFlags.STALE_CUBE_POSE) != 0, "step " + s.step() + " flagged stale");
                double[] c = s.commandedTargets().toArray();
                assertArrayEquals(c, s.policyTargets().toArray(), "held: the action before and after are the hold");
                commanded.add(c);
            }
        }
        assertEquals(100, commanded.size());
        for (double[] c : commanded) {
            assertArrayEquals(commanded.get(0), c, "the targets never move while the data is stale");
        }
    }

    @Test
    void theLogsSensorFieldsFollowTheConfiguredKinds() throws InterruptedException {
        // the default sources plus the cube's state: the records carry the fingertips and the facelets
        Path config = rig.config("fields", null, null, null, null, null, "cube_state: {source: sim}");
        Daemon d = SimRig.runLockstep(config, 1, null);
        int steps = 0;
        int withTips = 0;
        try (StepLogReader r = StepLogReader.open(d.logDirectory())) {
            assertTrue(r.header().layout().hasCubeState(), "cube_state configured: the records carry the facelets");
            assertTrue(r.header().layout().hasFingertips(), "fingertips configured (sim): the records carry them");
            while (nextStep(r) == StepLogReader.Entry.STEP) {
                StepRecord s = r.step();
                byte[] facelets = new byte[54];
                for (int i = 0; i < 54; i++) {
                    facelets[i] = (byte) s.cubeState().get(i);
                }
                assertEquals("UUUUUUUUURRRRRRRRRFFFFFFFFFDDDDDDDDDLLLLLLLLLBBBBBBBBB",
                    new String(facelets, java.nio.charset.StandardCharsets.US_ASCII),
                    "the simulated cube starts solved, decoded from its Giiker frames");
                if (s.fingertips().get(0) != 0.0) {
                    withTips++;
                }
                steps++;
            }
        }
        assertEquals(50, steps);
        assertTrue(withTips >= 45, withTips + " steps with fingertips logged (none before the first sample)");
        Path plain = rig.config("nofields", null, null, null, null, null, null);
        Daemon p = SimRig.runLockstep(plain, 1, null);
        try (StepLogReader r = StepLogReader.open(p.logDirectory())) {
            assertTrue(!r.header().layout().hasCubeState(), "no cube-state source: no facelets field");
            assertEquals(null, r.header().layout().findField("cube_state"));
        }
    }

    @Test
    void aSubgoalThatTakesTooLongTimesOutAndEndsTheEpisode() throws InterruptedException {
        Path config = rig.config("timeout", null, null, null,
            "sequence: \"R\"\nsubgoal_timeout_steps: 20\nrepeat_episodes: false", null);
        Daemon d = SimRig.runLockstep(config, 4, null);
        RunSummary s = RunSummary.compute(d.logDirectory());
        assertEquals(1, s.subgoalsTimedOut(), s.toText());
        assertEquals(1L, s.episodeEndReasons().getOrDefault("TIMEOUT", 0L), s.toText());
        assertTrue(s.flagCounts().getOrDefault("paused_hold", 0L) > 0, "after the episode the hand holds: " + s.toText());
    }

    @Test
    void tippingTheCubeOffThePalmIsADropAndEndsTheEpisode() throws Exception {
        // a policy that always commands every actuator to the low end of its range: the wrist flexes
        // the palm away and the fingers open, and the cube slides off
        Path tilt = rig.dir.resolve("policy/tilt.yaml");
        java.nio.file.Files.writeString(tilt, java.nio.file.Files.readString(rig.manifest)
            .replace("mapping: relative", "mapping: absolute\n  bin_values: [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]"));
        Path config = rig.config("drop", "manifest: " + tilt, null, null,
            "sequence: \"R U\"\nrepeat_episodes: false", null);
        Daemon d = SimRig.runLockstep(config, 10, null);
        RunSummary s = RunSummary.compute(d.logDirectory());
        assertEquals(1, s.drops(), s.toText());
        assertEquals(1L, s.episodeEndReasons().getOrDefault("DROP", 0L), s.toText());
        assertTrue(s.eventCounts().getOrDefault(EventType.DROP.name(), 0L) == 1, s.toText());
    }
}
