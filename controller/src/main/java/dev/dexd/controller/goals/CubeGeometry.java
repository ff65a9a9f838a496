package dev.dexd.controller.goals;

import dev.dexd.policy.observation.Angles;

/**
 * Where the cube's faces point and the goal poses made from them. Quaternions are {@code w x y z}
 * arrays that rotate cube-frame vectors into the world frame (z up); faces and their angles are as
 * in {@link Face}. Every method works in place on caller-owned arrays and allocates nothing, so the
 * control thread can call them each step.
 */
public final class CubeGeometry {
    private static final double HALF_PI = Math.PI / 2;

    private CubeGeometry() {
    }

    /** World z of the outward normal of {@code face} for the unit quaternion {@code q}, in [-1, 1]. */
    public static double up(final double[] q, final Face face) {
        final double w = q[0], x = q[1], y = q[2], z = q[3];
        // third row of the rotation matrix, dotted with the face's cube-frame normal
        final double zx = 2 * (x * z - w * y);
        final double zy = 2 * (y * z + w * x);
        final double zz = 1 - 2 * (x * x + y * y);
        return zx * face.x() + zy * face.y() + zz * face.z();
    }

    /**
     * The angle in [0, pi] between the outward normal of {@code face} and world up, for the unit
     * quaternion {@code q}: {@code atan2(horizontal, vertical)}, accurate near 0 and pi where
     * {@code acos(up(q, face))} loses half its digits (the same form as {@code Quaternions.angleBetween}).
     */
    public static double tilt(final double[] q, final Face face) {
        final double w = q[0], x = q[1], y = q[2], z = q[3];
        final double vx = (1 - 2 * (y * y + z * z)) * face.x() + 2 * (x * y - w * z) * face.y()
            + 2 * (x * z + w * y) * face.z();
        final double vy = 2 * (x * y + w * z) * face.x() + (1 - 2 * (x * x + z * z)) * face.y()
            + 2 * (y * z - w * x) * face.z();
        return Math.atan2(Math.sqrt(vx * vx + vy * vy), up(q, face));
    }

    /** The cube face that points most nearly up (world +z) for the unit quaternion {@code q}. */
    public static Face topFace(final double[] q) {
        Face best = Face.U;
        double bestUp = up(q, Face.U);
        for (int i = 1; i < Face.COUNT; i++) {
            final Face f = Face.of(i);
            final double u = up(q, f);
            if (u > bestUp) {
                bestUp = u;
                best = f;
            }
        }
        return best;
    }

    /** Writes the world direction of the outward normal of {@code face} into {@code out[0..3)}. */
    public static void direction(final double[] q, final Face face, final double[] out) {
        axis(q, face.x(), face.y(), face.z(), out);
    }

    /**
     * Writes into {@code out} the orientation that brings {@code face} exactly up by the smallest
     * rotation from {@code q}: {@code r * q}, where {@code r} is the shortest world-frame rotation
     * taking the face's current direction to +z. When the face points straight down every
     * horizontal axis is equally short; the half turn is then taken about the world direction of
     * the next cube axis (x for z, y for x, z for y), which keeps a straight cube straight. The
     * result is unit length with {@code w >= 0}.
     */
    public static void bringUp(final double[] q, final Face face, final double[] out) {
        final double w = q[0], x = q[1], y = q[2], z = q[3];
        final double zx = 2 * (x * z - w * y);
        final double zy = 2 * (y * z + w * x);
        final double zz = 1 - 2 * (x * x + y * y);
        final double vz = zx * face.x() + zy * face.y() + zz * face.z();
        // world x and y of the face normal: first two rows of the rotation matrix
        final double vx = (1 - 2 * (y * y + z * z)) * face.x() + 2 * (x * y - w * z) * face.y()
            + 2 * (x * z + w * y) * face.z();
        final double vy = 2 * (x * y + w * z) * face.x() + (1 - 2 * (x * x + z * z)) * face.y()
            + 2 * (y * z - w * x) * face.z();
        final double horizontal = vx * vx + vy * vy;
        double rw, rx, ry;
        if (vz >= 0 || horizontal > 1e-30) {
            // shortest arc: (1 + v.z, v x z); 1 + vz computed without cancellation when v is near -z
            rw = vz >= 0 ? 1 + vz : horizontal / (1 - vz);
            rx = vy;
            ry = -vx;
        } else {
            // straight down: half turn about the next cube axis, which is horizontal here
            final double ax = face.z(), ay = face.x(), az = face.y();
            final double hx = (1 - 2 * (y * y + z * z)) * Math.abs(ax) + 2 * (x * y - w * z) * Math.abs(ay)
                + 2 * (x * z + w * y) * Math.abs(az);
            final double hy = 2 * (x * y + w * z) * Math.abs(ax) + (1 - 2 * (x * x + z * z)) * Math.abs(ay)
                + 2 * (y * z - w * x) * Math.abs(az);
            rw = 0;
            rx = hx;
            ry = hy;
        }
        final double rn = Math.sqrt(rw * rw + rx * rx + ry * ry);
        rw /= rn;
        rx /= rn;
        ry /= rn;
        // out = r * q with r = (rw, rx, ry, 0)
        final double ow = rw * w - rx * x - ry * y;
        final double ox = rw * x + rx * w + ry * z;
        final double oy = rw * y - rx * z + ry * w;
        final double oz = rw * z + rx * y - ry * x;
        final double on = Math.sqrt(ow * ow + ox * ox + oy * oy + oz * oz);
        final double s = (ow < 0 ? -1.0 : 1.0) / on;
        out[0] = ow * s;
        out[1] = ox * s;
        out[2] = oy * s;
        out[3] = oz * s;
    }

    /**
     * Writes {@code q} scaled to unit length into {@code out}; returns false (and leaves {@code out}
     * alone) when {@code q} is not finite or has no length.
     */
    public static boolean normalize(final double[] q, final double[] out) {
        final double n = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        if (!(n > 1e-9) || Double.isInfinite(n)) {
            return false;
        }
        out[0] = q[0] / n;
        out[1] = q[1] / n;
        out[2] = q[2] / n;
        out[3] = q[3] / n;
        return true;
    }

    /** The angle {@code a} moved to the nearest multiple of pi/2 and wrapped to [-pi, pi). */
    public static double straighten(final double a) {
        return Angles.wrap(Math.rint(a / HALF_PI) * HALF_PI);
    }

    /** Writes every face angle of {@code angles} straightened (see {@link #straighten}) into {@code out}. */
    public static void straighten(final double[] angles, final double[] out) {
        for (int i = 0; i < Face.COUNT; i++) {
            out[i] = straighten(angles[i]);
        }
    }

    /** True when every face angle is within {@code tolerance} radians of a multiple of pi/2. */
    public static boolean isStraight(final double[] angles, final double tolerance) {
        for (int i = 0; i < Face.COUNT; i++) {
            if (!(Math.abs(Angles.wrap(angles[i] - straighten(angles[i]))) <= tolerance)) {
                return false;
            }
        }
        return true;
    }

    private static void axis(final double[] q, final int ax, final int ay, final int az, final double[] out) {
        final double w = q[0], x = q[1], y = q[2], z = q[3];
        out[0] = (1 - 2 * (y * y + z * z)) * ax + 2 * (x * y - w * z) * ay + 2 * (x * z + w * y) * az;
        out[1] = 2 * (x * y + w * z) * ax + (1 - 2 * (x * x + z * z)) * ay + 2 * (y * z - w * x) * az;
        out[2] = 2 * (x * z - w * y) * ax + 2 * (y * z + w * x) * ay + (1 - 2 * (x * x + y * y)) * az;
    }
}
