package dev.dexd.policy.model;

/**
 * Writes the policy manifest (YAML) for a generated model, in the layout the policy loader reads.
 * Floats are written with {@link Float#toString(float)} so they parse back to the same float.
 */
final class ManifestYaml {
    private final StringBuilder yaml = new StringBuilder(2048);

    ManifestYaml(String comment, String modelFile, String observationTensor) {
        yaml.append("# ").append(comment).append('\n');
        yaml.append("model: ").append(modelFile).append('\n');
        yaml.append("period_ms: ").append(DemoContract.PERIOD_MS).append('\n');
        yaml.append("observation:\n");
        yaml.append("  tensor: ").append(observationTensor).append('\n');
        yaml.append("  features:\n");
        for (int i = 0; i < DemoContract.FEATURE_NAMES.length; i++) {
            yaml.append("    - {name: ").append(DemoContract.FEATURE_NAMES[i])
                .append(", size: ").append(DemoContract.FEATURE_SIZES[i]).append("}\n");
        }
    }

    /** The observation's normalization block; call at most once, before {@link #state}. */
    ManifestYaml normalization(float[] mean, float[] std, float clip) {
        yaml.append("  normalization: {mean: ");
        floats(mean);
        yaml.append(", std: ");
        floats(std);
        yaml.append(", clip: ").append(Float.toString(clip)).append("}\n");
        return this;
    }

    /** The two recurrent state pairs, each of shape [1, 1, hidden]. */
    ManifestYaml state(String hIn, String hOut, String cIn, String cOut, int hidden) {
        yaml.append("state:\n");
        statePair(hIn, hOut, hidden);
        statePair(cIn, cOut, hidden);
        return this;
    }

    /** The action block; ends the manifest. */
    String action(String logitsTensor, String mapping) {
        yaml.append("action:\n");
        yaml.append("  tensor: ").append(logitsTensor).append('\n');
        yaml.append("  bins: ").append(DemoContract.BINS).append('\n');
        yaml.append("  mapping: ").append(mapping).append('\n');
        yaml.append("  actuators: [").append(String.join(", ", DemoContract.ACTUATORS)).append("]\n");
        return yaml.toString();
    }

    private void statePair(String input, String output, int hidden) {
        yaml.append("  - {input: ").append(input).append(", output: ").append(output)
            .append(", shape: [1, 1, ").append(hidden).append("]}\n");
    }

    private void floats(float[] values) {
        yaml.append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                yaml.append(", ");
            }
            yaml.append(Float.toString(values[i]));
        }
        yaml.append(']');
    }
}
