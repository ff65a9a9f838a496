package dev.dexd.controller.daemon;

/**
 * The run's stream of perturbation seeds (SplitMix64 from the run's seed): a {@code randomise}
 * without a seed and a {@code lock-joint random} take the next value, so that a lockstep run with
 * the same seed and the same perturbations stays the same run. Control thread only; no allocation.
 */
final class PerturbationSeeds {
    private long state;

    PerturbationSeeds(long runSeed) {
        this.state = runSeed ^ 0x5DEECE66DL;
    }

    long next() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The next value as an index in [0, n). */
    int nextIndex(int n) {
        return (int) Long.remainderUnsigned(next(), n);
    }
}
