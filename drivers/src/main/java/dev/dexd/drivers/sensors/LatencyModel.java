package dev.dexd.drivers.sensors;

/**
 * A sensor's latency distribution: N(mean, sd) steps, truncated to [0, mean + 4 sd] so the delay
 * line behind it has a known bound, drawn once per episode.
 */
final class LatencyModel {
    private final long stepNanos;
    private final double meanSteps;
    private final double sdSteps;
    private final double maxSteps;

    LatencyModel(final long stepNanos, final double meanSteps, final double sdSteps) {
        this.stepNanos = stepNanos;
        this.meanSteps = meanSteps;
        this.sdSteps = sdSteps;
        this.maxSteps = meanSteps + SensorConfig.LATENCY_TRUNCATION_SD * sdSteps;
    }

    /** The largest latency {@link #draw} can return, in nanoseconds. */
    long maxNanos() {
        return toNanos(maxSteps);
    }

    /** One episode's latency in nanoseconds; always consumes exactly one Gaussian draw. */
    long draw(final NoiseSource noise) {
        final double steps = meanSteps + sdSteps * noise.nextGaussian();
        return toNanos(Math.min(maxSteps, Math.max(0.0, steps)));
    }

    private long toNanos(final double steps) {
        return Math.round(steps * stepNanos);
    }
}
