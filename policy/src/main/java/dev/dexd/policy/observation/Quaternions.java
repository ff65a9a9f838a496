package dev.dexd.policy.observation;

/** Quaternion arithmetic on w x y z arrays, without allocation. */
public final class Quaternions {
    private Quaternions() {
    }

    /**
     * Writes goal * conjugate(current), normalised and with w >= 0, at {@code out[o..o+4)}: the
     * rotation that takes the current orientation to the goal, expressed in the world frame.
     */
    public static void relative(double[] goal, double[] current, double[] out, int o) {
        double aw = goal[0], ax = goal[1], ay = goal[2], az = goal[3];
        double bw = current[0], bx = -current[1], by = -current[2], bz = -current[3];
        double w = aw * bw - ax * bx - ay * by - az * bz;
        double x = aw * bx + ax * bw + ay * bz - az * by;
        double y = aw * by - ax * bz + ay * bw + az * bx;
        double z = aw * bz + ax * by - ay * bx + az * bw;
        double n = Math.sqrt(w * w + x * x + y * y + z * z);
        double s = (w < 0 ? -1.0 : 1.0) / n;
        out[o] = w * s;
        out[o + 1] = x * s;
        out[o + 2] = y * s;
        out[o + 3] = z * s;
    }

    /** The rotation angle between two orientations, radians in [0, pi]. */
    public static double angleBetween(double[] a, double[] b) {
        double dot = Math.abs(a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3]);
        double na = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2] + a[3] * a[3]);
        double nb = Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2] + b[3] * b[3]);
        return 2 * Math.acos(Math.min(1.0, dot / (na * nb)));
    }
}
