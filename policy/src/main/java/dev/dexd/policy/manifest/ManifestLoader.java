package dev.dexd.policy.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dexd.policy.PolicyException;
import dev.dexd.policy.manifest.PolicyManifest.ActionSpec;
import dev.dexd.policy.manifest.PolicyManifest.FeatureSlot;
import dev.dexd.policy.manifest.PolicyManifest.Mapping;
import dev.dexd.policy.manifest.PolicyManifest.Normalization;
import dev.dexd.policy.manifest.PolicyManifest.StatePair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and validates a policy manifest. Every problem is reported as one line that names the
 * manifest, the key path (e.g. {@code observation.features[2].size}) and what was expected.
 */
public final class ManifestLoader {
    private static final Set<String> TOP_KEYS = Set.of("model", "period_ms", "observation", "state", "action");

    private final Path source;

    private ManifestLoader(Path source) {
        this.source = source;
    }

    /** Loads the manifest at {@code path}; the model path inside it is resolved against its folder. */
    public static PolicyManifest load(Path path) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(path));
        } catch (NoSuchFileException e) {
            throw new PolicyException("manifest not found: " + path + " (pass the .yaml written beside the model)");
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage().lines().findFirst().orElse("syntax error");
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new PolicyException("manifest " + path + (line > 0 ? " line " + line : "") + ": not valid YAML: " + msg);
        } catch (IOException e) {
            throw new PolicyException("cannot read manifest " + path + ": " + e.getMessage());
        }
        return new ManifestLoader(path).parse(root);
    }

    private PolicyManifest parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw error("", "expected a YAML mapping with keys " + TOP_KEYS);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP_KEYS.contains(key)) {
                throw error(key, "unknown key (expected one of model, period_ms, observation, state, action)");
            }
        }
        Path dir = source.toAbsolutePath().getParent();
        Path model = dir.resolve(text(root, "model", "model"));
        int periodMs = positiveInt(root, "period_ms", "period_ms");

        JsonNode obs = object(root, "observation", "observation");
        String obsTensor = text(obs, "tensor", "observation.tensor");
        List<FeatureSlot> features = features(array(obs, "features", "observation.features"));
        int n = 0;
        for (FeatureSlot f : features) {
            n += f.feature().size();
        }
        Normalization norm = obs.has("normalization") ? normalization(obs.get("normalization"), n) : null;

        List<StatePair> state = new ArrayList<>();
        JsonNode stateNode = root.get("state");
        if (stateNode != null && !stateNode.isNull()) {
            if (!stateNode.isArray()) {
                throw error("state", "expected a list of {input, output, shape}");
            }
            for (int i = 0; i < stateNode.size(); i++) {
                String p = "state[" + i + "]";
                JsonNode s = stateNode.get(i);
                if (!s.isObject()) {
                    throw error(p, "expected {input: NAME, output: NAME, shape: [..]}");
                }
                state.add(new StatePair(text(s, "input", p + ".input"), text(s, "output", p + ".output"),
                    shape(array(s, "shape", p + ".shape"), p + ".shape")));
            }
        }

        JsonNode act = object(root, "action", "action");
        String logits = text(act, "tensor", "action.tensor");
        int bins = positiveInt(act, "bins", "action.bins");
        if (bins < 2) {
            throw error("action.bins", "expected at least 2 bins, got " + bins);
        }
        double[] binValues = act.has("bin_values") ? binValues(act.get("bin_values"), bins) : defaultBinValues(bins);
        String mappingText = text(act, "mapping", "action.mapping");
        Mapping mapping;
        try {
            mapping = Mapping.valueOf(mappingText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error("action.mapping", "expected relative or absolute, got '" + mappingText + "'");
        }
        JsonNode actNames = array(act, "actuators", "action.actuators");
        List<String> actuators = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < actNames.size(); i++) {
            JsonNode a = actNames.get(i);
            if (!a.isTextual() || a.asText().isBlank()) {
                throw error("action.actuators[" + i + "]", "expected an actuator name");
            }
            if (!seen.add(a.asText())) {
                throw error("action.actuators[" + i + "]", "actuator '" + a.asText() + "' is listed twice");
            }
            actuators.add(a.asText());
        }
        if (actuators.isEmpty()) {
            throw error("action.actuators", "expected at least one actuator name");
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

    private List<FeatureSlot> features(JsonNode list) {
        List<FeatureSlot> out = new ArrayList<>();
        Set<Feature> seen = new HashSet<>();
        int offset = 0;
        for (int i = 0; i < list.size(); i++) {
            String p = "observation.features[" + i + "]";
            JsonNode f = list.get(i);
            if (!f.isObject()) {
                throw error(p, "expected {name: FEATURE, size: N}");
            }
            String name = text(f, "name", p + ".name");
            Feature feature = Feature.byKey(name);
            if (feature == null) {
                throw error(p + ".name", "unknown feature '" + name + "'; known: " + Feature.vocabulary());
            }
            if (!seen.add(feature)) {
                throw error(p + ".name", "feature '" + name + "' is listed twice");
            }
            int size = positiveInt(f, "size", p + ".size");
            if (size != feature.size()) {
                throw error(p + ".size", "feature '" + name + "' has " + feature.size() + " values, not " + size);
            }
            out.add(new FeatureSlot(feature, offset));
            offset += size;
        }
        if (out.isEmpty()) {
            throw error("observation.features", "expected at least one feature");
        }
        return out;
    }

    private Normalization normalization(JsonNode node, int n) {
        if (!node.isObject()) {
            throw error("observation.normalization", "expected {mean: [..], std: [..], clip: X}");
        }
        float[] mean = floats(array(node, "mean", "observation.normalization.mean"), "observation.normalization.mean", n);
        float[] std = floats(array(node, "std", "observation.normalization.std"), "observation.normalization.std", n);
        for (int i = 0; i < n; i++) {
            if (!(std[i] > 0f)) {
                throw error("observation.normalization.std[" + i + "]", "expected a positive number, got " + std[i]);
            }
        }
        float clip = Float.POSITIVE_INFINITY;
        if (node.has("clip")) {
            JsonNode c = node.get("clip");
            if (!c.isNumber() || !(c.floatValue() > 0f)) {
                throw error("observation.normalization.clip", "expected a positive number, got '" + c.asText() + "'");
            }
            clip = c.floatValue();
        }
        return new Normalization(mean, std, clip);
    }

    private float[] floats(JsonNode list, String path, int expected) {
        if (list.size() != expected) {
            throw error(path, "expected " + expected + " numbers (the sum of the feature sizes), got " + list.size());
        }
        float[] out = new float[expected];
        for (int i = 0; i < expected; i++) {
            JsonNode v = list.get(i);
            if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                throw error(path + "[" + i + "]", "expected a finite number, got '" + v.asText() + "'");
            }
            out[i] = v.floatValue();
        }
        return out;
    }

    private double[] binValues(JsonNode node, int bins) {
        if (!node.isArray() || node.size() != bins) {
            throw error("action.bin_values", "expected a list of " + bins + " numbers (one per bin)");
        }
        double[] v = new double[bins];
        for (int i = 0; i < bins; i++) {
            JsonNode x = node.get(i);
            if (!x.isNumber() || !(Math.abs(x.doubleValue()) <= 1.0)) {
                throw error("action.bin_values[" + i + "]", "expected a number in [-1, 1], got '" + x.asText() + "'");
            }
            v[i] = x.doubleValue();
        }
        return v;
    }

    private long[] shape(JsonNode list, String path) {
        if (list.isEmpty()) {
            throw error(path, "expected a list of positive dimensions, e.g. [1, 1, 256]");
        }
        long[] dims = new long[list.size()];
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = list.get(i);
            if (!d.canConvertToLong() || d.asLong() <= 0 || !d.isIntegralNumber()) {
                throw error(path + "[" + i + "]", "expected a positive integer, got '" + d.asText() + "'");
            }
            dims[i] = d.asLong();
        }
        return dims;
    }

    private JsonNode object(JsonNode parent, String key, String path) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            throw error(path, "missing");
        }
        if (!n.isObject()) {
            throw error(path, "expected a mapping");
        }
        return n;
    }

    private JsonNode array(JsonNode parent, String key, String path) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            throw error(path, "missing");
        }
        if (!n.isArray()) {
            throw error(path, "expected a list");
        }
        return n;
    }

    private String text(JsonNode parent, String key, String path) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            throw error(path, "missing");
        }
        if (!n.isValueNode() || n.asText().isBlank()) {
            throw error(path, "expected a name");
        }
        return n.asText();
    }

    private int positiveInt(JsonNode parent, String key, String path) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            throw error(path, "missing");
        }
        if (!n.isIntegralNumber() || n.asLong() <= 0 || n.asLong() > Integer.MAX_VALUE) {
            throw error(path, "expected a positive integer, got '" + n.asText() + "'");
        }
        return n.asInt();
    }

    private PolicyException error(String path, String what) {
        return new PolicyException("manifest " + source + (path.isEmpty() ? "" : ": " + path) + ": " + what);
    }
}
