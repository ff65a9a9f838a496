package dev.dexd.controller.replay;

/**
 * Per-actuator agreement between two policies' logits, accumulated one step at a time in plain
 * loops (measured against ND4J in docs/PERFORMANCE.md, module bench/nd4j: the work is memory-bound,
 * and one streaming pass beats whole-array operations that each write an intermediate, before ND4J's
 * second of start-up). Bins are compared as logged for the old policy
 * and as the arg-max of the new policy's logits (first maximum on ties, as the decoder chooses).
 */
public final class DiffStatistics {
    private final int actuators;
    private final int bins;
    private final long[] agreeing;
    private final double[] absLogitSum;
    private final long[] firstDifference;
    private long steps;
    private long stepsAllAgreeing;

    public DiffStatistics(int actuators, int bins) {
        this.actuators = actuators;
        this.bins = bins;
        this.agreeing = new long[actuators];
        this.absLogitSum = new double[actuators];
        this.firstDifference = new long[actuators];
        java.util.Arrays.fill(firstDifference, -1);
    }

    /**
     * @param step the logged step number
     * @param loggedLogits the logged policy's logits, actuator-major ({@code actuators x bins})
     * @param loggedBins the logged policy's chosen bins
     * @param newLogits the new policy's logits for the same observation, same layout
     */
    public void add(long step, float[] loggedLogits, int[] loggedBins, float[] newLogits) {
        boolean all = true;
        for (int a = 0; a < actuators; a++) {
            int base = a * bins;
            int best = 0;
            float bestLogit = newLogits[base];
            double sum = Math.abs((double) newLogits[base] - loggedLogits[base]);
            for (int k = 1; k < bins; k++) {
                float l = newLogits[base + k];
                if (l > bestLogit) {
                    bestLogit = l;
                    best = k;
                }
                sum += Math.abs((double) l - loggedLogits[base + k]);
            }
            absLogitSum[a] += sum / bins;
            if (best == loggedBins[a]) {
                agreeing[a]++;
            } else {
                all = false;
                if (firstDifference[a] < 0) {
                    firstDifference[a] = step;
                }
            }
        }
        if (all) {
            stepsAllAgreeing++;
        }
        steps++;
    }

    public long steps() {
        return steps;
    }

    public int actuators() {
        return actuators;
    }

    /** Fraction of steps on which the actuator's bin is the same (1 when there were no steps). */
    public double agreement(int a) {
        return steps == 0 ? 1.0 : (double) agreeing[a] / steps;
    }

    /** Mean over steps and bins of |new logit - logged logit|. */
    public double meanAbsLogitDifference(int a) {
        return steps == 0 ? 0.0 : absLogitSum[a] / steps;
    }

    /** The first step on which the actuator's bin differs, or -1. */
    public long firstDifference(int a) {
        return firstDifference[a];
    }

    /** Fraction of all (step, actuator) pairs whose bins are the same. */
    public double agreement() {
        if (steps == 0) {
            return 1.0;
        }
        long sum = 0;
        for (long n : agreeing) {
            sum += n;
        }
        return (double) sum / ((double) steps * actuators);
    }

    /** Fraction of steps on which every actuator's bin is the same. */
    public double stepsAgreeing() {
        return steps == 0 ? 1.0 : (double) stepsAllAgreeing / steps;
    }

    /** The first step on which any bin differs, or -1. */
    public long firstDifference() {
        long first = -1;
        for (long f : firstDifference) {
            if (f >= 0 && (first < 0 || f < first)) {
                first = f;
            }
        }
        return first;
    }
}
