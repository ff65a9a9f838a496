package dev.dexd.policy.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReferencePolicyTest {

    @Test
    void resetRestartsTheSameTrajectory() {
        ReferencePolicy reference = DemoPolicy.generate(32, 3).reference();
        float[] obs = new float[DemoContract.OBSERVATION_SIZE];
        Arrays.fill(obs, 0.5f);
        float[] first = new float[DemoContract.LOGITS];
        float[] second = new float[DemoContract.LOGITS];
        reference.step(obs, first);
        reference.step(obs, second);
        assertFalse(Arrays.equals(first, second), "state must carry over between steps");
        reference.reset();
        reference.step(obs, second);
        assertArrayEquals(first, second);
    }

    @Test
    void oneLstmStepFollowsTheOnnxEquations() {
        // One unit, one input: gates in ONNX order i, o, f, c; B = [Wb, Rb].
        SplittableRandom rng = new SplittableRandom(1);
        LstmCell cell = LstmCell.uniform(1, 1, 1.0, 1.0, 1.0, 0f, rng);
        float x = 0.7f;
        float h0 = 0.2f;
        float c0 = -0.3f;
        double[] gate = new double[4];
        for (int k = 0; k < 4; k++) {
            gate[k] = cell.w[k] * x + cell.r[k] * h0 + cell.b[k] + cell.b[4 + k];
        }
        double i = sigmoid(gate[0]);
        double o = sigmoid(gate[1]);
        double f = sigmoid(gate[2]);
        double g = Math.tanh(gate[3]);
        double c1 = f * c0 + i * g;
        double h1 = o * Math.tanh(c1);

        float[] h = {h0};
        float[] c = {c0};
        cell.step(new float[] {x}, h, c, new double[4]);
        assertEquals(c1, c[0], 1e-6);
        assertEquals(h1, h[0], 1e-6);
    }

    @Test
    void accessorsReturnCopiesOfTheState() {
        ReferencePolicy reference = DemoPolicy.generate(8, 1).reference();
        reference.step(new float[54], new float[220]);
        float[] h = reference.h();
        assertTrue(h.length == 8 && reference.c().length == 8);
        h[0] = 42f;
        assertTrue(reference.h()[0] != 42f);
        assertEquals(54, reference.observationSize());
        assertEquals(8, reference.hiddenSize());
        assertEquals(220, reference.logitCount());
    }

    @Test
    void rejectsWrongSizes() {
        ReferencePolicy reference = DemoPolicy.generate(8, 1).reference();
        assertThrows(IllegalArgumentException.class, () -> reference.step(new float[53], new float[220]));
        assertThrows(IllegalArgumentException.class, () -> reference.step(new float[54], new float[219]));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
