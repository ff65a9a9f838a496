package dev.dexd.policy.model;

import java.util.SplittableRandom;

/**
 * One forward step of an ONNX LSTM (one direction, no peepholes, default activations: f = sigmoid,
 * g = h = tanh), with the weights in the operator's layout: W [4H][input] and R [4H][H] with gate
 * blocks in the order i, o, f, c, and B [8H] = [Wb, Rb]. Holds weights only; state and scratch
 * belong to the caller, so one cell can serve several policies.
 */
final class LstmCell {
    final int inputSize;
    final int hidden;
    final float[] w;
    final float[] r;
    final float[] b;

    private LstmCell(int inputSize, int hidden, float[] w, float[] r, float[] b) {
        this.inputSize = inputSize;
        this.hidden = hidden;
        this.w = w;
        this.r = r;
        this.b = b;
    }

    /**
     * W, R and B drawn in that order from U(-limit, limit) with their own limits; then
     * {@code forgetBias} is added to Wb's forget block (a common trick so the cell remembers).
     */
    static LstmCell uniform(int inputSize, int hidden, double wLimit, double rLimit, double biasLimit,
                            float forgetBias, SplittableRandom rng) {
        float[] w = Uniform.draw(4 * hidden * inputSize, wLimit, rng);
        float[] r = Uniform.draw(4 * hidden * hidden, rLimit, rng);
        float[] b = Uniform.draw(8 * hidden, biasLimit, rng);
        for (int j = 0; j < hidden; j++) {
            b[2 * hidden + j] += forgetBias;
        }
        return new LstmCell(inputSize, hidden, w, r, b);
    }

    /**
     * Advances the state by one input: reads {@code x} [inputSize], updates {@code h} and {@code c}
     * [hidden] in place. {@code gates} is scratch of at least 4 * hidden.
     */
    void step(float[] x, float[] h, float[] c, double[] gates) {
        int rows = 4 * hidden;
        for (int k = 0; k < rows; k++) {
            double sum = (double) b[k] + b[rows + k];
            int wRow = k * inputSize;
            for (int i = 0; i < inputSize; i++) {
                sum += (double) w[wRow + i] * x[i];
            }
            int rRow = k * hidden;
            for (int j = 0; j < hidden; j++) {
                sum += (double) r[rRow + j] * h[j];
            }
            gates[k] = sum;
        }
        for (int j = 0; j < hidden; j++) {
            double input = sigmoid(gates[j]);
            double output = sigmoid(gates[hidden + j]);
            double forget = sigmoid(gates[2 * hidden + j]);
            double cell = Math.tanh(gates[3 * hidden + j]);
            c[j] = (float) (forget * c[j] + input * cell);
            h[j] = (float) (output * Math.tanh(c[j]));
        }
    }

    long parameterCount() {
        return (long) w.length + r.length + b.length;
    }

    /** Adds W [1, 4H, input], R [1, 4H, H] and B [1, 8H] (one direction) under the given names. */
    void addInitializers(OnnxGraphBuilder graph, String wName, String rName, String bName) {
        graph.addInitializer(wName, new long[] {1, 4L * hidden, inputSize}, w);
        graph.addInitializer(rName, new long[] {1, 4L * hidden, hidden}, r);
        graph.addInitializer(bName, new long[] {1, 8L * hidden}, b);
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}
