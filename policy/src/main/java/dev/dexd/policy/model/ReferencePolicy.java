package dev.dexd.policy.model;

import java.util.Arrays;

/**
 * A generated policy network computed in plain Java, to check ONNX Runtime's answers against:
 * an optional dense + ReLU input layer, one LSTM step with carried state, and a dense head to the
 * logits. Shares its weights with the generator that made the ONNX file. Steps allocate nothing.
 * Not thread-safe; one instance per caller.
 */
public final class ReferencePolicy {
    private final DenseLayer input;
    private final LstmCell lstm;
    private final DenseLayer head;
    private final float[] embedded;
    private final float[] h;
    private final float[] c;
    private final double[] gates;

    /** {@code input} may be null: observations then feed the LSTM directly. */
    ReferencePolicy(DenseLayer input, LstmCell lstm, DenseLayer head) {
        this.input = input;
        this.lstm = lstm;
        this.head = head;
        this.embedded = input == null ? null : new float[input.outputs];
        this.h = new float[lstm.hidden];
        this.c = new float[lstm.hidden];
        this.gates = new double[4 * lstm.hidden];
    }

    public int observationSize() {
        return input == null ? lstm.inputSize : input.inputs;
    }

    public int hiddenSize() {
        return lstm.hidden;
    }

    public int logitCount() {
        return head.outputs;
    }

    /** Zeroes the hidden and cell state, as at the start of an episode. */
    public void reset() {
        Arrays.fill(h, 0f);
        Arrays.fill(c, 0f);
    }

    /** Runs one control step: consumes {@code observation}, advances the state, writes all logits. */
    public void step(float[] observation, float[] logitsOut) {
        if (observation.length != observationSize() || logitsOut.length != head.outputs) {
            throw new IllegalArgumentException("expected " + observationSize() + " observations and "
                + head.outputs + " logits, got " + observation.length + " and " + logitsOut.length);
        }
        float[] x = observation;
        if (input != null) {
            input.apply(observation, embedded);
            for (int i = 0; i < embedded.length; i++) {
                embedded[i] = Math.max(0f, embedded[i]);
            }
            x = embedded;
        }
        lstm.step(x, h, c, gates);
        head.apply(h, logitsOut);
    }

    /** A copy of the hidden state h [hiddenSize]. */
    public float[] h() {
        return h.clone();
    }

    /** A copy of the cell state c [hiddenSize]. */
    public float[] c() {
        return c.clone();
    }
}
