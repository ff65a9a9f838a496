package dev.dexd.drivers.sensors;

/**
 * Unit quaternion helpers over {@code double[]} slices in (w, x, y, z) order, allocation free.
 * Outputs follow the project's sign convention: normalised, with w >= 0.
 */
final class Quaternions {
    private Quaternions() {
    }

    /** {@code out = a * b} (apply b, then a). Safe when {@code out} is the same slice as a or b. */
    static void multiply(
        final double[] a, final int ao, final double[] b, final int bo, final double[] out, final int oo) {
        final double aw = a[ao];
        final double ax = a[ao + 1];
        final double ay = a[ao + 2];
        final double az = a[ao + 3];
        final double bw = b[bo];
        final double bx = b[bo + 1];
        final double by = b[bo + 2];
        final double bz = b[bo + 3];
        out[oo] = aw * bw - ax * bx - ay * by - az * bz;
        out[oo + 1] = aw * bx + ax * bw + ay * bz - az * by;
        out[oo + 2] = aw * by - ax * bz + ay * bw + az * bx;
        out[oo + 3] = aw * bz + ax * by - ay * bx + az * bw;
    }

    /** Rotation by {@code angle} radians about the unit axis (x, y, z). */
    static void fromAxisAngle(
        final double x, final double y, final double z, final double angle, final double[] out, final int oo) {
        final double half = 0.5 * angle;
        // Math, not StrictMath: on newer JDKs StrictMath.sin/cos are a Java port that allocates a
        // scratch array per call; HotSpot's Math.sin/cos use one stub in the interpreter and the
        // compiled code alike, so a run stays repeatable bit for bit on its machine
        final double s = Math.sin(half);
        out[oo] = Math.cos(half);
        out[oo + 1] = s * x;
        out[oo + 2] = s * y;
        out[oo + 3] = s * z;
    }

    /**
     * Scales the quaternion to unit norm and flips its sign so that w >= 0 (q and -q are the same
     * rotation). A zero quaternion becomes the identity; NaN stays NaN, so a broken truth stays
     * visible downstream instead of turning into a plausible pose.
     */
    static void normaliseCanonical(final double[] q, final int o) {
        final double n = StrictMath.sqrt(q[o] * q[o] + q[o + 1] * q[o + 1] + q[o + 2] * q[o + 2] + q[o + 3] * q[o + 3]);
        if (n == 0.0) {
            q[o] = 1.0;
            return;
        }
        final double inv = q[o] < 0.0 ? -1.0 / n : 1.0 / n;
        q[o] *= inv;
        q[o + 1] *= inv;
        q[o + 2] *= inv;
        q[o + 3] *= inv;
    }

    /** The angle in [0, pi] of the rotation taking unit quaternion a to unit quaternion b. */
    static double angleBetween(final double[] a, final int ao, final double[] b, final int bo) {
        final double aw = a[ao];
        final double ax = -a[ao + 1];
        final double ay = -a[ao + 2];
        final double az = -a[ao + 3];
        final double bw = b[bo];
        final double bx = b[bo + 1];
        final double by = b[bo + 2];
        final double bz = b[bo + 3];
        final double w = aw * bw - ax * bx - ay * by - az * bz;
        final double x = aw * bx + ax * bw + ay * bz - az * by;
        final double y = aw * by - ax * bz + ay * bw + az * bx;
        final double z = aw * bz + ax * by - ay * bx + az * bw;
        return 2.0 * StrictMath.atan2(StrictMath.sqrt(x * x + y * y + z * z), Math.abs(w));
    }
}
