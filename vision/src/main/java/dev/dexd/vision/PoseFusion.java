package dev.dexd.vision;

import dev.dexd.common.geometry.Quaternions;
import java.util.List;

/**
 * Fuses the cameras' latest estimates into one world pose. Each accepted estimate is moved into the
 * world frame with its camera's extrinsics ({@code p_world = R(q_cam) p + t_cam},
 * {@code q_world = q_cam * q}) and kept as that camera's latest. A fusion takes every camera whose
 * latest estimate is fresh (capture age within its max_age_ms) and has a positive confidence, then:
 * <ol>
 * <li>consensus: the component-wise median position, and the medoid orientation (the candidate with
 *     the smallest sum of angles to the others, so one wild estimate cannot drag it);</li>
 * <li>outliers: a candidate further than {@code outlier.position_m} from the median or
 *     {@code outlier.angle_rad} from the medoid is left out (an estimate that differs by one of the
 *     cube's symmetries is such an outlier);</li>
 * <li>a strict majority of the candidates must remain (two cameras must agree, two of three, ...),
 *     otherwise nothing is published and the pose ages towards the staleness hold;</li>
 * <li>the rest is averaged with confidence weights: positions by weighted mean, orientations by
 *     {@link QuaternionMean} (Markley), the top-face angle by a weighted circular mean.</li>
 * </ol>
 * The fused pose carries the oldest capture time used and the number of cameras used.
 * Single-threaded (the listener's), allocation free.
 */
public final class PoseFusion {
    private final int cameras;
    private final double[] extrinsicPosition;
    private final double[] extrinsicQuaternion;
    private final long[] maxAgeNanos;
    private final double outlierPositionM;
    private final double outlierAngleRad;
    private final VisionCounters counters;

    // each camera's latest estimate, in the world frame
    private final boolean[] present;
    private final double[] position;
    private final double[] quaternion;
    private final double[] confidence;
    private final double[] topFaceAngle;
    private final long[] captureNanos;

    // scratch
    private final int[] candidates;
    private final double[] sort;
    private final double[] median = new double[3];
    private final QuaternionMean mean = new QuaternionMean();

    public PoseFusion(final VisionConfig config, final VisionCounters counters) {
        final List<CameraConfig> list = config.cameras();
        cameras = list.size();
        extrinsicPosition = new double[3 * cameras];
        extrinsicQuaternion = new double[4 * cameras];
        maxAgeNanos = new long[cameras];
        for (int i = 0; i < cameras; i++) {
            final CameraConfig c = list.get(i);
            System.arraycopy(c.position(), 0, extrinsicPosition, 3 * i, 3);
            System.arraycopy(c.quaternion(), 0, extrinsicQuaternion, 4 * i, 4);
            maxAgeNanos[i] = c.maxAgeNanos();
        }
        outlierPositionM = config.outlierPositionM();
        outlierAngleRad = config.outlierAngleRad();
        this.counters = counters;
        present = new boolean[cameras];
        position = new double[3 * cameras];
        quaternion = new double[4 * cameras];
        confidence = new double[cameras];
        topFaceAngle = new double[cameras];
        captureNanos = new long[cameras];
        candidates = new int[cameras];
        sort = new double[cameras];
    }

    /** Keeps {@code e} (validated, from the camera at index {@code slot} of the config) as that camera's latest, in the world frame. */
    public void accept(final int slot, final PoseEstimate e) {
        Quaternions.rotate(extrinsicQuaternion, 4 * slot, e.position, 0, position, 3 * slot);
        for (int k = 0; k < 3; k++) {
            position[3 * slot + k] += extrinsicPosition[3 * slot + k];
        }
        Quaternions.multiply(extrinsicQuaternion, 4 * slot, e.quaternion, 0, quaternion, 4 * slot);
        Quaternions.normaliseCanonical(quaternion, 4 * slot);
        confidence[slot] = e.confidence;
        topFaceAngle[slot] = e.topFaceAngle;
        captureNanos[slot] = e.captureNanos;
        present[slot] = true;
    }

    /** The max age of the camera at index {@code slot}, ns. */
    public long maxAgeNanos(final int slot) {
        return maxAgeNanos[slot];
    }

    /**
     * Fuses the fresh estimates at {@code nowNanos} (epoch ns) into {@code out}'s pose fields
     * (position, quaternion, captureNanos, camerasUsed, topFaceAngle); false when nothing was
     * fused (no fresh estimate, or no majority). The {@code trigger} camera's estimate, when it is
     * an outlier, is counted as {@link Rejection#OUTLIER} (each packet counted once).
     */
    public boolean fuse(final int trigger, final long nowNanos, final FusedPose out) {
        int n = 0;
        for (int i = 0; i < cameras; i++) {
            final long age = nowNanos - captureNanos[i];
            if (present[i] && confidence[i] > 0.0 && age <= maxAgeNanos[i] && age >= -maxAgeNanos[i]) {
                candidates[n++] = i;
            }
        }
        if (n == 0) {
            return false;
        }
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < n; j++) {
                sort[j] = position[3 * candidates[j] + k];
            }
            median[k] = median(sort, n);
        }
        int medoid = candidates[0];
        double bestSum = Double.MAX_VALUE;
        for (int a = 0; a < n; a++) {
            double sum = 0.0;
            for (int b = 0; b < n; b++) {
                sum += Quaternions.angleBetween(quaternion, 4 * candidates[a], quaternion, 4 * candidates[b]);
            }
            if (sum < bestSum) {
                bestSum = sum;
                medoid = candidates[a];
            }
        }
        int used = 0;
        for (int j = 0; j < n; j++) {
            final int i = candidates[j];
            final double dx = position[3 * i] - median[0];
            final double dy = position[3 * i + 1] - median[1];
            final double dz = position[3 * i + 2] - median[2];
            final boolean inlier = Math.sqrt(dx * dx + dy * dy + dz * dz) <= outlierPositionM
                && Quaternions.angleBetween(quaternion, 4 * i, quaternion, 4 * medoid) <= outlierAngleRad;
            if (inlier) {
                candidates[used++] = i;
            } else if (i == trigger) {
                counters.rejected(Rejection.OUTLIER);
            }
        }
        if (2 * used <= n) {
            counters.noConsensus();
            return false;
        }
        double w = 0.0;
        double px = 0.0;
        double py = 0.0;
        double pz = 0.0;
        double sin = 0.0;
        double cos = 0.0;
        long oldest = Long.MAX_VALUE;
        mean.reset();
        for (int j = 0; j < used; j++) {
            final int i = candidates[j];
            final double c = confidence[i];
            w += c;
            px += c * position[3 * i];
            py += c * position[3 * i + 1];
            pz += c * position[3 * i + 2];
            mean.add(quaternion, 4 * i, c);
            if (!Double.isNaN(topFaceAngle[i])) {
                sin += c * Math.sin(topFaceAngle[i]);
                cos += c * Math.cos(topFaceAngle[i]);
            }
            oldest = Math.min(oldest, captureNanos[i]);
        }
        out.position[0] = px / w;
        out.position[1] = py / w;
        out.position[2] = pz / w;
        mean.mean(out.quaternion, 0);
        out.topFaceAngle = sin == 0.0 && cos == 0.0 ? Double.NaN : Math.atan2(sin, cos);
        out.captureNanos = oldest;
        out.camerasUsed = used;
        out.confidence = w / used;
        return true;
    }

    /** The median of {@code v[0..n)} (sorted in place; insertion sort: n is at most 16). */
    private static double median(final double[] v, final int n) {
        for (int i = 1; i < n; i++) {
            final double x = v[i];
            int j = i - 1;
            while (j >= 0 && v[j] > x) {
                v[j + 1] = v[j];
                j--;
            }
            v[j + 1] = x;
        }
        return (n & 1) == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }
}
