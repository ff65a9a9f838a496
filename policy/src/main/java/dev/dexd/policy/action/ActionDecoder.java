package dev.dexd.policy.action;

import dev.dexd.policy.manifest.PolicyManifest.ActionSpec;
import dev.dexd.policy.manifest.PolicyManifest.Mapping;
import java.nio.FloatBuffer;

/**
 * Turns logits [actuators x bins] into actuator targets: arg-max bin per actuator, bin -> value in
 * [-1, 1], then {@code relative} (current position + value x half-range, clipped to the range) or
 * {@code absolute} (range centre + value x half-range), then optional exponential smoothing of the
 * targets. Works in the policy's actuator order. Allocates nothing.
 */
public final class ActionDecoder {
    private final int actuators;
    private final int bins;
    private final double[] binValues;
    private final boolean relative;
    private final double[] low;
    private final double[] high;
    private final double smoothing;
    private final double[] previous;
    private boolean hasPrevious;

    /**
     * @param spec the manifest's action section
     * @param ranges actuator ranges in the policy's order (see {@link ActuatorRanges#select})
     * @param smoothing EMA coefficient in [0, 1): target = s x previous target + (1 - s) x new; 0 is off
     */
    public ActionDecoder(ActionSpec spec, ActuatorRanges ranges, double smoothing) {
        if (ranges.size() != spec.actuators().size()) {
            throw new IllegalArgumentException("ranges for " + ranges.size() + " actuators, policy has "
                + spec.actuators().size());
        }
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("smoothing must be in [0, 1), got " + smoothing);
        }
        this.actuators = ranges.size();
        this.bins = spec.bins();
        this.binValues = spec.binValues().clone();
        this.relative = spec.mapping() == Mapping.RELATIVE;
        this.low = new double[actuators];
        this.high = new double[actuators];
        for (int i = 0; i < actuators; i++) {
            low[i] = ranges.low(i);
            high[i] = ranges.high(i);
        }
        this.smoothing = smoothing;
        this.previous = new double[actuators];
    }

    /** Forgets the smoothing history (at episode start). */
    public void reset() {
        hasPrevious = false;
    }

    /**
     * Decodes one action.
     *
     * @param logits the logits, actuator-major, read with absolute gets from index 0
     * @param current current actuator positions (policy order)
     * @param targets out: the targets
     * @param chosenBins out: the arg-max bin per actuator
     */
    public void decode(FloatBuffer logits, double[] current, double[] targets, int[] chosenBins) {
        for (int a = 0; a < actuators; a++) {
            int base = a * bins;
            int best = 0;
            float bestLogit = logits.get(base);
            for (int k = 1; k < bins; k++) {
                float l = logits.get(base + k);
                if (l > bestLogit) {
                    bestLogit = l;
                    best = k;
                }
            }
            chosenBins[a] = best;
            double half = 0.5 * (high[a] - low[a]);
            double centre = relative ? current[a] : 0.5 * (high[a] + low[a]);
            double t = centre + binValues[best] * half;
            t = t < low[a] ? low[a] : Math.min(t, high[a]);
            if (hasPrevious && smoothing > 0) {
                t = smoothing * previous[a] + (1 - smoothing) * t;
            }
            targets[a] = t;
            previous[a] = t;
        }
        hasPrevious = true;
    }

    /**
     * The hold action: the previous targets unchanged, or the current positions when there are none
     * yet. Used when the observation is not finite and the policy was not run.
     */
    public void hold(double[] current, double[] targets) {
        if (!hasPrevious) {
            for (int a = 0; a < actuators; a++) {
                double c = current[a];
                previous[a] = c < low[a] ? low[a] : Math.min(c, high[a]);
            }
            hasPrevious = true;
        }
        System.arraycopy(previous, 0, targets, 0, actuators);
    }
}
