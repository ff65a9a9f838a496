package dev.dexd.controller.replay;

import dev.dexd.controller.daemon.Daemon;
import dev.dexd.controller.daemon.SimRig;
import dev.dexd.policy.manifest.ManifestLoader;
import dev.dexd.policy.model.DemoPolicy;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test (runs only with {@code -Ddexd.bench.diff=true}; prints, asserts nothing about
 * time): the diff's per-actuator statistics over a one-hour log at 12.5 Hz (45,000 steps of 20 x 11
 * logits) in plain loops, and a whole {@code replay diff} of a lockstep log of that length. Figures
 * in docs/PERFORMANCE.md.
 */
@EnabledIfSystemProperty(named = "dexd.bench.diff", matches = "true")
class DiffStatisticsBench {
    private static final int STEPS = 45_000;
    private static final int ACTUATORS = 20;
    private static final int BINS = 11;

    @Test
    void statisticsOverAnHourOfSteps() {
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
        }
        long best = Long.MAX_VALUE;
        double sink = 0;
        for (int round = 0; round < 7; round++) {
            long t0 = System.nanoTime();
            DiffStatistics d = new DiffStatistics(ACTUATORS, BINS);
            for (int s = 0; s < STEPS; s++) {
                d.add(s, logged[s], bins[s], fresh[s]);
            }
            sink += d.agreement() + d.meanAbsLogitDifference(3);
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf(Locale.ROOT, "diff statistics, plain loops: %,d steps x %d x %d logits: best of 7 %.2f ms"
            + " (%.0f ns per step) [%s]%n", STEPS, ACTUATORS, BINS, best / 1e6, (double) best / STEPS, sink);
    }

    @Test
    void aWholeDiffOfAnHourLongLockstepLog(@TempDir Path dir) throws Exception {
        SimRig rig = new SimRig(dir);
        long t0 = System.nanoTime();
        Daemon d = SimRig.runLockstep(rig.config("bench", null, "clock: lockstep\nperiod_ms: 80", null, null, null),
            STEPS * 0.08, 3L);
        long run = System.nanoTime() - t0;
        Path other = DemoPolicy.generate(32, 4).write(dir.resolve("other"));
        long t1 = System.nanoTime();
        ReplayDiff.Result r = ReplayDiff.diff(d.logDirectory(), ManifestLoader.load(other), n -> { });
        long diff = System.nanoTime() - t1;
        System.out.printf(Locale.ROOT, "lockstep run of %,d steps: %.1f s; replay diff over it (%,d policy steps): %.2f s"
            + " (agreement %.3f)%n", r.steps(), run / 1e9, r.policySteps(), diff / 1e9, r.statistics().agreement());
    }
}
