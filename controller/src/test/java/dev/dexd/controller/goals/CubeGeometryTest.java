package dev.dexd.controller.goals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.common.geometry.Quaternions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CubeGeometryTest {
    /** Rotation by {@code angle} about the unit axis (x, y, z). */
    static double[] axisAngle(final double x, final double y, final double z, final double angle) {
        final double s = Math.sin(angle / 2);
        return new double[] {Math.cos(angle / 2), x * s, y * s, z * s};
    }

    static double[] randomQuat(final SplittableRandom r) {
        final double[] q = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
        CubeGeometry.normalize(q, q);
        return q;
    }

    @Test
    void topFaceFollowsTheOrientation() {
        assertEquals(Face.U, CubeGeometry.topFace(new double[] {1, 0, 0, 0}));
        // +90 deg about world x takes the cube's +y (B) to world +z
        assertEquals(Face.B, CubeGeometry.topFace(axisAngle(1, 0, 0, Math.PI / 2)));
        assertEquals(Face.F, CubeGeometry.topFace(axisAngle(1, 0, 0, -Math.PI / 2)));
        // +90 deg about world y takes the cube's -x (L) to world +z
        assertEquals(Face.L, CubeGeometry.topFace(axisAngle(0, 1, 0, Math.PI / 2)));
        assertEquals(Face.R, CubeGeometry.topFace(axisAngle(0, 1, 0, -Math.PI / 2)));
        assertEquals(Face.D, CubeGeometry.topFace(axisAngle(1, 0, 0, Math.PI)));
        // a yaw does not change the top, a 40 deg tilt neither
        assertEquals(Face.U, CubeGeometry.topFace(axisAngle(0, 0, 1, 2.0)));
        assertEquals(Face.U, CubeGeometry.topFace(axisAngle(0, 1, 0, Math.toRadians(40))));
        assertEquals(Face.L, CubeGeometry.topFace(axisAngle(0, 1, 0, Math.toRadians(50))));
    }

    @Test
    void bringUpPutsTheFaceExactlyUpByTheSmallestRotation() {
        final SplittableRandom r = new SplittableRandom(7);
        final double[] goal = new double[4];
        final double[] dir = new double[3];
        for (int n = 0; n < 2000; n++) {
            final double[] q = randomQuat(r);
            for (int f = 0; f < Face.COUNT; f++) {
                final Face face = Face.of(f);
                CubeGeometry.bringUp(q, face, goal);
                CubeGeometry.direction(goal, face, dir);
                assertEquals(0, dir[0], 1e-9);
                assertEquals(0, dir[1], 1e-9);
                assertEquals(1, dir[2], 1e-9);
                assertTrue(goal[0] >= 0);
                assertEquals(1, Math.sqrt(goal[0] * goal[0] + goal[1] * goal[1] + goal[2] * goal[2] + goal[3] * goal[3]),
                    1e-12);
                // smallest: the rotation angle equals the angle between the face's direction and up
                assertEquals(CubeGeometry.tilt(q, face), Quaternions.angleBetween(q, goal), 1e-9);
            }
        }
    }

    @Test
    void tiltIsAccurateNearZeroAndNearPi() {
        for (final double angle : new double[] {1e-12, 3e-9, 0.4, Math.PI - 3e-9, Math.PI}) {
            final double[] q = axisAngle(0.6, 0.8, 0, angle);
            assertEquals(angle, CubeGeometry.tilt(q, Face.U), angle * 1e-9, "angle " + angle);
        }
        // what acos gave: cos(3e-9) rounds to 1, so a 3e-9 rad tilt read as 0
        assertEquals(0.0, Math.acos(CubeGeometry.up(axisAngle(0.6, 0.8, 0, 3e-9), Face.U)), 0.0);
    }

    @Test
    void bringUpHandlesAFacePointingStraightDownAndKeepsAStraightCubeStraight() {
        final double[] goal = new double[4];
        final double[] dir = new double[3];
        final double[][] starts = {{1, 0, 0, 0}, axisAngle(0, 0, 1, Math.PI / 2), axisAngle(0, 0, 1, 0.3),
            axisAngle(1, 0, 0, Math.PI / 2), axisAngle(0, 1, 0, -Math.PI / 2)};
        for (final double[] q : starts) {
            final Face down = CubeGeometry.topFace(q).opposite();
            CubeGeometry.bringUp(q, down, goal);
            CubeGeometry.direction(goal, down, dir);
            assertEquals(1, dir[2], 1e-12, "face " + down);
            assertEquals(Math.PI, Quaternions.angleBetween(q, goal), 1e-6);
        }
        // from a straight, unyawed cube every flip ends straight: each face normal on a world axis
        for (int f = 0; f < Face.COUNT; f++) {
            CubeGeometry.bringUp(new double[] {1, 0, 0, 0}, Face.of(f), goal);
            for (int g = 0; g < Face.COUNT; g++) {
                CubeGeometry.direction(goal, Face.of(g), dir);
                final double largest = Math.max(Math.abs(dir[0]), Math.max(Math.abs(dir[1]), Math.abs(dir[2])));
                assertEquals(1, largest, 1e-12);
            }
        }
    }

    @Test
    void bringUpOfTheTopFaceOnlyRemovesTheTilt() {
        final double[] q = new double[4];
        // yaw 0.3 about z, then tilt 0.1 about x (world frame): bringing U up leaves the yaw
        final double[] yaw = axisAngle(0, 0, 1, 0.3);
        final double[] tilt = axisAngle(1, 0, 0, 0.1);
        multiply(tilt, yaw, q);
        final double[] goal = new double[4];
        CubeGeometry.bringUp(q, Face.U, goal);
        assertEquals(0, Quaternions.angleBetween(goal, yaw), 1e-9);
    }

    @Test
    void straightenAndIsStraight() {
        assertEquals(0, CubeGeometry.straighten(0.7), 0);
        assertEquals(Math.PI / 2, CubeGeometry.straighten(0.8), 1e-15);
        assertEquals(-Math.PI / 2, CubeGeometry.straighten(-1.6), 1e-15);
        assertEquals(-Math.PI, CubeGeometry.straighten(3.1), 1e-15);
        assertEquals(-Math.PI, CubeGeometry.straighten(-3.1), 1e-15);
        assertEquals(0, CubeGeometry.straighten(2 * Math.PI + 0.05), 1e-15);
        assertTrue(CubeGeometry.isStraight(new double[] {0.05, Math.PI / 2, -3.1, 0, -0.09, 2 * Math.PI}, 0.1));
        assertFalse(CubeGeometry.isStraight(new double[] {0.05, Math.PI / 2 + 0.2, 0, 0, 0, 0}, 0.1));
        assertFalse(CubeGeometry.isStraight(new double[] {Double.NaN, 0, 0, 0, 0, 0}, 0.1));
    }

    @Test
    void normalizeRefusesNonFiniteAndZero() {
        final double[] out = {9, 9, 9, 9};
        assertFalse(CubeGeometry.normalize(new double[] {Double.NaN, 0, 0, 0}, out));
        assertFalse(CubeGeometry.normalize(new double[] {0, 0, 0, 0}, out));
        assertFalse(CubeGeometry.normalize(new double[] {Double.POSITIVE_INFINITY, 0, 0, 0}, out));
        assertEquals(9, out[0]);
        assertTrue(CubeGeometry.normalize(new double[] {2, 0, 0, 0}, out));
        assertEquals(1, out[0]);
    }

    @Test
    void faceOppositesAndLetters() {
        assertEquals(Face.D, Face.U.opposite());
        assertEquals(Face.L, Face.R.opposite());
        assertEquals(Face.B, Face.F.opposite());
        assertEquals(Face.U, Face.D.opposite());
        for (int f = 0; f < Face.COUNT; f++) {
            final Face face = Face.of(f);
            assertEquals(face, Face.ofLetter(face.letter()));
            assertEquals(0, face.x() + face.opposite().x() + face.y() + face.opposite().y() + face.z() + face.opposite().z());
        }
    }

    static void multiply(final double[] a, final double[] b, final double[] out) {
        out[0] = a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3];
        out[1] = a[0] * b[1] + a[1] * b[0] + a[2] * b[3] - a[3] * b[2];
        out[2] = a[0] * b[2] - a[1] * b[3] + a[2] * b[0] + a[3] * b[1];
        out[3] = a[0] * b[3] + a[1] * b[2] - a[2] * b[1] + a[3] * b[0];
    }
}
