package dev.dexd.policy.action;

import dev.dexd.policy.PolicyException;
import java.util.ArrayList;
import java.util.List;

/**
 * Actuator names and position ranges in one order. At run time they come from the hand driver; the
 * Shadow hand's table is built in for offline tools. A coupled distal actuator's position is J1+J0
 * and its range 0..pi, as in OpenAI's code.
 */
public final class ActuatorRanges {
    private final String[] names;
    private final double[] low;
    private final double[] high;

    public ActuatorRanges(String[] names, double[] low, double[] high) {
        if (names.length != low.length || names.length != high.length) {
            throw new IllegalArgumentException("names, low and high differ in length");
        }
        for (int i = 0; i < names.length; i++) {
            if (!(low[i] < high[i])) {
                throw new IllegalArgumentException("actuator " + names[i] + ": empty range " + low[i] + ".." + high[i]);
            }
        }
        this.names = names.clone();
        this.low = low.clone();
        this.high = high.clone();
    }

    /** The Shadow Dexterous Hand's 20 actuators in the usual policy order. */
    public static ActuatorRanges shadowHand() {
        final double pi = Math.PI;
        return new ActuatorRanges(
            new String[] {"A_WRJ1", "A_WRJ0", "A_FFJ3", "A_FFJ2", "A_FFJ1", "A_MFJ3", "A_MFJ2", "A_MFJ1",
                "A_RFJ3", "A_RFJ2", "A_RFJ1", "A_LFJ4", "A_LFJ3", "A_LFJ2", "A_LFJ1", "A_THJ4", "A_THJ3",
                "A_THJ2", "A_THJ1", "A_THJ0"},
            new double[] {-0.489, -0.698, -0.349, 0, 0, -0.349, 0, 0, -0.349, 0, 0, 0, -0.349, 0, 0, -1.047, 0,
                -0.209, -0.524, -1.571},
            new double[] {0.14, 0.489, 0.349, 1.571, pi, 0.349, 1.571, pi, 0.349, 1.571, pi, 0.785, 0.349, 1.571,
                pi, 1.047, 1.222, 0.209, 0.524, 0});
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    public double low(int i) {
        return low[i];
    }

    public double high(int i) {
        return high[i];
    }

    /** The index of actuator {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** These ranges reordered to {@code order} (the policy's actuator order); unknown names are an error. */
    public ActuatorRanges select(List<String> order) {
        String[] n = new String[order.size()];
        double[] lo = new double[n.length];
        double[] hi = new double[n.length];
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < n.length; i++) {
            int j = indexOf(order.get(i));
            if (j < 0) {
                unknown.add(order.get(i));
                continue;
            }
            n[i] = names[j];
            lo[i] = low[j];
            hi[i] = high[j];
        }
        if (!unknown.isEmpty()) {
            throw new PolicyException("the policy's actuators " + unknown + " are not on this hand (it has "
                + String.join(", ", names) + "): fix action.actuators in the manifest");
        }
        return new ActuatorRanges(n, lo, hi);
    }
}
