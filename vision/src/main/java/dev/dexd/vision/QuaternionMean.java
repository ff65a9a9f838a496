package dev.dexd.vision;

import dev.dexd.common.geometry.Quaternions;

/**
 * The weighted mean of unit quaternions by Markley's method (Markley, Cheng, Crassidis, Oshman,
 * "Averaging Quaternions", 2007): the eigenvector of {@code M = sum w q q^T} with the largest
 * eigenvalue. {@code q q^T} is the same for q and -q, so the sign each camera happens to send does
 * not matter (a plain weighted sum of q and -q would cancel). The 4x4 symmetric eigenproblem is
 * solved by cyclic Jacobi rotations in place: no allocation, a fixed small amount of work.
 * One instance per thread.
 */
public final class QuaternionMean {
    private static final int MAX_SWEEPS = 30;
    private final double[] m = new double[16];
    private final double[] v = new double[16];
    private double weight;

    public void reset() {
        java.util.Arrays.fill(m, 0.0);
        weight = 0.0;
    }

    /** Adds the unit quaternion at {@code q[o..o+4)} with weight {@code w >= 0}. */
    public void add(final double[] q, final int o, final double w) {
        for (int r = 0; r < 4; r++) {
            final double wr = w * q[o + r];
            for (int c = 0; c < 4; c++) {
                m[4 * r + c] += wr * q[o + c];
            }
        }
        weight += w;
    }

    /**
     * Writes the mean (unit, w >= 0) at {@code out[o..o+4)}; false, and nothing written, when no
     * weight was added.
     */
    public boolean mean(final double[] out, final int o) {
        if (!(weight > 0.0)) {
            return false;
        }
        jacobi();
        int best = 0;
        for (int i = 1; i < 4; i++) {
            if (m[5 * i] > m[5 * best]) {
                best = i;
            }
        }
        for (int r = 0; r < 4; r++) {
            out[o + r] = v[4 * r + best];
        }
        Quaternions.normaliseCanonical(out, o);
        return true;
    }

    /** Diagonalises m in place (eigenvalues on its diagonal), eigenvectors into the columns of v. */
    private void jacobi() {
        java.util.Arrays.fill(v, 0.0);
        v[0] = v[5] = v[10] = v[15] = 1.0;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0.0;
            double diag = 0.0;
            for (int p = 0; p < 4; p++) {
                diag += m[5 * p] * m[5 * p];
                for (int q = p + 1; q < 4; q++) {
                    off += m[4 * p + q] * m[4 * p + q];
                }
            }
            if (off <= 1e-30 * diag) {
                return;
            }
            for (int p = 0; p < 3; p++) {
                for (int q = p + 1; q < 4; q++) {
                    rotate(p, q);
                }
            }
        }
    }

    /** One Jacobi rotation zeroing m[p][q] (numerically stable form, Numerical Recipes section 11.1). */
    private void rotate(final int p, final int q) {
        final double apq = m[4 * p + q];
        if (apq == 0.0) {
            return;
        }
        final double theta = (m[5 * q] - m[5 * p]) / (2.0 * apq);
        final double t = Math.signum(theta == 0.0 ? 1.0 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1.0));
        final double c = 1.0 / Math.sqrt(t * t + 1.0);
        final double s = t * c;
        for (int k = 0; k < 4; k++) {
            final double mkp = m[4 * k + p];
            final double mkq = m[4 * k + q];
            m[4 * k + p] = c * mkp - s * mkq;
            m[4 * k + q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < 4; k++) {
            final double mpk = m[4 * p + k];
            final double mqk = m[4 * q + k];
            m[4 * p + k] = c * mpk - s * mqk;
            m[4 * q + k] = s * mpk + c * mqk;
        }
        for (int k = 0; k < 4; k++) {
            final double vkp = v[4 * k + p];
            final double vkq = v[4 * k + q];
            v[4 * k + p] = c * vkp - s * vkq;
            v[4 * k + q] = s * vkp + c * vkq;
        }
    }
}
