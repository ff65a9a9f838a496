package dev.dexd.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.common.sensing.SensorKind;
import dev.dexd.common.sensing.TimedSample;
import dev.dexd.controller.config.ConfigLoader;
import dev.dexd.controller.log.StepFlags;
import dev.dexd.controller.log.StepLogReader;
import dev.dexd.controller.log.StepRecord;
import dev.dexd.controller.sensing.UdpVisionSource;
import dev.dexd.drivers.sim.SimulatedHand;
import dev.dexd.vision.VisionConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * configs/rehearsal.yaml's set-up end to end: the simulation as the hand in real time and no
 * simulated sensors (cube pose from DXPS packets over UDP, face angles from those packets, fingertips
 * from forward kinematics), with a test sender streaming the simulation's cube truth with noise from
 * three cameras at 30 Hz. While packets flow the loop never holds for a stale cube pose; when they
 * stop it holds once the pose is older than stale_ms; when they resume the policy runs again.
 */
class RehearsalTest {
    static final long STALE_MS = 600;       // configs/rehearsal.yaml's sensors.cube_pose.stale_ms
    static final long PERIOD_MS = 20;
    static final Path REHEARSAL = Path.of("..", "configs", "rehearsal.yaml").toAbsolutePath().normalize();

    /**
     * The sensors: section of the shipped configs/rehearsal.yaml, as it is, but for the listener's
     * port (one the listener chooses) and the kinematic model's path (made absolute: the test's
     * config lives elsewhere).
     */
    static String rehearsalSensors() {
        try {
            String yaml = java.nio.file.Files.readString(REHEARSAL);
            int from = yaml.indexOf("\nsensors:");
            int to = yaml.indexOf("\n\n", from + 1);
            StringBuilder section = new StringBuilder();
            for (String line : yaml.substring(yaml.indexOf('\n', from + 1) + 1, to).split("\n")) {
                section.append(line.startsWith("  ") ? line.substring(2) : line).append('\n');
            }
            String s = section.toString();
            if (!s.contains("port: 5005\n") && !s.contains("port: 5005 ") || !s.contains("model: sim/shadow_hand_cube.xml")
                || !s.contains("stale_ms: " + STALE_MS)) {
                throw new AssertionError("configs/rehearsal.yaml changed: update this test's reading of it:\n" + s);
            }
            return s.replaceFirst("port: 5005", "port: 0")
                .replace("model: sim/shadow_hand_cube.xml", "model: " + SimRig.MODEL);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aSenderInFrontOfTheRehearsalKeepsItRunningAndItsSilenceHoldsTheHand(@TempDir Path dir) throws Exception {
        SimRig rig = new SimRig(dir);
        Path config = rig.config("rehearsal", null, "clock: realtime\nperiod_ms: " + PERIOD_MS, null, null, null,
            rehearsalSensors());
        VisionConfig cameras = ConfigLoader.load(config).sensors().cubePose().settings(VisionConfig.class);
        Daemon d = Daemon.configure(new Daemon.Options(config, 0, Boolean.FALSE, 3L, null, null), Map.of());
        long stoppedAt;   // control clock of the last truth sent before the pause
        long resumedAt;
        try (TruthCameraSender sender = new TruthCameraSender((SimulatedHand) d.hand(),
            ((UdpVisionSource) d.sensors().source(SensorKind.CUBE_POSE)).address(), cameras.cameras(), 30)) {
            d.start();
            Thread.sleep(3_000);
            stoppedAt = sender.pause();
            Thread.sleep(STALE_MS + 1_100);
            resumedAt = sender.resume();
            Thread.sleep(2_000);
            d.requestStop();
            d.awaitStop(10_000);
            assertNull(sender.failure(), "the test sender failed");
            assertTrue(sender.sends() > 100, "sent " + sender.sends() + " rounds");
        } finally {
            d.close();
        }
        assertNull(d.failure(), "the control loop failed");

        List<long[]> steps = new ArrayList<>(); // {simTime, flags, cube capture, episode}
        try (StepLogReader r = StepLogReader.open(d.logDirectory())) {
            StepLogReader.Entry e;
            while ((e = r.next()) != StepLogReader.Entry.END) {
                if (e == StepLogReader.Entry.STEP) {
                    StepRecord s = r.step();
                    steps.add(new long[] {s.simTimeNanos(), s.flags(), s.cubePoseCaptureNanos(), s.episode()});
                }
            }
        }
        long firstFused = Long.MAX_VALUE;
        for (long[] s : steps) {
            if (s[2] != TimedSample.NONE) {
                firstFused = s[0];
                break;
            }
        }
        assertTrue(firstFused < stoppedAt, "a fused pose reached the loop while the sender ran");
        long staleNanos = STALE_MS * 1_000_000L;
        long slack = 5_000_000L; // the sender's and the listener's wall-clock offsets, sampled apart
        int flowing = 0;
        int ranBefore = 0;
        long[] firstLate = null;   // the first tick past the last truth + stale_ms
        int ranAfter = 0;
        long episode = -1;
        boolean awaitingPose = false; // a new episode's first ticks, before a pose of its (reset) world arrived
        int awaiting = 0;
        int awaitingMost = 0;
        for (long[] s : steps) {
            long t = s[0];
            int flags = (int) s[1];
            boolean staleCube = (flags & StepFlags.STALE_CUBE_POSE) != 0;
            if (s[3] != episode) {
                episode = s[3];
                awaitingPose = true;
                awaiting = 0;
            }
            if (s[2] != TimedSample.NONE) {
                awaitingPose = false;
            } else if (awaitingPose && t >= firstFused && t <= stoppedAt) {
                awaitingMost = Math.max(awaitingMost, ++awaiting);
                continue; // the old world's pose is not used after a reset: a hold until the next packets
            }
            boolean held = (flags & (StepFlags.PAUSED_HOLD | StepFlags.ESTOP_HOLD)) != 0;
            if (t >= firstFused && t <= stoppedAt) {
                flowing++;
                assertTrue(!staleCube, "no stale cube-pose hold while packets flow: step at +"
                    + (t - firstFused) / 1_000_000 + " ms");
                if ((flags & StepFlags.POLICY_RAN) != 0) {
                    ranBefore++;
                }
            }
            if (firstLate == null && t > stoppedAt + staleNanos + slack && t < resumedAt && !held) {
                firstLate = s;
            }
            if (t > stoppedAt && t <= stoppedAt + staleNanos - slack) {
                assertTrue(!staleCube, "not stale before stale_ms: step at +" + (t - stoppedAt) / 1_000_000 + " ms");
            }
            if (t > resumedAt && (flags & StepFlags.POLICY_RAN) != 0 && (flags & StepFlags.HOLD_MASK) == 0) {
                ranAfter++;
            }
        }
        System.out.println("rehearsal: " + steps.size() + " ticks, " + flowing + " while packets flowed (policy ran "
            + ranBefore + "), episodes up to " + episode + " (the longest wait for a new episode's pose " + awaitingMost
            + " ticks), first stale hold " + (firstLate == null ? "none" : (firstLate[0] - stoppedAt) / 1_000_000 + " ms")
            + " after the last packet, policy ran " + ranAfter + " times after they resumed");
        assertTrue(flowing > 50, "ticks while the packets flowed: " + flowing);
        // the next round of packets after a reset is at most 33 ms away (and one more while the consensus moves)
        assertTrue(awaitingMost <= 10, "a new episode waited " + awaitingMost + " ticks for its first pose");
        assertTrue(ranBefore > 0, "the policy ran on the UDP poses");
        assertNotNull(firstLate, "a tick after the pose went stale");
        // the first tick after the last pose aged past stale_ms holds for it: within stale_ms + one period of
        // the silence, unless the loop itself was late (then it is the first tick it managed)
        assertTrue((firstLate[1] & StepFlags.STALE_CUBE_POSE) != 0, "stale hold at +"
            + (firstLate[0] - stoppedAt) / 1_000_000 + " ms after the last packet");
        assertTrue(ranAfter > 10, "the policy runs again after the packets resume: " + ranAfter + " steps");
    }
}
