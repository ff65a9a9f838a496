package dev.dexd.policy.observation;

/** Angle arithmetic shared by the observation features. */
public final class Angles {
    private static final double TWO_PI = 2 * Math.PI;

    private Angles() {
    }

    /** {@code a} wrapped to [-pi, pi). */
    public static double wrap(double a) {
        return a - TWO_PI * Math.floor((a + Math.PI) / TWO_PI);
    }
}
