package dev.dexd.policy.model;

import java.util.SplittableRandom;

/**
 * A fully connected layer y = W x + b, with W stored [outputs][inputs] row-major: the layout of a
 * PyTorch Linear weight and of ONNX Gemm's B input with transB = 1.
 */
final class DenseLayer {
    final int inputs;
    final int outputs;
    final float[] weight;
    final float[] bias;

    private DenseLayer(int inputs, int outputs, float[] weight, float[] bias) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.weight = weight;
        this.bias = bias;
    }

    /** Weights drawn from U(-weightLimit, weightLimit), then biases from U(-biasLimit, biasLimit). */
    static DenseLayer uniform(int inputs, int outputs, double weightLimit, double biasLimit, SplittableRandom rng) {
        return new DenseLayer(inputs, outputs,
            Uniform.draw(inputs * outputs, weightLimit, rng), Uniform.draw(outputs, biasLimit, rng));
    }

    /** Glorot-uniform limit: keeps activations at unit scale whatever the layer's width. */
    static double glorotLimit(int fanIn, int fanOut) {
        return Math.sqrt(6.0 / (fanIn + fanOut));
    }

    /** y = W x + b, accumulated in double; {@code x} and {@code y} must not be the same array. */
    void apply(float[] x, float[] y) {
        for (int o = 0; o < outputs; o++) {
            double sum = 0;
            int row = o * inputs;
            for (int i = 0; i < inputs; i++) {
                sum += (double) weight[row + i] * x[i];
            }
            y[o] = (float) (sum + bias[o]);
        }
    }

    long parameterCount() {
        return (long) weight.length + bias.length;
    }

    /** Adds W as {@code weightName} [outputs, inputs] and b as {@code biasName} [outputs], for a Gemm with transB = 1. */
    void addInitializers(OnnxGraphBuilder graph, String weightName, String biasName) {
        graph.addInitializer(weightName, new long[] {outputs, inputs}, weight);
        graph.addInitializer(biasName, new long[] {outputs}, bias);
    }
}
