package dev.dexd.drivers.sensors;

import dev.dexd.drivers.sim.WorldTruth;

/**
 * The face angles as a Giiker-style smart cube reports them: each angle rounded to the nearest
 * multiple of the resolution (5 degrees by default), at a fixed notification rate, a per-episode
 * latency late. Angles are not wrapped; a whole turn is a multiple of 5 degrees, so quantising
 * commutes with wrapping to (-pi, pi].
 */
public final class SimulatedGiikerCube extends SimulatedSensor<FaceAnglesSample> {
    private static final int WIDTH = WorldTruth.FACES;

    private final double resolution;

    /** @param config resolution, latency and rate (the faceAngles fields) */
    public SimulatedGiikerCube(final SensorConfig config) {
        super(new LatencyModel(config.stepNanos(), config.faceAnglesLatencyMeanSteps(), config.faceAnglesLatencySdSteps()),
            config.faceAnglesRateHz(), WIDTH, new FaceAnglesSample());
        resolution = config.faceAnglesResolution();
        reset(0L);
    }

    @Override
    void capture(final WorldTruth truth, final double[] out) {
        for (int i = 0; i < WIDTH; i++) {
            out[i] = quantise(truth.faceAngles[i], resolution);
        }
    }

    @Override
    void unpack(final double[] reading, final FaceAnglesSample into) {
        System.arraycopy(reading, 0, into.angles, 0, WIDTH);
    }

    /** {@code angle} rounded to the nearest multiple of {@code resolution} (unchanged when resolution is 0). */
    static double quantise(final double angle, final double resolution) {
        return resolution > 0.0 ? Math.rint(angle / resolution) * resolution : angle;
    }
}
