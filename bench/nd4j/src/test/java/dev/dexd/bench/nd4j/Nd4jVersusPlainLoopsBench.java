package dev.dexd.bench.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.replay.DiffStatistics;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Benchmark (runs only with {@code -Ddexd.bench.nd4j=true}): ND4J against the product's plain loops
 * on the same work, and a check that both give the same answers, so the comparison is honest.
 * <ul>
 *   <li>{@code replay diff}'s per-actuator statistics over 45,000 steps x 20 actuators x 11 bins
 *       (the data of controller's DiffStatisticsBench: same seed);</li>
 *   <li>{@code replay stats}' percentiles (p50, p99, p99.9, max) of a 45,000-element timing column,
 *       which the product computes with an HdrHistogram (3 significant digits).</li>
 * </ul>
 * ND4J's initialisation (first use in the JVM: class loading, native libraries) is timed apart. One
 * test method, so that the initialisation really is the JVM's first ND4J use. Figures go in
 * docs/PERFORMANCE.md; nothing here is asserted about time.
 */
@EnabledIfSystemProperty(named = "dexd.bench.nd4j", matches = "true")
class Nd4jVersusPlainLoopsBench {
    private static final int STEPS = 45_000;
    private static final int ACTUATORS = 20;
    private static final int BINS = 11;
    private static final int ROUNDS = 7;
    private static final double[] PERCENTILES = {50, 99, 99.9, 100};

    @Test
    void nd4jAgainstPlainLoops() {
        long i0 = System.nanoTime();
        INDArray warm = Nd4j.create(DataType.FLOAT, 1, 1);
        long init = System.nanoTime() - i0;
        System.out.printf(Locale.ROOT, "ND4J initialisation (first Nd4j.create in the JVM, backend %s): %.0f ms%n",
            Nd4j.getBackend().getClass().getSimpleName(), init / 1e6);
        assertEquals(1, warm.length());

        diffStatistics();
        timingPercentiles();
    }

    private static void diffStatistics() {
        SplittableRandom random = new SplittableRandom(1);
        float[][] logged = new float[STEPS][ACTUATORS * BINS];
        float[][] fresh = new float[STEPS][ACTUATORS * BINS];
        int[][] bins = new int[STEPS][ACTUATORS];
        for (int s = 0; s < STEPS; s++) {
            for (int i = 0; i < ACTUATORS * BINS; i++) {
                logged[s][i] = (float) random.nextGaussian();
                fresh[s][i] = logged[s][i] + (float) (0.1 * random.nextGaussian());
            }
            for (int a = 0; a < ACTUATORS; a++) {
                bins[s][a] = random.nextInt(BINS);
            }
            // a few steps agree on every actuator and some actuators agree for a long stretch, so
            // "first differing step" is not always step 0 and "steps all agreeing" is not 0
            for (int a = 0; a < ACTUATORS; a++) {
                if (s % 1000 == 7 || (a >= 10 && s < 400 * (a - 9))) {
                    bins[s][a] = argMax(fresh[s], a * BINS);
                }
            }
        }

        DiffStatistics plain = best("diff statistics, plain loops (product DiffStatistics)", () -> {
            DiffStatistics d = new DiffStatistics(ACTUATORS, BINS);
            for (int s = 0; s < STEPS; s++) {
                d.add(s, logged[s], bins[s], fresh[s]);
            }
            return d;
        });

        // ND4J works on whole arrays: the rows must first be copied into [steps, actuators, bins] arrays
        Nd4jInput in = best("diff statistics, ND4J copy-in (rows -> [45000,20,11] x2 + [45000,20])",
            () -> Nd4jInput.of(logged, fresh, bins));
        Nd4jDiff nd = best("diff statistics, ND4J compute (argMax, eq, sub/abs/mean, first difference)",
            () -> Nd4jDiff.of(in, DataType.DOUBLE));
        // the same in float: less copying, but the sums lose precision (shown, not required)
        Nd4jDiff ndFloat = best("diff statistics, ND4J compute with float |logit difference| sums",
            () -> Nd4jDiff.of(in, DataType.FLOAT));

        for (int a = 0; a < ACTUATORS; a++) {
            assertEquals(plain.agreement(a), (double) nd.agreeing[a] / STEPS, 0.0, "agreement of actuator " + a);
            assertEquals(plain.firstDifference(a), nd.firstDifference[a], "first difference of actuator " + a);
            assertEquals(plain.meanAbsLogitDifference(a), nd.meanAbs[a], 1e-6, "mean |logit difference| of " + a);
        }
        assertEquals(plain.stepsAgreeing(), (double) nd.stepsAllAgreeing / STEPS, 0.0, "steps all agreeing");
        double worstDouble = 0;
        double worstFloat = 0;
        for (int a = 0; a < ACTUATORS; a++) {
            worstDouble = Math.max(worstDouble, Math.abs(plain.meanAbsLogitDifference(a) - nd.meanAbs[a]));
            worstFloat = Math.max(worstFloat, Math.abs(plain.meanAbsLogitDifference(a) - ndFloat.meanAbs[a]));
        }
        System.out.printf(Locale.ROOT, "largest |plain - ND4J| of a mean |logit difference|: %.3g (double sums),"
            + " %.3g (float sums)%n", worstDouble, worstFloat);
        System.out.printf(Locale.ROOT, "diff statistics identical: agreement %.6f, steps all agreeing %.6f, first"
                + " difference %d, actuator 0 mean |d logit| %.9f (plain) %.9f (ND4J), first differences %s%n",
            plain.agreement(), plain.stepsAgreeing(), plain.firstDifference(), plain.meanAbsLogitDifference(0),
            nd.meanAbs[0], Arrays.toString(nd.firstDifference));
    }

    private static void timingPercentiles() {
        // a lateness-like column in ns: mostly tens of microseconds, a long tail
        SplittableRandom random = new SplittableRandom(2);
        long[] column = new long[STEPS];
        for (int s = 0; s < STEPS; s++) {
            double us = 20 + 5 * Math.abs(random.nextGaussian()) + (random.nextInt(100) == 0 ? random.nextInt(2000) : 0);
            column[s] = (long) (us * 1000);
        }
        long[] hdr = best("replay stats percentiles, product HdrHistogram(3)", () -> {
            Histogram h = new Histogram(3);
            for (long v : column) {
                h.recordValue(v);
            }
            return new long[] {h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
                h.getMaxValue()};
        });
        long[] nd = best("replay stats percentiles, ND4J (createFromArray, sort, pick ranks)", () -> {
            INDArray sorted = Nd4j.sort(Nd4j.createFromArray(column), 0, true);
            long[] out = new long[PERCENTILES.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = sorted.getLong(rank(PERCENTILES[i], STEPS));
            }
            return out;
        });
        long[] exact = column.clone();
        Arrays.sort(exact);
        Histogram equivalence = new Histogram(3);
        for (int i = 0; i < PERCENTILES.length; i++) {
            long e = exact[rank(PERCENTILES[i], STEPS)];
            assertEquals(e, nd[i], "ND4J p" + PERCENTILES[i]);
            // HdrHistogram reports the top of the value's 3-significant-digit bucket: equal within it
            assertTrue(equivalence.valuesAreEquivalent(e, hdr[i]), "HdrHistogram p" + PERCENTILES[i] + " " + hdr[i]
                + " vs exact " + e);
        }
        System.out.printf(Locale.ROOT, "percentiles (ns) p50/p99/p99.9/max: HdrHistogram %s, ND4J %s (equal within"
            + " HdrHistogram's 3 significant digits)%n", Arrays.toString(hdr), Arrays.toString(nd));
    }

    /**
     * The 0-based index of the value at percentile {@code p} counted as HdrHistogram 2.2 counts it
     * (nearest rank, the percentile nudged down by one ulp so that 99.9 % of 45,000 is rank 44,955).
     */
    private static int rank(double p, int n) {
        double nudged = Math.min(Math.max(Math.nextAfter(p, Double.NEGATIVE_INFINITY), 0.0), 100.0);
        return Math.max(0, Math.min(n - 1, (int) Math.ceil(nudged / 100.0 * n) - 1));
    }

    private static int argMax(float[] logits, int base) {
        int best = 0;
        for (int k = 1; k < BINS; k++) {
            if (logits[base + k] > logits[base + best]) {
                best = k;
            }
        }
        return best;
    }

    private static <T> T best(String what, Supplier<T> work) {
        long best = Long.MAX_VALUE;
        long worst = 0;
        T result = null;
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            result = work.get();
            long t = System.nanoTime() - t0;
            best = Math.min(best, t);
            worst = Math.max(worst, t);
        }
        System.out.printf(Locale.ROOT, "%s: best of %d %.2f ms (worst %.2f ms)%n", what, ROUNDS, best / 1e6,
            worst / 1e6);
        return result;
    }

    /** The diff's inputs as ND4J arrays. */
    private record Nd4jInput(INDArray logged, INDArray fresh, INDArray bins) {
        static Nd4jInput of(float[][] logged, float[][] fresh, int[][] bins) {
            return new Nd4jInput(flat(logged), flat(fresh), Nd4j.createFromArray(bins).castTo(DataType.INT64));
        }

        private static INDArray flat(float[][] rows) {
            float[] all = new float[STEPS * ACTUATORS * BINS];
            for (int s = 0; s < STEPS; s++) {
                System.arraycopy(rows[s], 0, all, s * ACTUATORS * BINS, ACTUATORS * BINS);
            }
            return Nd4j.create(all, new long[] {STEPS, ACTUATORS, BINS}, 'c');
        }
    }

    /** The same statistics as DiffStatistics, computed as whole-array ND4J operations. */
    private static final class Nd4jDiff {
        final long[] agreeing;
        final long stepsAllAgreeing;
        final double[] meanAbs;
        final long[] firstDifference;

        private Nd4jDiff(long[] agreeing, long stepsAllAgreeing, double[] meanAbs, long[] firstDifference) {
            this.agreeing = agreeing;
            this.stepsAllAgreeing = stepsAllAgreeing;
            this.meanAbs = meanAbs;
            this.firstDifference = firstDifference;
        }

        static Nd4jDiff of(Nd4jInput in, DataType sums) {
            INDArray chosen = Nd4j.argMax(in.fresh(), 2);                       // [steps, actuators], first maximum
            INDArray agree = chosen.eq(in.bins()).castTo(DataType.INT32);       // 1 where the bins agree
            long[] agreeing = agree.sum(0).castTo(DataType.INT64).toLongVector();
            long allAgreeing = agree.min(1).sumNumber().longValue();
            // DiffStatistics sums |(double) new - logged| in double; FLOAT is the cheaper, less exact variant
            INDArray diff = sums == DataType.FLOAT
                ? Transforms.abs(in.fresh().sub(in.logged()), false)
                : Transforms.abs(in.fresh().castTo(sums).subi(in.logged().castTo(sums)), false);
            double[] meanAbs = diff.mean(0, 2).castTo(DataType.DOUBLE).toDoubleVector();
            INDArray differ = agree.rsub(1);                                    // 1 where the bins differ
            long[] first = Nd4j.argMax(differ, 0).castTo(DataType.INT64).toLongVector();
            long[] any = differ.max(0).castTo(DataType.INT64).toLongVector();
            for (int a = 0; a < first.length; a++) {
                if (any[a] == 0) {
                    first[a] = -1;
                }
            }
            return new Nd4jDiff(agreeing, allAgreeing, meanAbs, first);
        }
    }
}
