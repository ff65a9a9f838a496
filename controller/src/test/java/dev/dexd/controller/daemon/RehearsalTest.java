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
    static final long STALE_MS = 400;
    static final long PERIOD_MS = 20;

    /** The sensors: section of configs/rehearsal.yaml, on a port the listener chooses. */
    static String rehearsalSensors(long staleMs) {
        return """
            cube_pose:
              source: udp
              bind: 127.0.0.1
              port: 0
              stale_ms: %d
              cameras:
                - {id: 1, name: left,  position: [0.35, -0.45, 0.40], quaternion: [0.571546, -0.820283, -0.017824, 0.012419], max_age_ms: 300}
                - {id: 2, name: right, position: [0.30, 0.45, 0.40],  quaternion: [0.019256, -0.02806, 0.824044, -0.565502], max_age_ms: 300}
                - {id: 3, name: top,   position: [0.42, 0.0, 0.85],   quaternion: [0.072013, -0.000575, -0.997372, -0.007959], max_age_ms: 300}
            face_angles: {source: vision, stale_ms: 400}
            fingertips: {source: fk, model: %s, stale_ms: 200}
            """.formatted(staleMs, SimRig.MODEL);
    }

    @Test
    void aSenderInFrontOfTheRehearsalKeepsItRunningAndItsSilenceHoldsTheHand(@TempDir Path dir) throws Exception {
        SimRig rig = new SimRig(dir);
        Path config = rig.config("rehearsal", null, "clock: realtime\nperiod_ms: " + PERIOD_MS, null, null, null,
            rehearsalSensors(STALE_MS));
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
