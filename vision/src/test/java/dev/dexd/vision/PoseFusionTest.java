package dev.dexd.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.common.geometry.Quaternions;
import org.junit.jupiter.api.Test;

class PoseFusionTest {
    private static final double[] P = {0.0, 0.01, 0.24};
    private static final double[] Q = new double[4];

    static {
        Quaternions.fromAxisAngle(0, 1, 0, 0.7, Q, 0);
    }

    private final VisionConfig config = Cameras.config();
    private final VisionCounters counters = new VisionCounters();
    private final PoseFusion fusion = new PoseFusion(config, counters);
    private final FusedPose out = new FusedPose();

    @Test
    void tooOldEstimatesAreLeftOut() {
        final long t = 1_000_000_000_000L;
        fusion.accept(0, Cameras.see(config.cameras().get(0), P, Q, 1, t, 1));
        fusion.accept(1, Cameras.see(config.cameras().get(1), P, Q, 1, t + 200_000_000L, 1));
        assertTrue(fusion.fuse(1, t + 250_000_000L, out));
        assertEquals(2, out.camerasUsed);
        assertEquals(t, out.captureNanos);
        assertTrue(fusion.fuse(1, t + 350_000_000L, out)); // camera 1's is 350 ms old: beyond its 300
        assertEquals(1, out.camerasUsed);
        assertEquals(t + 200_000_000L, out.captureNanos);
        assertFalse(fusion.fuse(1, t + 600_000_000L, out));
    }

    @Test
    void twoCamerasThatDisagreePublishNothing() {
        final long t = 1_000_000_000_000L;
        final double[] turned = new double[4];
        Quaternions.fromAxisAngle(0, 0, 1, Math.PI / 2, turned, 0); // a cube symmetry away: an outlier, not an average
        Quaternions.multiply(Q, 0, turned, 0, turned, 0);
        fusion.accept(0, Cameras.see(config.cameras().get(0), P, Q, 1, t, 1));
        fusion.accept(1, Cameras.see(config.cameras().get(1), P, turned, 1, t, 1));
        assertFalse(fusion.fuse(1, t, out));
        assertEquals(1, counters.noConsensusCount());
        assertEquals(1, counters.rejectedCount(Rejection.OUTLIER));
        // a third camera that agrees with the first settles it
        fusion.accept(2, Cameras.see(config.cameras().get(2), P, Q, 1, t, 1));
        assertTrue(fusion.fuse(2, t, out));
        assertEquals(2, out.camerasUsed);
        assertTrue(Quaternions.angleBetween(out.quaternion, Q) < 1e-9);
    }

    @Test
    void confidenceWeightsThePositions() {
        final long t = 1_000_000_000_000L;
        final PoseEstimate a = Cameras.see(config.cameras().get(0), P, Q, 1, t, 1);
        final PoseEstimate b = Cameras.see(config.cameras().get(1), new double[] {P[0] + 0.004, P[1], P[2]}, Q, 1, t, 1);
        a.confidence = 0.75;
        b.confidence = 0.25;
        fusion.accept(0, a);
        fusion.accept(1, b);
        assertTrue(fusion.fuse(1, t, out));
        assertEquals(P[0] + 0.001, out.position[0], 1e-9);
    }
}
