package dev.dexd.policy.manifest;

import dev.dexd.common.config.ConfigError;
import dev.dexd.common.config.ConfigNode;
import dev.dexd.common.config.StrictYaml;
import dev.dexd.policy.PolicyException;
import dev.dexd.policy.manifest.PolicyManifest.ActionSpec;
import dev.dexd.policy.manifest.PolicyManifest.FeatureSlot;
import dev.dexd.policy.manifest.PolicyManifest.Mapping;
import dev.dexd.policy.manifest.PolicyManifest.Normalization;
import dev.dexd.policy.manifest.PolicyManifest.StatePair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates a policy manifest with the shared strict reader ({@code dexd-common}): duplicate
 * and unknown keys are refused at every level, and every problem is one line that names the manifest,
 * the line, the key path (e.g. {@code observation.features[2].size}) and what was expected.
 */
public final class ManifestLoader {
    private ManifestLoader() {
    }

    /** Loads the manifest at {@code path}; the model path inside it is resolved against its folder. */
    public static PolicyManifest load(Path path) {
        try {
            ConfigNode root = StrictYaml.read("manifest", path, "pass the .yaml written beside the model");
            PolicyManifest m = parse(path, root);
            root.rejectUnknownKeys();
            return m;
        } catch (ConfigError e) {
            throw new PolicyException(e.getMessage());
        }
    }

    private static PolicyManifest parse(Path source, ConfigNode root) {
        root.required("model");
        Path model = root.path("model", null);
        int periodMs = (int) root.integer("period_ms", 1, Integer.MAX_VALUE);

        ConfigNode obs = object(root, "observation");
        String obsTensor = obs.text("tensor");
        List<FeatureSlot> features = features(obs.required("features"));
        int n = 0;
        for (FeatureSlot f : features) {
            n += f.feature().size();
        }
        Normalization norm = obs.has("normalization") ? normalization(obs.section("normalization"), n) : null;

        List<StatePair> state = new ArrayList<>();
        for (ConfigNode s : root.optionalList("state")) {
            s.asMap("{input: NAME, output: NAME, shape: [..]}");
            state.add(new StatePair(s.text("input"), s.text("output"), shape(s.list("shape"), s.get("shape"))));
        }

        ConfigNode act = object(root, "action");
        String logits = act.text("tensor");
        int bins = (int) act.integer("bins", 1, Integer.MAX_VALUE);
        if (bins < 2) {
            throw act.error("bins", "expected at least 2 bins, got " + bins);
        }
        double[] binValues = act.has("bin_values") ? binValues(act.get("bin_values"), bins) : defaultBinValues(bins);
        Mapping mapping = act.choice("mapping", null, Mapping.class);
        List<String> actuators = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConfigNode a : act.list("actuators")) {
            String name = a.asText();
            if (!seen.add(name)) {
                throw a.error("actuator '" + name + "' is listed twice");
            }
            actuators.add(name);
        }
        if (actuators.isEmpty()) {
            throw act.error("actuators", "expected at least one actuator name");
        }
        return new PolicyManifest(source, model, periodMs, obsTensor, List.copyOf(features), norm, List.copyOf(state),
            new ActionSpec(logits, bins, binValues, mapping, List.copyOf(actuators)));
    }

    /** Bin k of {@code bins} means -1 + 2k/(bins-1): for 11 bins, -1 + 0.2 k as in OpenAI's policies. */
    static double[] defaultBinValues(int bins) {
        double[] v = new double[bins];
        for (int k = 0; k < bins; k++) {
            v[k] = -1.0 + 2.0 * k / (bins - 1);
        }
        return v;
    }

    private static List<FeatureSlot> features(ConfigNode listNode) {
        List<ConfigNode> list = listNode.asList();
        List<FeatureSlot> out = new ArrayList<>();
        Set<Feature> seen = new HashSet<>();
        int offset = 0;
        for (ConfigNode f : list) {
            f.asMap("{name: FEATURE, size: N}");
            String name = f.text("name");
            Feature feature = Feature.byKey(name);
            if (feature == null) {
                throw f.error("name", "unknown feature '" + name + "'; known: " + Feature.vocabulary());
            }
            if (!seen.add(feature)) {
                throw f.error("name", "feature '" + name + "' is listed twice");
            }
            int size = (int) f.integer("size", 1, Integer.MAX_VALUE);
            if (size != feature.size()) {
                throw f.error("size", "feature '" + name + "' has " + feature.size() + " values, not " + size);
            }
            out.add(new FeatureSlot(feature, offset));
            offset += size;
        }
        if (out.isEmpty()) {
            throw listNode.error("expected at least one feature");
        }
        return out;
    }

    private static Normalization normalization(ConfigNode node, int n) {
        float[] mean = floats(node.required("mean"), n);
        float[] std = floats(node.required("std"), n);
        for (int i = 0; i < n; i++) {
            if (!(std[i] > 0f)) {
                throw node.get("std").asList().get(i).error("expected a positive number, got " + std[i]);
            }
        }
        float clip = Float.POSITIVE_INFINITY;
        if (node.has("clip")) {
            ConfigNode c = node.get("clip");
            if (!(c.asFinite() > 0)) {
                throw c.error("expected a positive number, got " + c.asFinite());
            }
            clip = (float) c.asFinite();
        }
        return new Normalization(mean, std, clip);
    }

    private static float[] floats(ConfigNode list, int expected) {
        List<ConfigNode> items = list.asList();
        if (items.size() != expected) {
            throw list.error("expected " + expected + " numbers (the sum of the feature sizes), got " + items.size());
        }
        float[] out = new float[expected];
        for (int i = 0; i < expected; i++) {
            out[i] = (float) items.get(i).asFinite();
        }
        return out;
    }

    private static double[] binValues(ConfigNode node, int bins) {
        List<ConfigNode> items = node.asList();
        if (items.size() != bins) {
            throw node.error("expected a list of " + bins + " numbers (one per bin), got " + items.size());
        }
        double[] v = new double[bins];
        for (int i = 0; i < bins; i++) {
            v[i] = items.get(i).asNumber(-1, 1);
        }
        return v;
    }

    private static long[] shape(List<ConfigNode> list, ConfigNode at) {
        if (list.isEmpty()) {
            throw at.error("expected a list of positive dimensions, e.g. [1, 1, 256]");
        }
        long[] dims = new long[list.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = list.get(i).asInteger(1, Long.MAX_VALUE);
        }
        return dims;
    }

    private static ConfigNode object(ConfigNode parent, String key) {
        return parent.required(key).asMap("a mapping");
    }
}
