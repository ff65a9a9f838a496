package dev.dexd.drivers.sensors;

import dev.dexd.drivers.sim.WorldTruth;

/**
 * One camera of the vision system, as the policy sees it: a cube pose estimate with a per-episode
 * error (a fixed position offset and a fixed rotation, as from a miscalibrated camera), per-sample
 * noise, a per-episode latency and a frame rate. Orientation errors are applied in the world frame:
 * {@code q = noise * offset * truth}, normalised with w >= 0.
 */
public final class SimulatedCamera {
    private static final int WIDTH = 7;

    private final double positionCorrelatedSd;
    private final double positionSampleSd;
    private final double orientationCorrelatedSd;
    private final double orientationSampleSd;
    private final LatencyModel latency;
    private final CaptureChannel channel;
    private final NoiseSource noise = new NoiseSource();
    private final double[] positionOffset = new double[3];
    private final double[] rotationOffset = {1.0, 0.0, 0.0, 0.0};
    private final double[] rotationNoise = new double[4];
    private final double[] captured = new double[WIDTH];
    private final double[] released = new double[WIDTH];
    private final CubePoseSample sample;

    /**
     * @param camera index reported in its samples
     * @param config noise, latency and rate (the camera fields)
     */
    public SimulatedCamera(final int camera, final SensorConfig config) {
        positionCorrelatedSd = config.cameraPositionCorrelatedSd();
        positionSampleSd = config.cameraPositionSampleSd();
        orientationCorrelatedSd = config.cameraOrientationCorrelatedSd();
        orientationSampleSd = config.cameraOrientationSampleSd();
        latency = new LatencyModel(config.stepNanos(), config.cameraLatencyMeanSteps(), config.cameraLatencySdSteps());
        channel = new CaptureChannel(SensorConfig.periodNanos(config.cameraRateHz()), latency.maxNanos(), WIDTH);
        sample = new CubePoseSample(camera);
        reset(0L);
    }

    /** Starts an episode: draws latency, frame phase, position offset and rotation offset from {@code seed}. */
    public void reset(final long seed) {
        noise.reset(seed);
        final long latencyNanos = latency.draw(noise);
        final long phaseNanos = (long)(noise.nextDouble() * channel.periodNanos());
        for (int i = 0; i < 3; i++) {
            positionOffset[i] = positionCorrelatedSd * noise.nextGaussian();
        }
        noise.nextRotation(orientationCorrelatedSd, rotationOffset, 0);
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
            capture(truth);
        }
        if (!channel.release(now, released)) {
            return false;
        }
        System.arraycopy(released, 0, sample.position, 0, 3);
        System.arraycopy(released, 3, sample.quaternion, 0, 4);
        sample.publish(channel.releasedCaptureNanos(), now);
        return true;
    }

    /** The latest published estimate (same instance every call). */
    public CubePoseSample sample() {
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

    private void capture(final WorldTruth truth) {
        for (int i = 0; i < 3; i++) {
            captured[i] = truth.cubePos[i] + positionOffset[i] + positionSampleSd * noise.nextGaussian();
        }
        Quaternions.multiply(rotationOffset, 0, truth.cubeQuat, 0, captured, 3);
        noise.nextRotation(orientationSampleSd, rotationNoise, 0);
        Quaternions.multiply(rotationNoise, 0, captured, 3, captured, 3);
        Quaternions.normaliseCanonical(captured, 3);
        channel.push(truth.timeNanos, captured);
    }
}
