package dev.dexd.controller.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * A YAML mapping with its key path, whose getters validate as they read: every problem becomes a
 * {@link ConfigException} naming the file, the key path and what was expected.
 */
final class ConfigNode {
    private final Path file;
    private final String path;
    private final JsonNode node;

    ConfigNode(Path file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** Fails on keys other than {@code allowed} (a typo must not silently fall back to a default). */
    ConfigNode only(Set<String> allowed) {
        if (node == null) {
            return this;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw error(k, "unknown key (known here: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
        return this;
    }

    ConfigNode section(String key) {
        JsonNode n = node == null ? null : node.get(key);
        if (n != null && !n.isNull() && !n.isObject()) {
            throw error(key, "expected a mapping of keys");
        }
        return new ConfigNode(file, join(key), n == null || n.isNull() ? null : n);
    }

    boolean has(String key) {
        return node != null && node.has(key) && !node.get(key).isNull();
    }

    String text(String key, String fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode n = node.get(key);
        if (!n.isValueNode() || n.asText().isBlank()) {
            throw error(key, "expected text, got '" + n + "'");
        }
        return n.asText();
    }

    String choice(String key, String fallback, Set<String> choices) {
        String v = text(key, fallback);
        if (!choices.contains(v)) {
            throw error(key, "expected one of " + new java.util.TreeSet<>(choices) + ", got '" + v + "'");
        }
        return v;
    }

    Path path(String key, String fallback) {
        String v = text(key, fallback);
        if (v == null) {
            return null;
        }
        Path p = Path.of(v);
        return p.isAbsolute() ? p : file.toAbsolutePath().getParent().resolve(p).normalize();
    }

    double number(String key, double fallback, double min, double max) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode n = node.get(key);
        if (!n.isNumber() || !(n.doubleValue() >= min && n.doubleValue() <= max)) {
            throw error(key, "expected a number from " + min + " to " + max + ", got '" + n.asText() + "'");
        }
        return n.doubleValue();
    }

    long integer(String key, long fallback, long min, long max) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode n = node.get(key);
        if (!n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
            throw error(key, "expected a whole number from " + min + " to " + max + ", got '" + n.asText() + "'");
        }
        return n.asLong();
    }

    boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode n = node.get(key);
        if (!n.isBoolean()) {
            throw error(key, "expected true or false, got '" + n.asText() + "'");
        }
        return n.asBoolean();
    }

    ConfigException error(String key, String what) {
        return new ConfigException("config " + file + ": " + join(key) + ": " + what);
    }

    private String join(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
