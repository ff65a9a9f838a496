package dev.dexd.controller.sensing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.dexd.common.config.ConfigSource;
import dev.dexd.common.config.StrictYaml;
import dev.dexd.common.geometry.Quaternions;
import dev.dexd.drivers.sensors.SensorConfig;
import dev.dexd.drivers.sensors.SimulatedSensors;
import dev.dexd.drivers.sim.WorldTruth;
import dev.dexd.vision.FusedPose;
import dev.dexd.vision.VisionConfig;
import dev.dexd.vision.VisionListener;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The simulated cameras over real UDP: noiseless simulated cameras fed a still cube, sent through
 * their extrinsics to a real listener on loopback, fuse back to the cube's world pose, stamped on
 * time, with the top face's angle; and sending allocates nothing per packet (the sensors thread).
 */
class SimCameraSenderTest {
    static final String YAML = """
        sensors:
          cube_pose:
            source: udp
            bind: 127.0.0.1
            port: 0
            cameras:
              - {id: 1, position: [0.35, -0.45, 0.40], quaternion: [0.571546, -0.820283, -0.017824, 0.012419]}
              - {id: 2, position: [0.30, 0.45, 0.40],  quaternion: [0.019256, -0.02806, 0.824044, -0.565502]}
              - {id: 3, position: [0.42, 0.0, 0.85],   quaternion: [0.072013, -0.000575, -0.997372, -0.007959]}
        """;

    static VisionConfig config(String yaml) {
        return VisionConfig.read(StrictYaml.parse(new ConfigSource("config", Path.of("t.yaml"), yaml))
            .section("sensors").section("cube_pose"));
    }

    @Test
    void theSimulatedCamerasEstimatesFuseBackToTheCubesWorldPose() throws Exception {
        VisionConfig config = config(YAML);
        SimulatedSensors sensors = new SimulatedSensors(SensorConfig.defaults().toBuilder().noiseless()
            .stepNanos(20_000_000L).build());
        WorldTruth truth = new WorldTruth();
        truth.cubePos[0] = 0.33;
        truth.cubePos[1] = 0.01;
        truth.cubePos[2] = 0.23;
        Quaternions.fromAxisAngle(0, 0, 1, 0.4, truth.cubeQuat, 0); // U still up, turned about z
        truth.faceAngles[0] = 0.125; // U
        truth.faceAngles[1] = -0.5;  // R, not up
        try (VisionListener listener = VisionListener.start(config);
             SimCameraSender sender = SimCameraSender.open(config, listener.address())) {
            sensors.reset(1);
            long sent = 0;
            // 1 s of simulated time, 2 ms steps, stamped as the realtime world does (now - simulation time)
            for (int step = 0; step <= 500; step++) {
                truth.timeNanos = step * 2_000_000L;
                int updates = sensors.onTruth(truth) & 7;
                if (updates != 0) {
                    sender.send(sensors, updates, truth, System.nanoTime() - truth.timeNanos);
                    sent += Integer.bitCount(updates);
                }
            }
            assertEquals(sent, sender.sent());
            assertTrue(sent >= 30, "3 cameras at 12.5 Hz for 1 s: " + sent);
            FusedPose pose = new FusedPose();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (listener.counters().processedCount() < sent && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            listener.read(pose);
            assertEquals(sent, listener.counters().fusedCount(), listener.counters().toString());
            assertEquals(3, pose.camerasUsed);
            for (int i = 0; i < 3; i++) {
                assertEquals(truth.cubePos[i], pose.position[i], 1e-9, "position " + i);
            }
            assertTrue(Quaternions.angleBetween(truth.cubeQuat, pose.quaternion) < 1e-9, "orientation");
            assertEquals(0.125, pose.topFaceAngle, 1e-7, "the top face (U) angle");
            // captured 3 +- 0.5 steps of 20 ms before it was sent, on the control clock
            long age = System.nanoTime() - pose.captureMonotonicNanos;
            assertTrue(age > 20_000_000L && age < 2_000_000_000L, "capture age " + age / 1e6 + " ms");
        }
    }

    @Test
    void sendingAllocatesNothingPerPacket() throws Exception {
        VisionConfig config = config(YAML);
        SimulatedSensors sensors = new SimulatedSensors(SensorConfig.defaults().toBuilder().stepNanos(20_000_000L).build());
        WorldTruth truth = new WorldTruth();
        truth.cubePos[2] = 0.23;
        try (VisionListener listener = VisionListener.start(config);
             SimCameraSender sender = SimCameraSender.open(config, listener.address())) {
            sensors.reset(1);
            for (int step = 0; step <= 200; step++) { // every camera has published
                truth.timeNanos = step * 2_000_000L;
                sensors.onTruth(truth);
            }
            ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            long thread = Thread.currentThread().getId();
            long best = Long.MAX_VALUE;
            for (int window = 0; window < 6; window++) {
                long before = mx.getThreadAllocatedBytes(thread);
                for (int i = 0; i < 5_000; i++) {
                    sender.send(sensors, 7, truth, System.nanoTime() - truth.timeNanos);
                }
                if (window > 0) {
                    best = Math.min(best, mx.getThreadAllocatedBytes(thread) - before);
                }
            }
            assertEquals(0, best, "bytes allocated by 15000 packets");
        }
    }

    @Test
    void camerasOneToThreeMustBeConfigured() {
        VisionConfig config = config(YAML.replace("id: 2", "id: 5"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.dexd.common.sensing.SensorException.class,
            () -> SimCameraSender.open(config, new java.net.InetSocketAddress("127.0.0.1", 5005)));
        assertTrue(e.getMessage().contains("sensors.cube_pose.cameras has no id 2"), e.getMessage());
    }
}
