package dev.dexd.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.common.sensing.SensorKind;
import dev.dexd.common.sensing.SourceCounters;
import dev.dexd.controller.config.ConfigException;
import dev.dexd.controller.log.StepFlags;
import dev.dexd.controller.log.StepLogReader;
import dev.dexd.controller.log.StepRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sim.sensors.cameras_udp}: the simulated cameras send real DXPS packets to the udp listener
 * in real time (the demo's set-up), fall back to in-process fusion in lockstep, and a config they
 * cannot work with is refused in one line.
 */
class SimCamerasUdpTest {
    static SimRig rig;

    @BeforeAll
    static void rig(@TempDir Path dir) {
        rig = new SimRig(dir);
    }

    /** configs/sim.yaml's cube_pose section on a port the listener chooses, with the given camera ids. */
    static String sensors(int... ids) {
        String[] extrinsics = {
            "position: [0.35, -0.45, 0.40], quaternion: [0.571546, -0.820283, -0.017824, 0.012419]",
            "position: [0.30, 0.45, 0.40], quaternion: [0.019256, -0.02806, 0.824044, -0.565502]",
            "position: [0.42, 0.0, 0.85], quaternion: [0.072013, -0.000575, -0.997372, -0.007959]"};
        StringBuilder cameras = new StringBuilder();
        for (int i = 0; i < ids.length; i++) {
            cameras.append("    - {id: ").append(ids[i]).append(", ").append(extrinsics[i]).append(", max_age_ms: 500}\n");
        }
        return "cube_pose:\n  source: udp\n  bind: 127.0.0.1\n  port: 0\n  stale_ms: 600\n"
            + "  outlier: {position_m: 0.03, angle_rad: 0.5}\n  cameras:\n" + cameras;
    }

    static final String SIM = "seed: 5\nsensors: {cameras_udp: true}";

    @Test
    void inRealTimeTheSimulatedCamerasPosesGoThroughTheUdpListener() throws Exception {
        Path config = rig.config("camudp", null, "clock: realtime\nperiod_ms: 20", null, null, SIM, sensors(1, 2, 3));
        Daemon d = Daemon.configure(new Daemon.Options(config, 3, Boolean.FALSE, null, null, null), Map.of());
        String startup = startup(d);
        SourceCounters c;
        try {
            assertEquals("udp", d.sensors().source(SensorKind.CUBE_POSE).name());
            d.start();
            d.awaitStop(30_000);
            c = d.sensors().source(SensorKind.CUBE_POSE).counters();
        } finally {
            d.close();
        }
        assertNull(d.failure());
        assertTrue(startup.contains("sim cameras: left, right, top as cameras 1, 2, 3, DXPS packets to udp 127.0.0.1:"),
            startup);
        // 3 cameras at 12.5 Hz for 3 s: every packet fused (or an outlier against the other two)
        assertTrue(c.samples() > 30, "fused poses: " + c.samples());
        System.out.println("sim cameras over udp: " + c.samples() + " fused poses, " + c.rejectedTotal() + " outliers");
        for (int i = 0; i < c.reasons(); i++) {
            if (!c.reason(i).equals("outlier")) {
                assertEquals(0, c.rejected(i), c.reason(i) + " rejections: the packets are well formed and on time");
            }
        }
        long ran = 0;
        try (StepLogReader r = StepLogReader.open(d.logDirectory())) {
            StepLogReader.Entry e;
            while ((e = r.next()) != StepLogReader.Entry.END) {
                if (e == StepLogReader.Entry.STEP) {
                    StepRecord s = r.step();
                    ran += (s.flags() & StepFlags.POLICY_RAN) != 0 ? 1 : 0;
                }
            }
        }
        assertTrue(ran > 50, "the policy ran on the UDP poses: " + ran + " steps");
    }

    @Test
    void aNewEpisodeWaitsForPosesOfTheResetWorld() throws Exception {
        // drop height above the palm: every episode ends by a drop at its first cube pose, and the world is
        // reset. The listener's fused pose of the old world is still young then (max_age_ms 500); were it
        // used, the new episode would end at once on it, and the next, a cascade of ghost drops.
        Path config = rig.config("camudp-reset", null, "clock: realtime\nperiod_ms: 20", null,
            "sequence: \"R U\"\nrepeat_episodes: true\ndrop_height_m: 0.5", SIM, sensors(1, 2, 3));
        Daemon d = Daemon.configure(new Daemon.Options(config, 3, Boolean.FALSE, null, null, null), Map.of());
        try {
            d.start();
            d.awaitStop(30_000);
        } finally {
            d.close();
        }
        assertNull(d.failure());
        int episode = -1;
        int episodes = 0;
        try (StepLogReader r = StepLogReader.open(d.logDirectory())) {
            StepLogReader.Entry e;
            while ((e = r.next()) != StepLogReader.Entry.END) {
                if (e != StepLogReader.Entry.STEP) {
                    continue;
                }
                StepRecord s = r.step();
                if (s.episode() != episode) {
                    episode = s.episode();
                    episodes++;
                    assertEquals(dev.dexd.common.sensing.TimedSample.NONE, s.cubePoseCaptureNanos(),
                        "episode " + episode + " starts without a cube pose: the old world's is not used");
                }
            }
        }
        assertTrue(episodes >= 3, "episodes: " + episodes);
    }

    @Test
    void inLockstepTheCubePoseFallsBackToTheSimulationsFusionAndSaysSo() throws Exception {
        Path config = rig.config("camudp-lockstep", null, null, null, null, SIM,
            sensors(1, 2, 3) + "face_angles: {source: vision}\n");
        Daemon d = Daemon.configure(new Daemon.Options(config, 1, Boolean.TRUE, null, null, null), Map.of());
        String startup;
        try {
            startup = startup(d);
            assertEquals("sim", d.sensors().source(SensorKind.CUBE_POSE).name());
            assertEquals("sim", d.sensors().source(SensorKind.FACE_ANGLES).name());
            d.start();
            d.awaitStop(60_000);
        } finally {
            d.close();
        }
        assertNull(d.failure());
        assertTrue(startup.contains("sensors: lockstep runs on simulated time and UDP packets need the wall clock:"
            + " sim.sensors.cameras_udp is off for this run, the cube pose and face angles come from the simulation's"
            + " cameras fused in process (source sim)"), startup);
        assertEquals(50, dev.dexd.controller.log.RunSummary.compute(d.logDirectory()).steps());
    }

    @Test
    void simulatedCamerasNeedCameras1To3AndAUdpCubePose() throws Exception {
        Path config = rig.config("camudp-ids", null, "clock: realtime\nperiod_ms: 20", null, null, SIM, sensors(1, 2, 7));
        long runsBefore = runs();
        ConfigException e = assertThrows(ConfigException.class,
            () -> Daemon.configure(new Daemon.Options(config, 1, Boolean.FALSE, null, null, null), Map.of()));
        assertTrue(e.getMessage().contains("sim.sensors.cameras_udp: the simulated left, right and top cameras send as"
            + " camera ids 1, 2 and 3, and sensors.cube_pose.cameras has no id 3: configure all three"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
        assertEquals(runsBefore, runs(), "the refused start left no run directory");

        Path sim = rig.config("camudp-sim", null, null, null, null, SIM, null);
        e = assertThrows(ConfigException.class,
            () -> Daemon.configure(new Daemon.Options(sim, 1, Boolean.TRUE, null, null, null), Map.of()));
        assertTrue(e.getMessage().contains("sim.sensors.cameras_udp: the simulated cameras send to the udp cube-pose"
            + " listener, and sensors.cube_pose.source is sim"), e.getMessage());
    }

    private static long runs() throws java.io.IOException {
        Path logs = rig.dir.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return 0;
        }
        try (var list = Files.list(logs)) {
            return list.count();
        }
    }

    private static String startup(Daemon d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        d.printStartup(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
