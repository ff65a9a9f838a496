package dev.dexd.controller.sensing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.common.config.ConfigSource;
import dev.dexd.common.config.StrictYaml;
import dev.dexd.common.sensing.SensorException;
import dev.dexd.common.sensing.SensorFrame;
import dev.dexd.common.sensing.SensorKind;
import dev.dexd.common.sensing.SensorSource;
import dev.dexd.common.sensing.SourceState;
import dev.dexd.vision.PoseEstimate;
import dev.dexd.vision.PoseSender;
import dev.dexd.vision.VisionConfig;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The udp cube-pose source and the vision face-angle source through their lifecycle, with real packets on loopback. */
class UdpVisionSourceTest {
    private static final double[] NO_JOINTS = new double[24];

    private static VisionConfig config(int port) {
        String yaml = """
            cube_pose:
              bind: 127.0.0.1
              port: %d
              cameras:
                - {id: 1, name: a, position: [0, 0, 0], quaternion: [1, 0, 0, 0], max_age_ms: 2000}
                - {id: 2, name: b, position: [0, 0, 0], quaternion: [1, 0, 0, 0], max_age_ms: 2000}
            """.formatted(port);
        return VisionConfig.read(StrictYaml.parse(new ConfigSource("config", Path.of("t.yaml"), yaml)).section("cube_pose"));
    }

    private static PoseEstimate estimate(int camera, long seq, double topAngle) {
        PoseEstimate e = new PoseEstimate();
        e.camera = camera;
        e.sequence = seq;
        e.captureNanos = System.currentTimeMillis() * 1_000_000L;
        e.position[0] = 0.33;
        e.position[1] = 0.01;
        e.position[2] = 0.23;
        e.quaternion[0] = 1;   // identity: U is up
        e.confidence = 0.8;
        e.topFaceAngle = topAngle;
        return e;
    }

    /** Ticks (as the control thread does) until the frame's cube pose has {@code sequence} or the bound runs out. */
    private static void tickUntil(SensorSources sources, SensorFrame frame, long sequence) throws InterruptedException {
        for (int i = 0; i < 2000 && frame.cubePose.sequence < sequence; i++) {
            sources.tick(NO_JOINTS, 0, frame);
            Thread.sleep(1);
        }
    }

    @Test
    void packetsReachTheFrameAsAPoseAndATopFaceAngle() throws Exception {
        UdpVisionSource udp = new UdpVisionSource(config(0), Throwable::printStackTrace);
        SensorSource[] byKind = new SensorSource[SensorKind.values().length];
        byKind[SensorKind.CUBE_POSE.ordinal()] = udp;
        byKind[SensorKind.FACE_ANGLES.ordinal()] = udp;
        long[] stale = new long[SensorKind.values().length];
        try (SensorSources sources = new SensorSources(byKind, stale)) {
            assertEquals(SourceState.UNCONFIGURED, udp.state());
            sources.configure();
            assertEquals(SourceState.CONFIGURED, udp.state());
            sources.start();
            assertEquals(SourceState.RUNNING, udp.state());
            assertEquals(List.of(udp), sources.sources(), "one source for both kinds");
            SensorFrame frame = new SensorFrame();
            sources.tick(NO_JOINTS, 0, frame);
            assertFalse(frame.cubePose.present(), "nothing before the first packet");
            try (PoseSender sender = PoseSender.open("127.0.0.1", udp.address().getPort())) {
                sender.send(estimate(1, 1, 0.3));
                sender.sendBytes(new byte[] {'X', 'X', 'P', 'S'});              // bad magic: counted, never fed
                tickUntil(sources, frame, 1);
                assertEquals(1, frame.cubePose.sequence);
                assertEquals(0.33, frame.cubePose.position[0], 1e-12);
                assertEquals(1, frame.cubePose.cameras);
                assertEquals(0.8, frame.cubePose.confidence, 1e-6);
                assertTrue(frame.cubePose.captureNanos <= System.nanoTime(), "on the monotonic control clock");
                assertEquals(0.3, frame.faceAngles.angles[0], 1e-6, "U is up: its angle is the top face's");
                for (int f = 1; f < 6; f++) {
                    assertEquals(0.0, frame.faceAngles.angles[f], "the other faces are taken as aligned");
                }
                sender.send(estimate(2, 1, Double.NaN));  // a packet without the angle, fused with camera 1's
                tickUntil(sources, frame, 2);
                assertEquals(2, frame.cubePose.sequence);
                assertEquals(2, frame.cubePose.cameras);
                assertEquals(0.3, frame.faceAngles.angles[0], 1e-6, "the angle of the estimates that carry one");
            }
            for (int i = 0; i < 2000 && udp.counters().rejectedTotal() == 0; i++) {
                Thread.sleep(1);
            }
            int magic = -1;
            List<String> reasons = new ArrayList<>();
            for (int r = 0; r < udp.counters().reasons(); r++) {
                reasons.add(udp.counters().reason(r));
                if (udp.counters().reason(r).equals("magic")) {
                    magic = r;
                }
            }
            assertTrue(magic >= 0, "reasons " + reasons);
            assertEquals(1, udp.counters().rejected(magic));
            assertEquals(2, udp.counters().samples());
            assertTrue(sources.describe().get(0).startsWith("cube_pose: udp, running, stale after 0 ms: DXPS pose packets on udp 127.0.0.1:"),
                sources.describe().get(0));
        }
        assertEquals(SourceState.STOPPED, udp.state());
    }

    @Test
    void aPortInUseIsRefusedInOneLineAndNothingStaysOpen() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            UdpVisionSource udp = new UdpVisionSource(config(taken.getLocalPort()), Throwable::printStackTrace);
            SensorSource[] byKind = new SensorSource[SensorKind.values().length];
            byKind[SensorKind.CUBE_POSE.ordinal()] = udp;
            SensorSources sources = new SensorSources(byKind, new long[SensorKind.values().length]);
            SensorException e = assertThrows(SensorException.class, sources::configure);
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().contains(String.valueOf(taken.getLocalPort())), e.getMessage());
            assertEquals(SourceState.STOPPED, udp.state(), "a failed configure stops every source again");
        }
    }

    @Test
    void startBeforeConfigureIsABug() {
        UdpVisionSource udp = new UdpVisionSource(config(0), Throwable::printStackTrace);
        assertThrows(RuntimeException.class, udp::start);
    }
}
