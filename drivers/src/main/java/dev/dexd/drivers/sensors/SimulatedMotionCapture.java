package dev.dexd.drivers.sensors;

import dev.dexd.drivers.sim.WorldTruth;

/**
 * Fingertip positions as a motion capture system (PhaseSpace) reports them: truth plus a per-episode
 * offset per coordinate (marker placement) plus per-sample noise, at up to the configured frame rate,
 * a per-episode latency late.
 */
public final class SimulatedMotionCapture {
    private static final int WIDTH = FingertipsSample.LENGTH;

    private final double correlatedSd;
    private final double sampleSd;
    private final LatencyModel latency;
    private final CaptureChannel channel;
    private final NoiseSource noise = new NoiseSource();
    private final double[] offset = new double[WIDTH];
    private final double[] captured = new double[WIDTH];
    private final FingertipsSample sample = new FingertipsSample();

    /** @param config noise, latency and rate (the fingertips fields) */
    public SimulatedMotionCapture(final SensorConfig config) {
        correlatedSd = config.fingertipsCorrelatedSd();
        sampleSd = config.fingertipsSampleSd();
        latency = new LatencyModel(
            config.stepNanos(), config.fingertipsLatencyMeanSteps(), config.fingertipsLatencySdSteps());
        channel = new CaptureChannel(SensorConfig.periodNanos(config.fingertipsRateHz()), latency.maxNanos(), WIDTH);
        reset(0L);
    }

    /** Starts an episode: draws latency, frame phase and the 15 offsets from {@code seed}. */
    public void reset(final long seed) {
        noise.reset(seed);
        final long latencyNanos = latency.draw(noise);
        final long phaseNanos = (long)(noise.nextDouble() * channel.periodNanos());
        for (int i = 0; i < WIDTH; i++) {
            offset[i] = correlatedSd * noise.nextGaussian();
        }
        channel.reset(phaseNanos, latencyNanos);
        sample.clear();
    }

    /**
     * Advances to {@code truth.timeNanos}: captures a frame if one is due and publishes the newest frame
     * whose latency has elapsed. Allocation free.
     *
     * @return whether {@link #sample()} changed
     */
    public boolean onTruth(final WorldTruth truth) {
        final long now = truth.timeNanos;
        if (channel.captureDue(now)) {
            for (int i = 0; i < WIDTH; i++) {
                captured[i] = truth.fingertipPos[i] + offset[i] + sampleSd * noise.nextGaussian();
            }
            channel.push(now, captured);
        }
        if (!channel.release(now, sample.positions)) {
            return false;
        }
        sample.publish(channel.releasedCaptureNanos(), now);
        return true;
    }

    /** The latest published frame (same instance every call). */
    public FingertipsSample sample() {
        return sample;
    }

    /** This episode's latency, ns. */
    public long latencyNanos() {
        return channel.latencyNanos();
    }

    /** Time between frames, ns. */
    public long periodNanos() {
        return channel.periodNanos();
    }

    /** Frames skipped this episode because ticks were further apart than the frame period. */
    public long missedCaptures() {
        return channel.missedCaptures();
    }
}
