package dev.dexd.drivers.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.common.geometry.Quaternions;
import dev.dexd.drivers.sim.WorldTruth;
import org.junit.jupiter.api.Test;

class SimulatedCameraTest {
    private static final int EPISODES = 2000;
    private static final int SAMPLES = 60;

    /**
     * Splits the error into its per-episode part (the variance of episode means, less what sample noise
     * contributes to them) and its per-sample part (the pooled variance within episodes).
     */
    @Test
    void noiseMatchesConfiguredCorrelatedAndSampleSd() {
        final SensorConfig config = SensorConfig.defaults();
        final SimulatedCamera camera = new SimulatedCamera(SimulatedSensors.CAMERA_TOP, config);
        final WorldTruth truth = new WorldTruth();
        TruthScript.fixedPose(truth);

        final double[][] pos = new double[SAMPLES][3];
        final double[][] rot = new double[SAMPLES][3];
        final double[] q = new double[4];
        double posBetween = 0;
        double posWithin = 0;
        double rotBetween = 0;
        double rotWithin = 0;
        for (int e = 0; e < EPISODES; e++) {
            camera.reset(1000 + e);
            int n = 0;
            for (long t = 0; n < SAMPLES; t += camera.periodNanos()) {
                truth.timeNanos = t;
                if (camera.onTruth(truth)) {
                    final CubePoseSample s = camera.sample();
                    assertEquals(SimulatedSensors.CAMERA_TOP, s.camera());
                    s.copyQuaternionTo(q, 0);
                    assertEquals(1.0, q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3], 1e-12);
                    assertTrue(q[0] >= 0.0, "w >= 0");
                    for (int a = 0; a < 3; a++) {
                        pos[n][a] = s.position(a) - truth.cubePos[a];
                    }
                    TruthScript.errorRotationVector(q, truth.cubeQuat, rot[n]);
                    n++;
                }
            }
            for (int a = 0; a < 3; a++) {
                final double pm = mean(pos, a);
                final double rm = mean(rot, a);
                posBetween += pm * pm;
                rotBetween += rm * rm;
                for (int k = 0; k < SAMPLES; k++) {
                    posWithin += sq(pos[k][a] - pm);
                    rotWithin += sq(rot[k][a] - rm);
                }
            }
        }
        // Position: sd per axis.
        final double posSampleVar = posWithin / (EPISODES * 3.0 * (SAMPLES - 1));
        final double posCorrVar = posBetween / (EPISODES * 3.0) - posSampleVar / SAMPLES;
        assertEquals(config.cameraPositionSampleSd(), Math.sqrt(posSampleVar), 0.02 * config.cameraPositionSampleSd());
        assertEquals(config.cameraPositionCorrelatedSd(), Math.sqrt(posCorrVar), 0.05 * config.cameraPositionCorrelatedSd());
        // Orientation: sd is the RMS rotation angle, i.e. the sum over the three axes.
        final double rotSampleVar = rotWithin / (EPISODES * (SAMPLES - 1.0));
        final double rotCorrVar = rotBetween / EPISODES - rotSampleVar / SAMPLES;
        assertEquals(config.cameraOrientationSampleSd(), Math.sqrt(rotSampleVar), 0.02 * config.cameraOrientationSampleSd());
        assertEquals(config.cameraOrientationCorrelatedSd(), Math.sqrt(rotCorrVar),
            0.06 * config.cameraOrientationCorrelatedSd());
    }

    @Test
    void overallOrientationErrorCombinesBothParts() {
        final SimulatedCamera camera = new SimulatedCamera(0, SensorConfig.defaults());
        final WorldTruth truth = new WorldTruth();
        TruthScript.fixedPose(truth);
        final double[] q = new double[4];
        double sumSq = 0;
        int n = 0;
        for (int e = 0; e < 4000; e++) {
            camera.reset(e);
            for (long t = 0; t < 2 * TruthScript.SECOND; t += camera.periodNanos()) {
                truth.timeNanos = t;
                if (camera.onTruth(truth)) {
                    camera.sample().copyQuaternionTo(q, 0);
                    final double angle = Quaternions.angleBetween(q, 0, truth.cubeQuat, 0);
                    sumSq += angle * angle;
                    n++;
                }
            }
        }
        assertEquals(Math.sqrt(0.1 * 0.1 + 0.1 * 0.1), Math.sqrt(sumSq / n), 0.005);
    }

    @Test
    void noiselessCameraReproducesTruthExactlyUpToSign() {
        final SimulatedCamera camera = new SimulatedCamera(1, SensorConfig.builder().noiseless().build());
        final WorldTruth truth = new WorldTruth();
        TruthScript.fixedPose(truth);
        truth.cubeQuat[0] = -truth.cubeQuat[0]; // same rotation, other sign: output must still have w >= 0
        for (int i = 1; i < 4; i++) {
            truth.cubeQuat[i] = -truth.cubeQuat[i];
        }
        camera.reset(5);
        for (long t = 0; !camera.sample().isValid(); t += TruthScript.MS) {
            truth.timeNanos = t;
            camera.onTruth(truth);
        }
        final CubePoseSample s = camera.sample();
        for (int a = 0; a < 3; a++) {
            assertEquals(truth.cubePos[a], s.position(a), 0.0);
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(-truth.cubeQuat[i], s.quaternion(i), 1e-15);
        }
    }

    @Test
    void latencyDrawsFollowTheConfiguredDistribution() {
        final SensorConfig config = SensorConfig.defaults();
        final SimulatedCamera camera = new SimulatedCamera(0, config);
        final int n = 4000;
        double sum = 0;
        double sumSq = 0;
        final double max = (config.cameraLatencyMeanSteps() + 4 * config.cameraLatencySdSteps()) * config.stepNanos();
        for (int e = 0; e < n; e++) {
            camera.reset(e);
            final double steps = (double)camera.latencyNanos() / config.stepNanos();
            assertTrue(camera.latencyNanos() >= 0 && camera.latencyNanos() <= max);
            sum += steps;
            sumSq += steps * steps;
        }
        final double mean = sum / n;
        assertEquals(config.cameraLatencyMeanSteps(), mean, 0.03);
        assertEquals(config.cameraLatencySdSteps(), Math.sqrt(sumSq / n - mean * mean), 0.03);
    }

    private static double mean(final double[][] v, final int axis) {
        double s = 0;
        for (final double[] row : v) {
            s += row[axis];
        }
        return s / v.length;
    }

    private static double sq(final double x) {
        return x * x;
    }
}
