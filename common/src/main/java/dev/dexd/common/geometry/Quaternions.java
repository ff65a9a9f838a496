package dev.dexd.common.geometry;

/**
 * The one quaternion implementation of dexd: unit quaternions as {@code double[]} slices in
 * (w, x, y, z) order, allocation free, so the control and sensors threads can call it every step.
 * Outputs follow the project's sign convention: normalised, with w >= 0 (q and -q are the same rotation).
 */
public final class Quaternions {
    private Quaternions() {
    }

    /** {@code out = a * b} (apply b, then a). Safe when {@code out} is the same slice as a or b. */
    public static void multiply(
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

    /**
     * {@code out = R(q) v}: the vector at {@code v[vo..vo+3)} rotated by the unit quaternion at
     * {@code q[qo..qo+4)} (a camera's extrinsics taking a camera-frame point into the world). Uses
     * {@code v + 2w (u x v) + 2 u x (u x v)} with u the vector part. Safe when out is v.
     */
    public static void rotate(
        final double[] q, final int qo, final double[] v, final int vo, final double[] out, final int oo) {
        final double w = q[qo];
        final double ux = q[qo + 1];
        final double uy = q[qo + 2];
        final double uz = q[qo + 3];
        final double vx = v[vo];
        final double vy = v[vo + 1];
        final double vz = v[vo + 2];
        final double tx = 2.0 * (uy * vz - uz * vy);
        final double ty = 2.0 * (uz * vx - ux * vz);
        final double tz = 2.0 * (ux * vy - uy * vx);
        out[oo] = vx + w * tx + (uy * tz - uz * ty);
        out[oo + 1] = vy + w * ty + (uz * tx - ux * tz);
        out[oo + 2] = vz + w * tz + (ux * ty - uy * tx);
    }

    /** Rotation by {@code angle} radians about the unit axis (x, y, z). */
    public static void fromAxisAngle(
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
     * Scales the quaternion to unit norm and flips its sign so that w >= 0. A zero quaternion
     * becomes the identity; NaN stays NaN, so a broken truth stays visible downstream instead of
     * turning into a plausible pose.
     */
    public static void normaliseCanonical(final double[] q, final int o) {
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

    /**
     * Writes {@code goal * conjugate(current)}, normalised with w >= 0, at {@code out[o..o+4)}: the
     * rotation that takes the current orientation to the goal, in the world frame (the policy's
     * relative goal observation).
     */
    public static void relative(final double[] goal, final double[] current, final double[] out, final int o) {
        final double aw = goal[0];
        final double ax = goal[1];
        final double ay = goal[2];
        final double az = goal[3];
        final double bw = current[0];
        final double bx = -current[1];
        final double by = -current[2];
        final double bz = -current[3];
        out[o] = aw * bw - ax * bx - ay * by - az * bz;
        out[o + 1] = aw * bx + ax * bw + ay * bz - az * by;
        out[o + 2] = aw * by - ax * bz + ay * bw + az * bx;
        out[o + 3] = aw * bz + ax * by - ay * bx + az * bw;
        normaliseCanonical(out, o);
    }

    /**
     * The angle in [0, pi] of the rotation taking a to b: {@code 2 atan2(|v|, |w|)} of
     * {@code conjugate(a) * b}. Unlike {@code 2 acos(|a.b|)}, which loses half the digits near 0 (an
     * error of 1e-8 rad reads as 0 or 2e-8) and near pi, it is accurate over the whole range, and it
     * does not need unit inputs (both arguments of atan2 scale alike).
     */
    public static double angleBetween(final double[] a, final int ao, final double[] b, final int bo) {
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

    /** {@link #angleBetween(double[], int, double[], int)} of two quaternions at offset 0. */
    public static double angleBetween(final double[] a, final double[] b) {
        return angleBetween(a, 0, b, 0);
    }
}
