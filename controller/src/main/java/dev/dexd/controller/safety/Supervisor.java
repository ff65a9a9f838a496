package dev.dexd.controller.safety;

import dev.dexd.policy.action.ActuatorRanges;

/**
 * The last word before targets reach the hand, on the control thread: clips the policy's targets to
 * each actuator's range and to a maximum change per step, and owns the e-stop latch that only an
 * explicit reset clears. Works in the policy's actuator order. Allocation free, lock free.
 *
 * <p>Every intervention is reported as flag bits so the step record shows the action before and
 * after; the caller logs both arrays.
 */
public final class Supervisor {
    /** Some target was outside its actuator's range and was clipped. */
    public static final int CLIPPED_RANGE = 1;
    /** Some target moved more than the maximum change per step and was limited. */
    public static final int CLIPPED_RATE = 1 << 1;

    private final double[] low;
    private final double[] high;
    private final double maxStep;
    private final double[] lastCommanded;
    private boolean estop;
    private long latches;
    private long clips;

    /**
     * @param ranges actuator ranges, policy order
     * @param maxStep the largest change of any target from one step to the next, radians
     */
    public Supervisor(ActuatorRanges ranges, double maxStep) {
        if (!(maxStep > 0)) {
            throw new IllegalArgumentException("maxStep must be positive, got " + maxStep);
        }
        int n = ranges.size();
        this.low = new double[n];
        this.high = new double[n];
        for (int i = 0; i < n; i++) {
            low[i] = ranges.low(i);
            high[i] = ranges.high(i);
        }
        this.maxStep = maxStep;
        this.lastCommanded = new double[n];
    }

    /** Takes the measured positions as the last command: the next targets are limited from there. */
    public void anchor(double[] positions) {
        for (int i = 0; i < lastCommanded.length; i++) {
            double p = positions[i];
            lastCommanded[i] = Double.isFinite(p) ? clamp(p, low[i], high[i]) : 0.5 * (low[i] + high[i]);
        }
    }

    /**
     * Checks proposed targets and writes what may be commanded.
     *
     * @return {@link #CLIPPED_RANGE} and/or {@link #CLIPPED_RATE} bits, 0 when nothing changed
     */
    public int check(double[] proposed, double[] commanded) {
        int flags = 0;
        for (int i = 0; i < lastCommanded.length; i++) {
            double t = proposed[i];
            if (!Double.isFinite(t)) {
                t = lastCommanded[i];
                flags |= CLIPPED_RANGE;
            } else if (t < low[i] || t > high[i]) {
                t = clamp(t, low[i], high[i]);
                flags |= CLIPPED_RANGE;
            }
            double prev = lastCommanded[i];
            if (t > prev + maxStep || t < prev - maxStep) {
                t = clamp(t, prev - maxStep, prev + maxStep);
                flags |= CLIPPED_RATE;
            }
            commanded[i] = t;
            lastCommanded[i] = t;
        }
        if (flags != 0) {
            clips++;
        }
        return flags;
    }

    /** The hold action: the last commanded targets, unchanged. */
    public void hold(double[] commanded) {
        System.arraycopy(lastCommanded, 0, commanded, 0, lastCommanded.length);
    }

    /** Latches the e-stop. */
    public void estop() {
        if (!estop) {
            latches++;
        }
        estop = true;
    }

    /** Times the e-stop was latched (a latch while latched is not another). */
    public long latches() {
        return latches;
    }

    /** Clears the e-stop latch; the next command is limited from {@code positions}. */
    public void resetEstop(double[] positions) {
        estop = false;
        anchor(positions);
    }

    public boolean isEstopped() {
        return estop;
    }

    /** Steps on which something was clipped. */
    public long clips() {
        return clips;
    }

    private static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : Math.min(v, hi);
    }
}
