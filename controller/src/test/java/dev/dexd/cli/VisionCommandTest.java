package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dexd.vision.FusedPose;
import dev.dexd.vision.PoseEstimate;
import dev.dexd.vision.PoseSender;
import dev.dexd.vision.VisionConfig;
import dev.dexd.vision.VisionListener;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dexd vision listen} and {@code send} over real loopback UDP, each against the other side's real code. */
class VisionCommandTest {
    @TempDir
    Path dir;

    @Test
    void listenPrintsFusedPosesAsJsonLines() throws Exception {
        final Path config = dir.resolve("rig.yaml");
        final int port = freePort();
        Files.writeString(config, """
            sensors:
              cube_pose:
                source: udp
                bind: 127.0.0.1
                port: %d
                stale_ms: 600
                cameras:
                  - {id: 2, name: right, position: [0.0, 0.45, 0.35], quaternion: [0, 0, 0, 1], max_age_ms: 300}
            """.formatted(port));
        final CompletableFuture<CliRunner.Run> listen = CompletableFuture.supplyAsync(
            () -> CliRunner.run("vision", "listen", "--config", config.toString(), "--json", "--count", "3", "--seconds", "60"));
        // the listener binds a moment after it starts: keep sending (50 Hz, bounded) until it has printed three
        final PoseEstimate e = new PoseEstimate();
        e.camera = 2;
        e.position[0] = 0.01;
        e.position[1] = 0.2;
        e.position[2] = -0.1;
        e.quaternion[0] = 1;
        e.confidence = 1;
        try (PoseSender sender = PoseSender.open("127.0.0.1", port)) {
            for (int seq = 1; seq < 3000 && !listen.isDone(); seq++) {
                e.sequence = seq;
                e.captureNanos = nowNanos();
                sender.send(e);
                Thread.sleep(20);
            }
        }
        final CliRunner.Run run = listen.get(30, TimeUnit.SECONDS);
        assertEquals(0, run.exit(), run.err());
        final List<String> lines = run.out().lines().toList();
        assertEquals(3, lines.size(), run.out());
        final JsonNode pose = new ObjectMapper().readTree(lines.get(2));
        // camera 2 is turned half a turn about z and sits at (0, 0.45, 0.35): (0.01, 0.2, -0.1) -> (-0.01, 0.25, 0.25)
        assertEquals(-0.01, pose.get("position").get(0).asDouble(), 1e-9);
        assertEquals(0.25, pose.get("position").get(1).asDouble(), 1e-9);
        assertEquals(0.25, pose.get("position").get(2).asDouble(), 1e-9);
        assertEquals(1.0, Math.abs(pose.get("quaternion").get(3).asDouble()), 1e-9);
        assertEquals(1, pose.get("cameras").asInt());
        assertTrue(pose.get("age_ms").asDouble() < 300, lines.get(2));
        assertTrue(run.err().contains("listening on 127.0.0.1:" + port + " for cameras 2 (right)"), run.err());
        assertTrue(run.err().contains("vision: received="), run.err());
    }

    @Test
    void sendStreamsBoundedPacketsThatTheListenerFuses() {
        try (VisionListener listener = VisionListener.start(VisionConfig.identityCameras("127.0.0.1", 0, 3))) {
            final int port = listener.address().getPort();
            final CliRunner.Run run = CliRunner.run("vision", "send", "--camera", "3", "--pose", "0.1 -0.2 0.3 0 1 0 0",
                "--rate", "200", "--count", "20", "--port", Integer.toString(port), "--top-face-angle", "0.05");
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.err().contains("sent 20 packets to 127.0.0.1:" + port + " (camera 3, 200 Hz)"), run.err());
            awaitFused(listener, 20);
            final FusedPose pose = new FusedPose();
            listener.read(pose);
            assertArrayEquals(new double[] {0.1, -0.2, 0.3}, pose.position, 1e-12);
            assertArrayEquals(new double[] {0, 1, 0, 0}, pose.quaternion, 1e-12);
            assertEquals(0.05, pose.topFaceAngle, 1e-7);
            assertEquals(20, pose.sequence);
        }
    }

    @Test
    void sendReadsACsvAndSpeaksJson() throws Exception {
        final Path csv = dir.resolve("poses.csv");
        Files.writeString(csv, "x,y,z,qw,qx,qy,qz,confidence\n# a comment\n0,0,0.2,1,0,0,0,0.9\n0,0,0.3,1,0,0,0,0.8\n");
        try (VisionListener listener = VisionListener.start(VisionConfig.identityCameras("127.0.0.1", 0, 1))) {
            final CliRunner.Run run = CliRunner.run("vision", "send", "--camera", "1", "--csv", csv.toString(), "--json",
                "--rate", "100", "--port", Integer.toString(listener.address().getPort()));
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.err().contains("sent 2 packets"), run.err());
            awaitFused(listener, 2);
            final FusedPose pose = new FusedPose();
            listener.read(pose);
            assertEquals(0.3, pose.position[2], 1e-12);
        }
    }

    @Test
    void mistakesAreOneLineAndExitOne() throws Exception {
        CliRunner.Run run = CliRunner.run("vision", "send", "--camera", "1", "--pose", "0 0 0 2 0 0 0", "--count", "1");
        assertEquals(1, run.exit());
        assertEquals("dexd: --pose: the quaternion qw qx qy qz must have norm 1 (within 1e-3), got 2: normalise it",
            run.err().strip());
        final Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "0,0,0,1,0,0,0\n0,0,zero,1,0,0,0\n");
        run = CliRunner.run("vision", "send", "--camera", "1", "--csv", csv.toString());
        assertEquals(1, run.exit());
        assertEquals("dexd: CSV " + csv + " line 2: 'zero' is not a number", run.err().strip());
        final Path config = dir.resolve("none.yaml");
        Files.writeString(config, "sensors: {}\n");
        run = CliRunner.run("vision", "listen", "--config", config.toString(), "--count", "1");
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("dexd: config " + config + " has no sensors.cube_pose section"), run.err());
        assertEquals(1, run.err().strip().lines().count());
        Files.writeString(config, "sensors:\n  cube_pose:\n    sorce: udp\n    cameras:\n      - {id: 1, position: [0, 0, 0], quaternion: [1, 0, 0, 0]}\n");
        run = CliRunner.run("vision", "listen", "--config", config.toString(), "--count", "1");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("sensors.cube_pose.sorce: unknown key"), run.err());
        try (DatagramChannel taken = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            final int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            run = CliRunner.run("vision", "listen", "--port", Integer.toString(port), "--count", "1");
            assertEquals(1, run.exit());
            assertTrue(run.err().startsWith("dexd: cannot listen for pose packets on 127.0.0.1:" + port), run.err());
        }
    }

    private static void awaitFused(final VisionListener listener, final long n) {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (listener.counters().fusedCount() < n) {
            assertTrue(System.nanoTime() < deadline, "fused " + listener.counters());
            Thread.onSpinWait();
            try {
                Thread.sleep(1);
            } catch (InterruptedException ex) {
                throw new AssertionError(ex);
            }
        }
    }

    private static int freePort() throws Exception {
        try (DatagramChannel c = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            return ((InetSocketAddress) c.getLocalAddress()).getPort();
        }
    }

    private static long nowNanos() {
        final java.time.Instant t = java.time.Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
