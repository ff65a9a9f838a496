package dev.dexd.common.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuaternionsTest {
    private static final double EPS = 1e-12;

    @Test
    void quarterTurnsComposeInTheRightOrder() {
        final double[] x90 = new double[4];
        final double[] z90 = new double[4];
        Quaternions.fromAxisAngle(1, 0, 0, Math.PI / 2, x90, 0);
        Quaternions.fromAxisAngle(0, 0, 1, Math.PI / 2, z90, 0);
        final double[] out = new double[4];
        Quaternions.multiply(z90, 0, x90, 0, out, 0); // x first, then z
        // Rotating (0,1,0) by x90 gives (0,0,1); z90 leaves it. Rotating (1,0,0): x90 keeps it, z90 -> (0,1,0).
        assertArrayEquals(new double[] {0, 0, 1}, rotate(out, 0, 1, 0), EPS);
        assertArrayEquals(new double[] {0, 1, 0}, rotate(out, 1, 0, 0), EPS);
    }

    @Test
    void multiplyAllowsAliasing() {
        final double[] a = new double[4];
        final double[] b = new double[4];
        Quaternions.fromAxisAngle(0.6, 0.8, 0, 0.3, a, 0);
        Quaternions.fromAxisAngle(0, 0.6, 0.8, -1.1, b, 0);
        final double[] expected = new double[4];
        Quaternions.multiply(a, 0, b, 0, expected, 0);
        final double[] bAlias = b.clone();
        Quaternions.multiply(a, 0, bAlias, 0, bAlias, 0);
        assertArrayEquals(expected, bAlias, 0.0);
    }

    @Test
    void normaliseMakesUnitWithNonNegativeW() {
        final double[] q = {-2, 0.2, -0.4, 1.0};
        Quaternions.normaliseCanonical(q, 0);
        assertEquals(1.0, q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3], EPS);
        assertTrue(q[0] >= 0);
        final double n = Math.sqrt(4 + 0.04 + 0.16 + 1.0);
        assertArrayEquals(new double[] {2 / n, -0.2 / n, 0.4 / n, -1 / n}, q, EPS);
    }

    @Test
    void normaliseMakesZeroTheIdentityAndKeepsNaNVisible() {
        final double[] zero = {0, 0, 0, 0};
        final double[] nan = {Double.NaN, 0, 0, 1};
        Quaternions.normaliseCanonical(zero, 0);
        Quaternions.normaliseCanonical(nan, 0);
        assertArrayEquals(new double[] {1, 0, 0, 0}, zero, 0.0);
        for (final double v : nan) {
            assertTrue(Double.isNaN(v));
        }
    }

    @Test
    void angleBetweenIsTheRelativeRotationAngleAndSignBlind() {
        final double[] a = new double[4];
        final double[] b = new double[4];
        final double[] r = new double[4];
        Quaternions.fromAxisAngle(0, 0.6, 0.8, 1.0, a, 0);
        Quaternions.fromAxisAngle(1, 0, 0, 0.25, r, 0);
        Quaternions.multiply(r, 0, a, 0, b, 0);
        assertEquals(0.25, Quaternions.angleBetween(a, 0, b, 0), EPS);
        for (int i = 0; i < 4; i++) {
            b[i] = -b[i];
        }
        assertEquals(0.25, Quaternions.angleBetween(a, 0, b, 0), EPS);
        Quaternions.fromAxisAngle(1, 0, 0, 1e-7, r, 0);
        assertEquals(1e-7, Quaternions.angleBetween(new double[] {1, 0, 0, 0}, 0, r, 0), 1e-15);
    }

    @Test
    void angleBetweenIsAccurateNearZeroAndNearPi() {
        final double[] id = {1, 0, 0, 0};
        final double[] q = new double[4];
        for (final double angle : new double[] {1e-12, 3e-9, 1e-6, Math.PI - 1e-6, Math.PI - 3e-9, Math.PI}) {
            Quaternions.fromAxisAngle(0, 0.6, 0.8, angle, q, 0);
            assertEquals(angle, Quaternions.angleBetween(id, q), angle * 1e-9, "angle " + angle);
            assertEquals(angle, Quaternions.angleBetween(q, id), angle * 1e-9, "angle " + angle);
        }
        // the acos form this replaces: cos(1.5e-9) rounds to 1, so a 3e-9 rad difference read as 0
        Quaternions.fromAxisAngle(0, 0.6, 0.8, 3e-9, q, 0);
        assertEquals(0.0, 2 * Math.acos(Math.min(1.0, Math.abs(q[0]))), 0.0);
        assertEquals(3e-9, Quaternions.angleBetween(id, q), 1e-20);
    }

    @Test
    void angleBetweenNeedsNoUnitInputs() {
        final double[] a = new double[4];
        Quaternions.fromAxisAngle(1, 0, 0, 0.7, a, 0);
        final double[] scaled = {3 * a[0], 3 * a[1], 3 * a[2], 3 * a[3]};
        assertEquals(0.7, Quaternions.angleBetween(new double[] {2, 0, 0, 0}, scaled), EPS);
    }

    @Test
    void relativeIsTheRotationFromCurrentToGoalInTheWorldFrame() {
        final double[] current = new double[4];
        final double[] r = new double[4];
        final double[] goal = new double[4];
        Quaternions.fromAxisAngle(0, 0.6, 0.8, 2.0, current, 0);
        Quaternions.fromAxisAngle(0, 0, -1, 0.4, r, 0);
        Quaternions.multiply(r, 0, current, 0, goal, 0);
        final double[] out = new double[6];
        Quaternions.relative(goal, current, out, 2);
        Quaternions.normaliseCanonical(r, 0);
        assertArrayEquals(r, new double[] {out[2], out[3], out[4], out[5]}, EPS);
        assertTrue(out[2] >= 0);
    }

    @Test
    void rotateMatchesTheSandwichProductAndAllowsAliasing() {
        final double[] q = new double[4];
        Quaternions.fromAxisAngle(0.48, 0.6, 0.64, 2.3, q, 0);
        final double[] v = {0.3, -1.2, 0.7};
        final double[] out = new double[3];
        Quaternions.rotate(q, 0, v, 0, out, 0);
        assertArrayEquals(rotate(q, 0.3, -1.2, 0.7), out, EPS);
        Quaternions.rotate(q, 0, v, 0, v, 0);
        assertArrayEquals(out, v, 0.0);
    }

    private static double[] rotate(final double[] q, final double x, final double y, final double z) {
        final double[] v = {0, x, y, z};
        final double[] conj = {q[0], -q[1], -q[2], -q[3]};
        final double[] tmp = new double[4];
        Quaternions.multiply(q, 0, v, 0, tmp, 0);
        Quaternions.multiply(tmp, 0, conj, 0, tmp, 0);
        return new double[] {tmp[1], tmp[2], tmp[3]};
    }
}
