package dev.dexd.policy.manifest;

import java.nio.file.Path;
import java.util.List;

/**
 * The policy contract: how to feed a model and read its action. Loaded from the YAML manifest
 * beside each model by {@link ManifestLoader}; immutable once loaded.
 *
 * @param source the manifest file (for messages)
 * @param model the model file, resolved against the manifest's folder
 * @param periodMs the control period the policy was trained at
 * @param observationTensor the observation input's name, shape [1, N]
 * @param features the observation layout, in order
 * @param normalization per-element mean/std and clip, or null when the model takes raw values
 * @param state the recurrent state pairs (input fed from the previous step's output)
 * @param action how to read the action
 */
public record PolicyManifest(
    Path source,
    Path model,
    int periodMs,
    String observationTensor,
    List<FeatureSlot> features,
    Normalization normalization,
    List<StatePair> state,
    ActionSpec action) {

    /** The observation width N: the sum of the feature sizes. */
    public int observationSize() {
        int n = 0;
        for (FeatureSlot f : features) {
            n += f.feature().size();
        }
        return n;
    }

    /** A feature and where it starts in the observation vector. */
    public record FeatureSlot(Feature feature, int offset) {
    }

    /** Per-element (x - mean) / std, then clipped to [-clip, clip]. */
    public record Normalization(float[] mean, float[] std, float clip) {
    }

    /** One recurrent state tensor: fed as {@code input}, produced as {@code output}. */
    public record StatePair(String input, String output, long[] shape) {
        /** Number of elements in the state tensor. */
        public int elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return Math.toIntExact(n);
        }
    }

    /** How to turn the model's logits into actuator targets. */
    public enum Mapping {
        /** target = current position + value x half-range, clipped to the range. */
        RELATIVE,
        /** target = range centre + value x half-range. */
        ABSOLUTE
    }

    /**
     * @param tensor the logits output, shape [1, actuators, bins]
     * @param bins bins per actuator
     * @param binValues the action value of each bin, in [-1, 1]
     * @param mapping relative or absolute
     * @param actuators actuator names in the policy's order
     */
    public record ActionSpec(String tensor, int bins, double[] binValues, Mapping mapping, List<String> actuators) {
    }
}
