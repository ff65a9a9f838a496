package dev.dexd.policy.model;

import java.util.SplittableRandom;

/** Draws weight arrays from a uniform distribution, in index order, so a seed fixes every weight. */
final class Uniform {
    private Uniform() {
    }

    static float[] draw(int count, double limit, SplittableRandom rng) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = limit == 0 ? 0f : (float) rng.nextDouble(-limit, limit);
        }
        return values;
    }
}
