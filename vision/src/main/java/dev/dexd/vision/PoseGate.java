package dev.dexd.vision;

import java.util.List;

/**
 * Decides whether a decoded estimate may reach fusion, and why not: finite fields, a unit quaternion
 * (norm within 1e-3), a confidence in 0..1, a configured camera, the camera's rate limit (a token
 * bucket: {@code max_rate_hz} with a burst of a tenth of a second, at least 4 packets), a sequence
 * number newer than the camera's last accepted one (a camera silent for a second may start again
 * from any number: a restarted sender), and a capture time within the camera's max_age_ms of now.
 * Single-threaded (the listener's), allocation free.
 */
public final class PoseGate {
    static final double QUATERNION_NORM_TOLERANCE = 1e-3;
    static final long RESTART_NANOS = 1_000_000_000L;

    private final int[] ids;
    private final long[] maxAgeNanos;
    private final long[] lastSequence;
    private final long[] lastAcceptedNanos;
    private final boolean[] seen;
    private final double[] tokens;
    private final long[] refilledNanos;
    private final double ratePerNano;
    private final double burst;
    private int slot = -1;

    public PoseGate(final VisionConfig config) {
        final List<CameraConfig> cameras = config.cameras();
        final int n = cameras.size();
        ids = new int[n];
        maxAgeNanos = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = cameras.get(i).id();
            maxAgeNanos[i] = cameras.get(i).maxAgeNanos();
        }
        lastSequence = new long[n];
        lastAcceptedNanos = new long[n];
        seen = new boolean[n];
        tokens = new double[n];
        refilledNanos = new long[n];
        ratePerNano = config.maxRateHz() / 1e9;
        burst = Math.max(4.0, config.maxRateHz() / 10.0);
        java.util.Arrays.fill(tokens, burst);
        java.util.Arrays.fill(refilledNanos, Long.MIN_VALUE);
    }

    /**
     * Checks {@code e}, which arrived at {@code arrivalNanos} ({@code System.nanoTime()}), against
     * the wall clock {@code nowEpochNanos}. Returns null when accepted ({@link #slot()} is then the
     * camera's index in the config), else the reason.
     */
    public Rejection check(final PoseEstimate e, final long arrivalNanos, final long nowEpochNanos) {
        slot = -1;
        double norm2 = 0.0;
        boolean finite = Double.isFinite(e.confidence)
            && (Double.isNaN(e.topFaceAngle) || Double.isFinite(e.topFaceAngle));
        for (int i = 0; i < 3; i++) {
            finite &= Double.isFinite(e.position[i]);
        }
        for (int i = 0; i < 4; i++) {
            finite &= Double.isFinite(e.quaternion[i]);
            norm2 += e.quaternion[i] * e.quaternion[i];
        }
        if (!finite) {
            return Rejection.NOT_FINITE;
        }
        if (Math.abs(Math.sqrt(norm2) - 1.0) > QUATERNION_NORM_TOLERANCE) {
            return Rejection.QUATERNION_NORM;
        }
        if (!(e.confidence >= 0.0 && e.confidence <= 1.0)) {
            return Rejection.CONFIDENCE;
        }
        int s = -1;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == e.camera) {
                s = i;
                break;
            }
        }
        if (s < 0) {
            return Rejection.UNKNOWN_CAMERA;
        }
        // the bucket fills at max_rate_hz up to the burst; each packet of this camera, good or bad from here on, takes one
        tokens[s] = refilledNanos[s] == Long.MIN_VALUE ? burst
            : Math.min(burst, tokens[s] + Math.max(0L, arrivalNanos - refilledNanos[s]) * ratePerNano);
        refilledNanos[s] = arrivalNanos;
        if (tokens[s] < 1.0) {
            return Rejection.FLOOD;
        }
        tokens[s] -= 1.0;
        final boolean restarted = !seen[s] || arrivalNanos - lastAcceptedNanos[s] > RESTART_NANOS;
        if (!restarted && (int) (e.sequence - lastSequence[s]) <= 0) {
            return Rejection.SEQUENCE;
        }
        final long age = nowEpochNanos - e.captureNanos;
        if (age > maxAgeNanos[s] || age < -maxAgeNanos[s]) {
            return Rejection.TOO_OLD;
        }
        seen[s] = true;
        lastSequence[s] = e.sequence;
        lastAcceptedNanos[s] = arrivalNanos;
        slot = s;
        return null;
    }

    /** The config index of the camera of the last accepted estimate. */
    public int slot() {
        return slot;
    }
}
