package dev.dexd.drivers.sensors;

import dev.dexd.drivers.sim.WorldTruth;

/**
 * Fingertip positions as a motion capture system (PhaseSpace) reports them: truth plus a per-episode
 * offset per coordinate (marker placement) plus per-sample noise, at up to the configured frame rate,
 * a per-episode latency late.
 */
public final class SimulatedMotionCapture extends SimulatedSensor<FingertipsSample> {
    private static final int WIDTH = FingertipsSample.LENGTH;

    private final double correlatedSd;
    private final double sampleSd;
    private final double[] offset = new double[WIDTH];

    /** @param config noise, latency and rate (the fingertips fields) */
    public SimulatedMotionCapture(final SensorConfig config) {
        super(new LatencyModel(config.stepNanos(), config.fingertipsLatencyMeanSteps(), config.fingertipsLatencySdSteps()),
            config.fingertipsRateHz(), WIDTH, new FingertipsSample());
        correlatedSd = config.fingertipsCorrelatedSd();
        sampleSd = config.fingertipsSampleSd();
        reset(0L);
    }

    @Override
    void drawEpisodeErrors() {
        for (int i = 0; i < WIDTH; i++) {
            offset[i] = correlatedSd * noise.nextGaussian();
        }
    }

    @Override
    void capture(final WorldTruth truth, final double[] out) {
        for (int i = 0; i < WIDTH; i++) {
            out[i] = truth.fingertipPos[i] + offset[i] + sampleSd * noise.nextGaussian();
        }
    }

    @Override
    void unpack(final double[] reading, final FingertipsSample into) {
        System.arraycopy(reading, 0, into.positions, 0, WIDTH);
    }
}
