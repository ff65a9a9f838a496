package dev.dexd.drivers.sensors;

import dev.dexd.common.geometry.Quaternions;
import dev.dexd.drivers.sim.WorldTruth;

/**
 * One camera of the vision system, as the policy sees it: a cube pose estimate with a per-episode
 * error (a fixed position offset and a fixed rotation, as from a miscalibrated camera), per-sample
 * noise, a per-episode latency and a frame rate. Orientation errors are applied in the world frame:
 * {@code q = noise * offset * truth}, normalised with w >= 0.
 */
public final class SimulatedCamera extends SimulatedSensor<CubePoseSample> {
    private static final int WIDTH = 7;

    private final double positionCorrelatedSd;
    private final double positionSampleSd;
    private final double orientationCorrelatedSd;
    private final double orientationSampleSd;
    private final double[] positionOffset = new double[3];
    private final double[] rotationOffset = {1.0, 0.0, 0.0, 0.0};
    private final double[] rotationNoise = new double[4];

    /**
     * @param camera index reported in its samples
     * @param config noise, latency and rate (the camera fields)
     */
    public SimulatedCamera(final int camera, final SensorConfig config) {
        super(new LatencyModel(config.stepNanos(), config.cameraLatencyMeanSteps(), config.cameraLatencySdSteps()),
            config.cameraRateHz(), WIDTH, new CubePoseSample(camera));
        positionCorrelatedSd = config.cameraPositionCorrelatedSd();
        positionSampleSd = config.cameraPositionSampleSd();
        orientationCorrelatedSd = config.cameraOrientationCorrelatedSd();
        orientationSampleSd = config.cameraOrientationSampleSd();
        reset(0L);
    }

    @Override
    void drawEpisodeErrors() {
        for (int i = 0; i < 3; i++) {
            positionOffset[i] = positionCorrelatedSd * noise.nextGaussian();
        }
        noise.nextRotation(orientationCorrelatedSd, rotationOffset, 0);
    }

    @Override
    void capture(final WorldTruth truth, final double[] out) {
        for (int i = 0; i < 3; i++) {
            out[i] = truth.cubePos[i] + positionOffset[i] + positionSampleSd * noise.nextGaussian();
        }
        Quaternions.multiply(rotationOffset, 0, truth.cubeQuat, 0, out, 3);
        noise.nextRotation(orientationSampleSd, rotationNoise, 0);
        Quaternions.multiply(rotationNoise, 0, out, 3, out, 3);
        Quaternions.normaliseCanonical(out, 3);
    }

    @Override
    void unpack(final double[] reading, final CubePoseSample into) {
        System.arraycopy(reading, 0, into.position, 0, 3);
        System.arraycopy(reading, 3, into.quaternion, 0, 4);
    }
}
