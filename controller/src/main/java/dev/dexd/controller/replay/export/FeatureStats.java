package dev.dexd.controller.replay.export;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Running min, max, mean, standard deviation (population) and count of one feature, per element,
 * as LeRobot's {@code stats.json} and episode statistics carry them.
 */
final class FeatureStats {
    private final double[] min;
    private final double[] max;
    private final double[] sum;
    private final double[] sumSquares;
    private long count;

    FeatureStats(int size) {
        min = new double[size];
        max = new double[size];
        sum = new double[size];
        sumSquares = new double[size];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    void add(float[] v) {
        for (int i = 0; i < min.length; i++) {
            add(i, v[i]);
        }
        count++;
    }

    void add(double v) {
        add(0, v);
        count++;
    }

    private void add(int i, double x) {
        min[i] = Math.min(min[i], x);
        max[i] = Math.max(max[i], x);
        sum[i] += x;
        sumSquares[i] += x * x;
    }

    /** Adds another accumulator's frames (an episode's into the dataset's). */
    void merge(FeatureStats o) {
        for (int i = 0; i < min.length; i++) {
            min[i] = Math.min(min[i], o.min[i]);
            max[i] = Math.max(max[i], o.max[i]);
            sum[i] += o.sum[i];
            sumSquares[i] += o.sumSquares[i];
        }
        count += o.count;
    }

    long count() {
        return count;
    }

    double[] min() {
        return min.clone();
    }

    double[] max() {
        return max.clone();
    }

    double[] mean() {
        double[] m = new double[sum.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = count == 0 ? 0 : sum[i] / count;
        }
        return m;
    }

    double[] std() {
        double[] s = new double[sum.length];
        double[] m = mean();
        for (int i = 0; i < s.length; i++) {
            s[i] = count == 0 ? 0 : Math.sqrt(Math.max(0, sumSquares[i] / count - m[i] * m[i]));
        }
        return s;
    }

    /** {@code {min, max, mean, std, count}} for JSON. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", min());
        m.put("max", max());
        m.put("mean", mean());
        m.put("std", std());
        m.put("count", new long[] {count});
        return m;
    }
}
