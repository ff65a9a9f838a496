package dev.dexd.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.common.geometry.Quaternions;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuaternionMeanTest {
    @Test
    void symmetricSpreadAveragesToTheCentreWhateverTheSigns() {
        final double[] centre = new double[4];
        Quaternions.fromAxisAngle(0.6, 0.0, 0.8, 2.0, centre, 0);
        final QuaternionMean mean = new QuaternionMean();
        final double[] r = new double[4];
        final double[] q = new double[4];
        for (int i = 0; i < 6; i++) {
            // pairs of +-0.1 rad about three axes around the centre, every other one sent as -q
            final int axis = i / 2;
            Quaternions.fromAxisAngle(axis == 0 ? 1 : 0, axis == 1 ? 1 : 0, axis == 2 ? 1 : 0, (i % 2 == 0 ? 0.1 : -0.1), r, 0);
            Quaternions.multiply(centre, 0, r, 0, q, 0);
            final double sign = i % 2 == 0 ? 1 : -1;
            for (int k = 0; k < 4; k++) {
                q[k] *= sign;
            }
            mean.add(q, 0, 1.0);
        }
        final double[] out = new double[4];
        assertTrue(mean.mean(out, 0));
        assertEquals(0.0, Quaternions.angleBetween(centre, out), 1e-12);
        assertTrue(out[0] >= 0);
    }

    @Test
    void weightsPullTheMeanAndANaiveSumWouldCancel() {
        final double[] a = {1, 0, 0, 0};
        final double[] b = new double[4];
        Quaternions.fromAxisAngle(0, 0, 1, 0.3, b, 0);
        final double[] minusB = {-b[0], -b[1], -b[2], -b[3]};
        final QuaternionMean mean = new QuaternionMean();
        mean.add(a, 0, 3.0);
        mean.add(minusB, 0, 1.0);
        final double[] out = new double[4];
        assertTrue(mean.mean(out, 0));
        // between a and b, nearer a; the exact Markley mean of two is at atan2 of the weighted chord
        final double angleToA = Quaternions.angleBetween(a, out);
        final double angleToB = Quaternions.angleBetween(b, out);
        assertEquals(0.3, angleToA + angleToB, 1e-9);
        assertTrue(angleToA < 0.1 && angleToA > 0.05, "angle to the heavier one: " + angleToA);
    }

    @Test
    void randomCloudsMatchTheSmallAngleAverage() {
        final Random rnd = new Random(42);
        final QuaternionMean mean = new QuaternionMean();
        final double[] centre = new double[4];
        final double[] r = new double[4];
        final double[] q = new double[4];
        final double[] out = new double[4];
        for (int trial = 0; trial < 200; trial++) {
            Quaternions.fromAxisAngle(0, 0, 1, 0, centre, 0);
            final double[] axis = unit(rnd);
            Quaternions.fromAxisAngle(axis[0], axis[1], axis[2], rnd.nextDouble() * Math.PI, centre, 0);
            mean.reset();
            for (int i = 0; i < 3; i++) {
                final double[] ax = unit(rnd);
                Quaternions.fromAxisAngle(ax[0], ax[1], ax[2], 1e-4, r, 0);
                Quaternions.multiply(centre, 0, r, 0, q, 0);
                mean.add(q, 0, rnd.nextDouble() + 0.1);
            }
            assertTrue(mean.mean(out, 0));
            assertTrue(Quaternions.angleBetween(centre, out) <= 1e-4, "trial " + trial);
        }
    }

    @Test
    void noWeightNoMean() {
        final QuaternionMean mean = new QuaternionMean();
        assertFalse(mean.mean(new double[4], 0));
        mean.add(new double[] {1, 0, 0, 0}, 0, 0.0);
        assertFalse(mean.mean(new double[4], 0));
    }

    private static double[] unit(final Random rnd) {
        final double x = rnd.nextGaussian();
        final double y = rnd.nextGaussian();
        final double z = rnd.nextGaussian();
        final double n = Math.sqrt(x * x + y * y + z * z);
        return new double[] {x / n, y / n, z / n};
    }
}
