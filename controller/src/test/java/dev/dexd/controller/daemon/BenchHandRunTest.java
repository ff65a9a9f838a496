package dev.dexd.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.common.geometry.Quaternions;
import dev.dexd.common.sensing.SensorKind;
import dev.dexd.controller.log.StepFlags;
import dev.dexd.controller.log.StepLogReader;
import dev.dexd.controller.log.StepRecord;
import dev.dexd.controller.sensing.UdpVisionSource;
import dev.dexd.drivers.kinematics.FingertipKinematics;
import dev.dexd.vision.PoseEstimate;
import dev.dexd.vision.PoseSender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dexd in real time on a hand that is not the simulation (the bench hand) with a robot's sensors: a
 * cube resting on the palm seen by three cameras whose pose packets arrive over UDP on loopback,
 * face angles from those packets, fingertips from forward kinematics of the bench hand's joints.
 * The policy runs while packets flow, the log carries the fk fingertips as the hand moves, the
 * counters show the sources; when the packets stop, the step holds on the stale cube pose.
 */
class BenchHandRunTest {
    private static final int STALE_SENSORS = StepFlags.STALE_CUBE_POSE | StepFlags.STALE_FACE_ANGLES
        | StepFlags.STALE_FINGERTIPS | StepFlags.STALE_HAND;
    private static final double TOP_FACE_ANGLE = 0.1;
    /** The cameras of {@link BenchRig#robotSensors}: id, position in the world, orientation w x y z. */
    private static final double[][] CAMERAS = {
        {1, 0.0, -0.45, 0.35, 1, 0, 0, 0},
        {2, 0.0, 0.45, 0.35, 0, 0, 0, 1},
        {3, 0.3, 0.0, 0.8, 0, 1, 0, 0},
    };

    @TempDir
    Path dir;

    /** What each camera sees of the cube at rest on the palm (world identity orientation): the world pose in its frame. */
    private static PoseEstimate seenBy(double[] camera) {
        PoseEstimate e = new PoseEstimate();
        e.camera = (int) camera[0];
        double[] inverse = {camera[4], -camera[5], -camera[6], -camera[7]};
        double[] offset = new double[3];
        for (int i = 0; i < 3; i++) {
            offset[i] = BenchRig.CUBE_POSITION[i] - camera[1 + i];
        }
        Quaternions.rotate(inverse, 0, offset, 0, e.position, 0);
        System.arraycopy(inverse, 0, e.quaternion, 0, 4); // inverse(camera) * identity
        e.confidence = 0.9;
        e.topFaceAngle = TOP_FACE_ANGLE;
        return e;
    }

    /** Three cameras at about 30 Hz until stopped (or 60 s, whichever first). */
    private static Thread sender(int port, AtomicBoolean stop) {
        Thread t = new Thread(() -> {
            PoseEstimate[] seen = new PoseEstimate[CAMERAS.length];
            for (int c = 0; c < seen.length; c++) {
                seen[c] = seenBy(CAMERAS[c]);
            }
            try (PoseSender s = PoseSender.open("127.0.0.1", port)) {
                for (int i = 1; i <= 1800 && !stop.get(); i++) {
                    for (PoseEstimate e : seen) {
                        e.sequence = i;
                        e.captureNanos = System.currentTimeMillis() * 1_000_000L; // CLOCK_REALTIME, as DXPS says
                        s.send(e);
                    }
                    Thread.sleep(33);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-pose-sender");
        t.setDaemon(true);
        return t;
    }

    private static Map<String, Long> sensorCounters(Daemon d) {
        Map<String, Long> m = new TreeMap<>();
        d.counters().forEach((type, label, value) -> {
            if (label.startsWith("sensor ")) {
                m.put(label, value);
            }
        });
        return m;
    }

    private static long await(java.util.function.LongSupplier value, long atLeast, String what)
        throws InterruptedException {
        for (int i = 0; i < 3000 && value.getAsLong() < atLeast; i++) {
            Thread.sleep(10);
        }
        assertTrue(value.getAsLong() >= atLeast, what + ": " + value.getAsLong() + " < " + atLeast);
        return value.getAsLong();
    }

    /** One step record's values the test looks at. */
    record Step(long step, int flags, long cubeCapture, double[] joints, double[] tips, double[] cubePos, double[] faces) {
    }

    private static List<Step> read(Path log) {
        List<Step> steps = new ArrayList<>();
        try (StepLogReader r = StepLogReader.open(log)) {
            assertTrue(r.layout().hasFingertips(), "the run has a fingertip source: its records have the field");
            for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                if (e == StepLogReader.Entry.STEP) {
                    StepRecord s = r.step();
                    double[] joints = new double[24];
                    double[] tips = new double[15];
                    double[] cube = new double[3];
                    double[] faces = new double[6];
                    s.jointPositions().copyTo(joints);
                    s.fingertips().copyTo(tips);
                    s.cubePos().copyTo(cube);
                    s.faceAngles().copyTo(faces);
                    steps.add(new Step(s.step(), s.flags(), s.cubePoseCaptureNanos(), joints, tips, cube, faces));
                }
            }
        }
        return steps;
    }

    @Test
    void aRobotSetUpRunsOnTheBenchHandAndHoldsWhenTheCamerasStop() throws Exception {
        BenchRig rig = new BenchRig(dir);
        Path config = rig.config("robot", "clock: realtime\nperiod_ms: 40\nspin_us: 100", BenchRig.robotSensors(0));
        Daemon d = Daemon.configure(new Daemon.Options(config, 600, null, null, null, null), Map.of());
        AtomicBoolean stop = new AtomicBoolean();
        Thread sender;
        long stopStep;
        Map<String, Long> running;
        Map<String, Long> end;
        List<String> sourcesRunning;
        String startup;
        int port;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            d.printStartup(new PrintStream(out, true, StandardCharsets.UTF_8));
            startup = out.toString(StandardCharsets.UTF_8);
            port = ((UdpVisionSource) d.sensors().source(SensorKind.CUBE_POSE)).address().getPort(); // config: port 0
            d.start();
            await(() -> d.selfCheckLines() != null ? 1 : 0, 1, "the start-up self-check");
            sourcesRunning = d.selfCheckLines().stream().filter(l -> l.startsWith("sensor ")).toList();
            sender = sender(port, stop);
            sender.start();

            await(() -> sensorCounters(d).getOrDefault("sensor udp samples", 0L), 1, "fused poses");
            long first = d.stepsRun();
            await(d::stepsRun, first + 50, "steps while the packets flow");
            running = sensorCounters(d);
            stop.set(true);
            sender.join(10_000);
            stopStep = d.stepsRun();
            long staleAtStop = sensorCounters(d).get("sensor cube_pose stale ticks");
            await(() -> sensorCounters(d).get("sensor cube_pose stale ticks"), staleAtStop + 1, "stale ticks after the stop");
            d.requestStop();
            d.awaitStop(30_000);
            end = sensorCounters(d);
        } finally {
            stop.set(true);
            d.close();
        }
        assertNull(d.failure());

        // the start-up lines name the hand; the start-up self-check lists each source, running
        assertTrue(startup.contains("hand: dexd bench hand (test fixture), realtime clock"), startup);
        assertEquals(List.of(
            "sensor cube_pose: udp, running, stale after 1500 ms: DXPS pose packets on udp 127.0.0.1:" + port + ", 3 cameras",
            "sensor face_angles: udp, running, stale after 1500 ms: DXPS pose packets on udp 127.0.0.1:" + port + ", 3 cameras",
            "sensor fingertips: fk, running, stale after 1000 ms: forward kinematics of the measured joints on"
                + " shadow_hand_cube.xml",
            "sensor cube_state: none"), sourcesRunning);

        // the counters: the udp source's fused poses, nothing rejected, fk every tick, both running
        assertTrue(running.get("sensor udp samples") > 0, running.toString());
        assertEquals(2L, running.get("sensor udp state"), "running: " + running);
        assertEquals(2L, running.get("sensor fk state"), "running: " + running);
        assertTrue(running.get("sensor fk samples") >= 50, running.toString());
        running.forEach((label, value) -> {
            if (label.startsWith("sensor udp rejected")) {
                assertEquals(0L, value, label + ": every packet of the three cameras is good and agrees");
            }
        });
        assertTrue(end.get("sensor cube_pose stale ticks") > 0, end.toString());

        List<Step> steps = read(d.logDirectory());
        // the first step that took a fused pose (one captured before the episode began is not used)
        Step firstPose = steps.stream().filter(s -> (s.flags() & StepFlags.STALE_CUBE_POSE) == 0).findFirst().orElseThrow();
        assertTrue(firstPose.cubeCapture() != 0, "its capture time is logged");
        List<Step> flowing = steps.stream().filter(s -> s.step() >= firstPose.step() && s.step() < stopStep).toList();
        assertTrue(flowing.size() >= 40, "steps while packets flowed: " + flowing.size());
        for (Step s : flowing) {
            assertEquals(0, s.flags() & STALE_SENSORS, "no stale hold at step " + s.step() + " while packets flow");
            assertEquals(StepFlags.POLICY_RAN, s.flags() & StepFlags.POLICY_RAN, "the policy ran at step " + s.step());
            for (int i = 0; i < 3; i++) {
                assertEquals(BenchRig.CUBE_POSITION[i], s.cubePos()[i], 1e-6, "the three cameras fused to the truth");
            }
            assertEquals(TOP_FACE_ANGLE, s.faces()[0], 1e-6, "U is up: the top face's angle from the packets");
        }
        Step held = steps.stream().filter(s -> s.step() >= stopStep && (s.flags() & StepFlags.STALE_CUBE_POSE) != 0)
            .findFirst().orElse(null);
        assertNotNull(held, "a stale_cube_pose hold after the packets stopped (at step " + stopStep + ")");

        // the fingertips field holds the forward kinematics of each step's joints, and moves with the hand
        double moved = 0;
        try (FingertipKinematics fk = FingertipKinematics.open(BenchRig.MODEL)) {
            double[] expected = new double[15];
            for (Step s : flowing) {
                fk.compute(s.joints(), expected);
                for (int i = 0; i < 15; i++) {
                    assertEquals(expected[i], s.tips()[i], 1e-9, "fingertip value " + i + " at step " + s.step());
                    moved = Math.max(moved, Math.abs(s.tips()[i] - flowing.get(0).tips()[i]));
                }
            }
        }
        assertTrue(moved > 0.005, "the fingertips moved with the bench hand by " + moved + " m");
    }
}
