package dev.dexd.drivers.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.drivers.sim.WorldTruth;
import org.junit.jupiter.api.Test;

class SimulatedGiikerCubeTest {
    private static final double FIVE_DEGREES = Math.toRadians(5);

    @Test
    void quantisesToTheNearestFiveDegrees() {
        assertEquals(0.0, SimulatedGiikerCube.quantise(Math.toRadians(2.4), FIVE_DEGREES));
        assertEquals(FIVE_DEGREES, SimulatedGiikerCube.quantise(Math.toRadians(2.6), FIVE_DEGREES));
        assertEquals(-2 * FIVE_DEGREES, SimulatedGiikerCube.quantise(Math.toRadians(-7.6), FIVE_DEGREES));
        assertEquals(18 * FIVE_DEGREES, SimulatedGiikerCube.quantise(Math.PI / 2, FIVE_DEGREES), 1e-15);
        assertEquals(Math.PI, SimulatedGiikerCube.quantise(Math.PI, FIVE_DEGREES), 1e-15);
        assertEquals(0.123, SimulatedGiikerCube.quantise(0.123, 0.0), "resolution 0 disables quantisation");
    }

    @Test
    void publishedAnglesAreMultiplesOfTheResolutionWithinHalfAStep() {
        final SimulatedGiikerCube giiker = new SimulatedGiikerCube(SensorConfig.defaults());
        final WorldTruth truth = new WorldTruth();
        final NoiseSource random = new NoiseSource();
        random.reset(3);
        giiker.reset(8);
        int published = 0;
        for (long t = 0; t < 60 * TruthScript.SECOND; t += 8 * TruthScript.MS) {
            truth.timeNanos = t;
            // Constant within each 1 s block, so the published reading can be checked against it.
            if (t % TruthScript.SECOND == 0) {
                for (int f = 0; f < WorldTruth.FACES; f++) {
                    truth.faceAngles[f] = (2 * random.nextDouble() - 1) * Math.PI;
                }
            }
            if (giiker.onTruth(truth) && giiker.sample().captureTimeNanos() / TruthScript.SECOND
                == t / TruthScript.SECOND) {
                for (int f = 0; f < WorldTruth.FACES; f++) {
                    final double a = giiker.sample().angle(f);
                    final double steps = a / FIVE_DEGREES;
                    assertEquals(Math.rint(steps), steps, 1e-9, "a multiple of 5 degrees");
                    assertTrue(Math.abs(a - truth.faceAngles[f]) <= FIVE_DEGREES / 2 + 1e-12);
                }
                published++;
            }
        }
        assertTrue(published > 500, "published " + published);
    }

    @Test
    void latencyDrawsFollowTheConfiguredDistribution() {
        final SensorConfig config = SensorConfig.defaults();
        final SimulatedGiikerCube giiker = new SimulatedGiikerCube(config);
        final int n = 4000;
        double sum = 0;
        double sumSq = 0;
        for (int e = 0; e < n; e++) {
            giiker.reset(e);
            final double steps = (double)giiker.latencyNanos() / config.stepNanos();
            sum += steps;
            sumSq += steps * steps;
        }
        final double mean = sum / n;
        assertEquals(1.0, mean, 0.012);
        assertEquals(0.2, Math.sqrt(sumSq / n - mean * mean), 0.012);
    }
}
