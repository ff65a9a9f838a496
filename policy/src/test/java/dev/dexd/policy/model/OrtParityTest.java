package dev.dexd.policy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ONNX Runtime and the plain-Java reference agree on every logit of every step, state carried. */
class OrtParityTest {
    private static final int STEPS = 1000;
    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @ValueSource(ints = {64, 256})
    void demoPolicyMatchesReference(int hidden) throws OrtException {
        DemoPolicy policy = DemoPolicy.generate(hidden, 42);
        try (OrtHarness ort = new OrtHarness(policy.modelBytes(), "obs", "h_in", "c_in", "logits", "h_out", "c_out",
            hidden)) {
            runAndCompare(ort, policy.reference(), 7);
        }
    }

    @Test
    void demoPolicyWithNarrowInputLayerMatchesReference() throws OrtException {
        DemoPolicy policy = DemoPolicy.generate(96, 32, 5);
        try (OrtHarness ort = new OrtHarness(policy.modelBytes(), "obs", "h_in", "c_in", "logits", "h_out", "c_out",
            96)) {
            runAndCompare(ort, policy.reference(), 8);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 256})
    void torchStylePolicyMatchesReference(int hidden) throws OrtException {
        TorchStylePolicy policy = TorchStylePolicy.generate(hidden, 42);
        try (OrtHarness ort = new OrtHarness(policy.modelBytes(), "input", "h0", "c0", "output", "hn", "cn", hidden)) {
            runAndCompare(ort, policy.reference(), 9);
        }
    }

    private static void runAndCompare(OrtHarness ort, ReferencePolicy reference, long obsSeed) throws OrtException {
        SplittableRandom rng = new SplittableRandom(obsSeed);
        float[] obs = new float[DemoContract.OBSERVATION_SIZE];
        float[] expected = new float[DemoContract.LOGITS];
        float[] actual = new float[DemoContract.LOGITS];
        double worst = 0;
        for (int step = 0; step < STEPS; step++) {
            for (int i = 0; i < obs.length; i++) {
                obs[i] = (float) Math.max(-5, Math.min(5, rng.nextGaussian()));
            }
            reference.step(obs, expected);
            ort.step(obs, actual);
            double diff = maxAbsDiff(expected, actual);
            worst = Math.max(worst, diff);
            if (diff > TOLERANCE) {
                throw new AssertionError("step " + step + ": max |logit diff| " + diff + " > " + TOLERANCE);
            }
            assertTrue(maxAbsDiff(reference.h(), ort.h()) <= TOLERANCE, "h diverged at step " + step);
            assertTrue(maxAbsDiff(reference.c(), ort.c()) <= TOLERANCE, "c diverged at step " + step);
        }
        System.out.println("worst |logit diff| over " + STEPS + " steps: " + worst);
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            if (!(d <= max)) {
                max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
            }
        }
        return max;
    }
}
