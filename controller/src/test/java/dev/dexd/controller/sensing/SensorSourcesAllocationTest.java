package dev.dexd.controller.sensing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.common.config.ConfigSource;
import dev.dexd.common.config.StrictYaml;
import dev.dexd.common.sensing.SensorFrame;
import dev.dexd.common.sensing.SensorKind;
import dev.dexd.common.sensing.SensorSource;
import dev.dexd.policy.bench.AllocationMeter;
import dev.dexd.vision.PoseEstimate;
import dev.dexd.vision.PoseSender;
import dev.dexd.vision.VisionConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The control thread's part of reading the robot's sources allocates nothing: a tick over the udp
 * cube pose, the vision face angles and the fk fingertips, while packets keep arriving.
 */
class SensorSourcesAllocationTest {
    private static final Path MODEL = Path.of("..", "configs", "sim", "shadow_hand_cube.xml").toAbsolutePath().normalize();

    @Test
    void aTickOverTheRobotsSourcesAllocatesNothing() throws Exception {
        VisionConfig vision = VisionConfig.read(StrictYaml.parse(new ConfigSource("config", Path.of("t.yaml"), """
            cube_pose:
              bind: 127.0.0.1
              port: 0
              max_rate_hz: 100000
              cameras:
                - {id: 1, name: a, position: [0, 0, 0], quaternion: [1, 0, 0, 0], max_age_ms: 5000}
            """)).section("cube_pose"));
        UdpVisionSource udp = new UdpVisionSource(vision, Throwable::printStackTrace);
        FkFingertipSource fk = new FkFingertipSource(MODEL);
        SensorSource[] byKind = new SensorSource[SensorKind.values().length];
        byKind[SensorKind.CUBE_POSE.ordinal()] = udp;
        byKind[SensorKind.FACE_ANGLES.ordinal()] = udp;
        byKind[SensorKind.FINGERTIPS.ordinal()] = fk;
        long[] stale = new long[SensorKind.values().length];
        SensorFrame frame = new SensorFrame();
        double[] joints = new double[24];
        try (SensorSources sources = new SensorSources(byKind, stale).configure().start();
             PoseSender sender = PoseSender.open("127.0.0.1", udp.address().getPort())) {
            Thread feeder = new Thread(() -> {
                PoseEstimate e = new PoseEstimate();
                e.camera = 1;
                e.quaternion[0] = 1;
                e.position[2] = 0.23;
                e.confidence = 1;
                e.topFaceAngle = 0.1;
                for (int seq = 1; seq <= 20_000 && !Thread.currentThread().isInterrupted(); seq++) {
                    e.sequence = seq;
                    e.captureNanos = System.currentTimeMillis() * 1_000_000L;
                    sender.send(e);
                    if (seq % 50 == 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
                    }
                }
            }, "test-pose-feeder");
            feeder.start();
            long[] now = {0};
            Runnable tick = () -> {
                for (int i = 0; i < 2_000; i++) {
                    joints[3] = 0.001 * (i % 100);       // the hand moves: kinematics computes anew
                    sources.tick(joints, now[0]++, frame);
                }
            };
            tick.run(); // warm-up
            long least = AllocationMeter.leastAllocated(5, tick);
            feeder.interrupt();
            feeder.join(10_000);
            assertTrue(frame.cubePose.present() && frame.faceAngles.present(), "the packets reached the frame");
            assertTrue(udp.counters().samples() > 0, "fused poses were read while measuring");
            assertEquals(0, least, "bytes allocated by 2000 ticks over udp + vision + fk");
        }
    }
}
