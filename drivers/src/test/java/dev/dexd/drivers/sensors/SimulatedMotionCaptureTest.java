package dev.dexd.drivers.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dexd.drivers.sim.WorldTruth;
import org.junit.jupiter.api.Test;

class SimulatedMotionCaptureTest {
    @Test
    void noiseMatchesConfiguredCorrelatedAndSampleSd() {
        final SensorConfig config = SensorConfig.defaults();
        final SimulatedMotionCapture mocap = new SimulatedMotionCapture(config);
        final WorldTruth truth = new WorldTruth();
        TruthScript.fixedPose(truth);
        final int episodes = 1000;
        final int samples = 40;
        final int width = FingertipsSample.LENGTH;
        final double[][] err = new double[samples][width];
        double between = 0;
        double within = 0;
        for (int e = 0; e < episodes; e++) {
            mocap.reset(e * 31L);
            int n = 0;
            for (long t = 0; n < samples; t += mocap.periodNanos()) {
                truth.timeNanos = t;
                if (mocap.onTruth(truth)) {
                    for (int i = 0; i < width; i++) {
                        err[n][i] = mocap.sample().position(i / 3, i % 3) - truth.fingertipPos[i];
                    }
                    n++;
                }
            }
            for (int i = 0; i < width; i++) {
                double m = 0;
                for (int k = 0; k < samples; k++) {
                    m += err[k][i];
                }
                m /= samples;
                between += m * m;
                for (int k = 0; k < samples; k++) {
                    within += (err[k][i] - m) * (err[k][i] - m);
                }
            }
        }
        final double sampleVar = within / ((double)episodes * width * (samples - 1));
        final double corrVar = between / ((double)episodes * width) - sampleVar / samples;
        assertEquals(config.fingertipsSampleSd(), Math.sqrt(sampleVar), 0.02 * config.fingertipsSampleSd());
        assertEquals(config.fingertipsCorrelatedSd(), Math.sqrt(corrVar), 0.05 * config.fingertipsCorrelatedSd());
    }

    @Test
    void latencyDrawsFollowTheConfiguredDistribution() {
        final SensorConfig config = SensorConfig.defaults();
        final SimulatedMotionCapture mocap = new SimulatedMotionCapture(config);
        final int n = 4000;
        double sum = 0;
        double sumSq = 0;
        for (int e = 0; e < n; e++) {
            mocap.reset(e);
            final double steps = (double)mocap.latencyNanos() / config.stepNanos();
            sum += steps;
            sumSq += steps * steps;
        }
        final double mean = sum / n;
        assertEquals(0.5, mean, 0.006);
        assertEquals(0.1, Math.sqrt(sumSq / n - mean * mean), 0.006);
    }
}
