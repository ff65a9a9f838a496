package dev.dexd.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.common.geometry.Quaternions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real UDP packets on loopback to a real listener on an ephemeral port. */
class VisionListenerTest {
    private static final double[] TRUTH_P = {0.012, -0.021, 0.253};
    private static final double[] TRUTH_Q = new double[4];

    static {
        Quaternions.fromAxisAngle(0.267, 0.535, 0.802, 1.1, TRUTH_Q, 0);
    }

    private VisionConfig config;
    private VisionListener listener;
    private PoseSender sender;
    private final FusedPose pose = new FusedPose();

    @BeforeEach
    void start() {
        config = Cameras.config();
        listener = VisionListener.start(config);
        sender = PoseSender.open("127.0.0.1", listener.address().getPort());
    }

    @AfterEach
    void stop() {
        sender.close();
        listener.close();
    }

    @Test
    void threeCamerasOneAnOutlierFuseToTheTruth() {
        final List<CameraConfig> cams = config.cameras();
        final long t = Cameras.nowNanos();
        // small per-camera errors (below a mm, a few mrad), camera 2 sends -q; camera 7 is off by 5 cm
        final PoseEstimate left = Cameras.see(cams.get(0), TRUTH_P, TRUTH_Q, 10, t, 1);
        Cameras.perturb(left, 0.0004, -0.0003, 0.0002, 0.004);
        final PoseEstimate right = Cameras.see(cams.get(1), TRUTH_P, TRUTH_Q, 10, t - 1_000_000, -1);
        Cameras.perturb(right, -0.0004, 0.0003, -0.0002, -0.004);
        final PoseEstimate top = Cameras.see(cams.get(2), new double[] {TRUTH_P[0] + 0.05, TRUTH_P[1], TRUTH_P[2]},
            TRUTH_Q, 10, t, 1);
        left.topFaceAngle = 0.10;
        right.topFaceAngle = 0.12;
        sender.send(left);
        sender.send(right);
        sender.send(top);
        awaitCount(() -> listener.counters().processedCount() == 3);
        listener.read(pose);

        // each packet makes a fusion; the outlier's makes one of the two others without it
        assertEquals(3, listener.counters().fusedCount(), listener.counters().toString());
        assertEquals(1, listener.counters().rejectedCount(Rejection.OUTLIER));
        assertEquals(2, pose.camerasUsed);
        final double dp = Math.sqrt(sq(pose.position[0] - TRUTH_P[0]) + sq(pose.position[1] - TRUTH_P[1])
            + sq(pose.position[2] - TRUTH_P[2]));
        assertTrue(dp < 0.001, "position error " + dp);
        assertTrue(Quaternions.angleBetween(pose.quaternion, TRUTH_Q) < 0.01, "angle error");
        assertEquals(t - 1_000_000, pose.captureNanos, "the oldest capture time used");
        assertEquals(0.11, pose.topFaceAngle, 1e-6);
        assertEquals(7, pose.camera);
        assertTrue(pose.publishedNanos >= pose.arrivalNanos);
        // the capture time on the monotonic clock: the wall-clock age at arrival before the arrival. The
        // oldest capture was 1 ms before 'now', but mapping the wall clock onto the monotonic one (a
        // sampled offset) is only good to a fraction of a millisecond: positive is what holds.
        final long ageAtArrival = pose.arrivalNanos - pose.captureMonotonicNanos;
        assertTrue(ageAtArrival > 0 && ageAtArrival < 300_000_000L, "age at arrival " + ageAtArrival);
    }

    @Test
    void exactEstimatesFuseExactlyThroughEveryExtrinsic() {
        final long t = Cameras.nowNanos();
        int seq = 1;
        for (CameraConfig c : config.cameras()) {
            sender.send(Cameras.see(c, TRUTH_P, TRUTH_Q, seq++, t, 1));
        }
        awaitCount(() -> listener.counters().fusedCount() == 3);
        listener.read(pose);
        assertEquals(3, pose.camerasUsed);
        assertArrayEquals(TRUTH_P, pose.position, 1e-6); // f64 on the wire; the tolerance is for the frame round trip
        assertTrue(Quaternions.angleBetween(pose.quaternion, TRUTH_Q) < 1e-6);
    }

    @Test
    void everyBadPacketKindIsCountedAndNoneReachesTheOutput() {
        final List<CameraConfig> cams = config.cameras();
        final long t = Cameras.nowNanos();
        final PoseEstimate good = Cameras.see(cams.get(0), TRUTH_P, TRUTH_Q, 100, t, 1);
        sender.send(good);
        awaitCount(() -> listener.counters().fusedCount() == 1);
        listener.read(pose);
        final double[] before = pose.position.clone();

        final byte[] valid = binary(Cameras.see(cams.get(0), new double[] {9, 9, 9}, TRUTH_Q, 200, t, 1));
        sender.sendBytes(java.util.Arrays.copyOf(valid, 83));                     // length
        sender.sendBytes(new byte[0]);                                            // length (empty)
        final byte[] magic = valid.clone();
        magic[0] = 'X';
        sender.sendBytes(magic);                                                  // magic
        final byte[] version = valid.clone();
        version[4] = 2;
        sender.sendBytes(version);                                                // version
        sender.sendBytes("{\"camera\": 1, \"seq\": 5".getBytes(StandardCharsets.UTF_8)); // json
        final PoseEstimate nan = Cameras.see(cams.get(0), TRUTH_P, TRUTH_Q, 201, t, 1);
        nan.position[1] = Double.NaN;
        sender.send(nan);                                                         // not finite
        final PoseEstimate inf = Cameras.see(cams.get(0), TRUTH_P, TRUTH_Q, 202, t, 1);
        inf.confidence = Double.POSITIVE_INFINITY;
        sender.send(inf);                                                         // not finite
        final PoseEstimate norm = Cameras.see(cams.get(0), TRUTH_P, TRUTH_Q, 203, t, 1);
        norm.quaternion[0] *= 1.01;
        sender.send(norm);                                                        // quaternion norm
        final PoseEstimate conf = Cameras.see(cams.get(0), TRUTH_P, TRUTH_Q, 204, t, 1);
        conf.confidence = 1.5;
        sender.send(conf);                                                        // confidence
        final PoseEstimate unknown = Cameras.see(cams.get(0), TRUTH_P, TRUTH_Q, 205, t, 1);
        unknown.camera = 3;
        sender.send(unknown);                                                     // unknown camera
        sender.send(Cameras.see(cams.get(0), new double[] {9, 9, 9}, TRUTH_Q, 100, t, 1)); // sequence: repeated
        sender.send(Cameras.see(cams.get(0), new double[] {9, 9, 9}, TRUTH_Q, 99, t, 1));  // sequence: old
        sender.send(Cameras.see(cams.get(0), new double[] {9, 9, 9}, TRUTH_Q, 206, t - 400_000_000L, 1)); // too old
        sender.send(Cameras.see(cams.get(0), new double[] {9, 9, 9}, TRUTH_Q, 207, t + 5_000_000_000L, 1)); // from the future
        awaitCount(() -> listener.counters().processedCount() == 15);

        final VisionCounters c = listener.counters();
        assertEquals(2, c.rejectedCount(Rejection.LENGTH), c.toString());
        assertEquals(1, c.rejectedCount(Rejection.MAGIC));
        assertEquals(1, c.rejectedCount(Rejection.VERSION));
        assertEquals(1, c.rejectedCount(Rejection.JSON));
        assertEquals(2, c.rejectedCount(Rejection.NOT_FINITE));
        assertEquals(1, c.rejectedCount(Rejection.QUATERNION_NORM));
        assertEquals(1, c.rejectedCount(Rejection.CONFIDENCE));
        assertEquals(1, c.rejectedCount(Rejection.UNKNOWN_CAMERA));
        assertEquals(2, c.rejectedCount(Rejection.SEQUENCE));
        assertEquals(2, c.rejectedCount(Rejection.TOO_OLD));
        assertEquals(14, c.rejectedTotal());
        assertEquals(1, c.fusedCount(), "nothing bad was fused");
        assertEquals(0, c.errorCount());
        listener.read(pose);
        assertArrayEquals(before, pose.position, 0.0);
    }

    @Test
    void aFloodIsCutToTheCamerasRate() {
        final CameraConfig cam = config.cameras().get(1);
        final long t = Cameras.nowNanos();
        final int n = 2_000;
        for (int i = 1; i <= n; i++) {
            sender.send(Cameras.see(cam, TRUTH_P, TRUTH_Q, i, t, 1));
        }
        // the kernel may drop some of a burst this size; count what arrived
        awaitCount(() -> {
            final VisionCounters c = listener.counters();
            return c.receivedCount() > 0 && c.acceptedCount() + c.rejectedTotal() == c.receivedCount()
                && quiet(c);
        });
        final VisionCounters c = listener.counters();
        assertTrue(c.rejectedCount(Rejection.FLOOD) > c.receivedCount() / 2, c.toString());
        assertEquals(c.acceptedCount(), c.fusedCount());
        assertEquals(0, c.rejectedTotal() - c.rejectedCount(Rejection.FLOOD), c.toString());
    }

    @Test
    void jsonPacketsFuseLikeBinaryOnes() {
        final List<CameraConfig> cams = config.cameras();
        final long t = Cameras.nowNanos();
        final PoseEstimate a = Cameras.see(cams.get(0), TRUTH_P, TRUTH_Q, 1, t, 1);
        a.topFaceAngle = -0.2;
        sender.sendJson(a);
        sender.sendJson(Cameras.see(cams.get(1), TRUTH_P, TRUTH_Q, 1, t, -1));
        sender.sendBytes(("{\"camera\": 7, \"seq\": 1, \"t_ns\": " + t + ", \"position\": [0, 0, 0],"
            + " \"quaternion\": [1, 0, 0, 0], \"colour\": \"red\"}").getBytes(StandardCharsets.UTF_8)); // unknown key
        awaitCount(() -> listener.counters().processedCount() == 3);
        listener.read(pose);
        assertEquals(2, pose.camerasUsed, listener.counters().toString());
        assertArrayEquals(TRUTH_P, pose.position, 1e-6);
        assertTrue(Quaternions.angleBetween(pose.quaternion, TRUTH_Q) < 1e-6);
        assertEquals(-0.2, pose.topFaceAngle, 1e-12);
        assertEquals(1, listener.counters().rejectedCount(Rejection.JSON));
    }

    private static boolean quiet(final VisionCounters c) {
        final long before = c.receivedCount();
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return c.receivedCount() == before;
    }

    static byte[] binary(final PoseEstimate e) {
        final ByteBuffer b = ByteBuffer.allocate(PosePacket.LENGTH);
        PosePacket.write(new org.agrona.concurrent.UnsafeBuffer(b), 0, e.camera, e.sequence, e.captureNanos, e.position,
            e.quaternion, (float) e.confidence, (float) e.topFaceAngle);
        return b.order(ByteOrder.LITTLE_ENDIAN).array();
    }

    /** Waits (at most 10 s: a loaded machine) for the listener thread to get there. */
    static void awaitCount(final BooleanSupplier done) {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "the listener did not get there in 10 s");
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static double sq(final double x) {
        return x * x;
    }
}
