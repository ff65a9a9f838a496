package dev.dexd.drivers.sensors;

import dev.dexd.common.geometry.Quaternions;

/**
 * A seedable pseudo-random stream (SplitMix64) with Gaussian and rotation draws that never allocate.
 * Each simulated sensor owns one, seeded from the episode seed and its own stream number, so its
 * samples depend only on the seed and the truth it saw. StrictMath keeps the Gaussian draws
 * bit-identical across machines; rotations use Math.sin/cos (see {@link Quaternions}), repeatable
 * bit for bit on one machine and JVM.
 */
final class NoiseSource {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;
    private double spareGaussian;
    private boolean hasSpareGaussian;

    /** Restarts the stream; the same seed gives the same sequence of draws. */
    void reset(final long seed) {
        state = seed;
        hasSpareGaussian = false;
        spareGaussian = 0.0;
    }

    /**
     * A well-mixed seed for stream {@code stream} of episode {@code seed}, so the streams of different
     * sensors do not overlap in any useful sense.
     */
    static long streamSeed(final long seed, final int stream) {
        return mix64(seed + (stream + 1L) * GOLDEN_GAMMA);
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Standard normal, by Marsaglia's polar method; the second value of each pair is kept for the next call. */
    double nextGaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2.0 * nextDouble() - 1.0;
            v = 2.0 * nextDouble() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        final double scale = StrictMath.sqrt(-2.0 * StrictMath.log(s) / s);
        spareGaussian = v * scale;
        hasSpareGaussian = true;
        return u * scale;
    }

    /**
     * A random rotation whose angle is N(0, sd) about an axis uniform on the sphere, written as a unit
     * quaternion (w, x, y, z) into {@code out} from {@code offset}. Its RMS angle is {@code sdRadians}.
     */
    void nextRotation(final double sdRadians, final double[] out, final int offset) {
        final double angle = sdRadians * nextGaussian();
        // a uniform axis as three normalised Gaussians: no trigonometry on large arguments, whose
        // StrictMath argument reduction allocates on newer JDKs until the JIT removes it
        double x;
        double y;
        double z;
        double n;
        do {
            x = nextGaussian();
            y = nextGaussian();
            z = nextGaussian();
            n = StrictMath.sqrt(x * x + y * y + z * z);
        } while (n < 1e-12);
        Quaternions.fromAxisAngle(x / n, y / n, z / n, angle, out, offset);
    }

    static long mix64(final long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
