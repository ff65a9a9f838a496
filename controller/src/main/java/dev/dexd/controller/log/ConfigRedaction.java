package dev.dexd.controller.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps secrets out of the log: the header's copy of the run configuration has the value of every
 * key whose name contains {@code token}, {@code secret} or {@code password} (any case, at any depth)
 * replaced by {@value #REDACTED}. A config without such keys is kept as written (comments
 * included); one with them is re-written from its YAML tree (comments dropped).
 */
public final class ConfigRedaction {
    public static final String REDACTED = "<redacted>";
    private static final String[] SECRET_WORDS = {"token", "secret", "password"};
    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private ConfigRedaction() {
    }

    /** The YAML text with secret values redacted; never returns a secret (unparseable text is dropped). */
    public static String redact(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            return yaml;
        }
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            return "# config not copied: it is not YAML that can be checked for secrets\n";
        }
        if (root == null || !redact(root)) {
            return yaml;
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            return "# config not copied: it could not be written back after redacting its secrets\n";
        }
    }

    /** Whether a key of this name holds a secret. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (String w : SECRET_WORDS) {
            if (k.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** Redacts in place; true when something was changed. */
    private static boolean redact(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode o) {
            List<String> secrets = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (isSecret(e.getKey())) {
                    if (!(e.getValue().isTextual() && REDACTED.equals(e.getValue().asText()))
                        && !e.getValue().isNull()) {
                        secrets.add(e.getKey());
                    }
                } else {
                    changed |= redact(e.getValue());
                }
            }
            for (String k : secrets) {
                o.put(k, REDACTED);
            }
            changed |= !secrets.isEmpty();
        } else if (node instanceof ArrayNode a) {
            for (JsonNode child : a) {
                changed |= redact(child);
            }
        }
        return changed;
    }
}
