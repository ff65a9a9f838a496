package dev.dexd.drivers.sensors;

import dev.dexd.drivers.sim.WorldTruth;

/**
 * The face angles as a Giiker-style smart cube reports them: each angle rounded to the nearest
 * multiple of the resolution (5 degrees by default), at a fixed notification rate, a per-episode
 * latency late. Angles are not wrapped; a whole turn is a multiple of 5 degrees, so quantising
 * commutes with wrapping to (-pi, pi].
 */
public final class SimulatedGiikerCube {
    private static final int WIDTH = WorldTruth.FACES;

    private final double resolution;
    private final LatencyModel latency;
    private final CaptureChannel channel;
    private final NoiseSource noise = new NoiseSource();
    private final double[] captured = new double[WIDTH];
    private final FaceAnglesSample sample = new FaceAnglesSample();

    /** @param config resolution, latency and rate (the faceAngles fields) */
    public SimulatedGiikerCube(final SensorConfig config) {
        resolution = config.faceAnglesResolution();
        latency = new LatencyModel(
            config.stepNanos(), config.faceAnglesLatencyMeanSteps(), config.faceAnglesLatencySdSteps());
        channel = new CaptureChannel(SensorConfig.periodNanos(config.faceAnglesRateHz()), latency.maxNanos(), WIDTH);
        reset(0L);
    }

    /** Starts an episode: draws latency and notification phase from {@code seed}. */
    public void reset(final long seed) {
        noise.reset(seed);
        final long latencyNanos = latency.draw(noise);
        final long phaseNanos = (long)(noise.nextDouble() * channel.periodNanos());
        channel.reset(phaseNanos, latencyNanos);
        sample.clear();
    }

    /**
     * Advances to {@code truth.timeNanos}: reads the faces if a notification is due and publishes the
     * newest reading whose latency has elapsed. Allocation free.
     *
     * @return whether {@link #sample()} changed
     */
    public boolean onTruth(final WorldTruth truth) {
        final long now = truth.timeNanos;
        if (channel.captureDue(now)) {
            for (int i = 0; i < WIDTH; i++) {
                captured[i] = quantise(truth.faceAngles[i], resolution);
            }
            channel.push(now, captured);
        }
        if (!channel.release(now, sample.angles)) {
            return false;
        }
        sample.publish(channel.releasedCaptureNanos(), now);
        return true;
    }

    /** The latest published reading (same instance every call). */
    public FaceAnglesSample sample() {
        return sample;
    }

    /** This episode's latency, ns. */
    public long latencyNanos() {
        return channel.latencyNanos();
    }

    /** Time between notifications, ns. */
    public long periodNanos() {
        return channel.periodNanos();
    }

    /** Notifications skipped this episode because ticks were further apart than the period. */
    public long missedCaptures() {
        return channel.missedCaptures();
    }

    /** {@code angle} rounded to the nearest multiple of {@code resolution} (unchanged when resolution is 0). */
    static double quantise(final double angle, final double resolution) {
        return resolution > 0.0 ? Math.rint(angle / resolution) * resolution : angle;
    }
}
