package dev.dexd.common.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one YAML reader of dexd (daemon config, its hand section, policy manifests). It builds a
 * {@link ConfigNode} tree that remembers the line of every key, and refuses at parse time what a
 * later reader could not see any more: a duplicate key (YAML parsers keep the last one, which once
 * loosened a safety limit and switched a manifest's mapping), more than one document, a file too
 * large to be a configuration. Types, ranges and unknown keys are checked as the tree is read.
 */
public final class StrictYaml {
    /** A config or manifest is a few KB (a manifest with normalization a few hundred); refuse anything huge. */
    public static final long MAX_BYTES = 16L << 20;

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private StrictYaml() {
    }

    /**
     * Reads and parses {@code file}.
     *
     * @param label what the file is ("config", "manifest"), the first word of every message
     * @param notFoundHint the fix when the file does not exist, e.g. "pass --config FILE"
     */
    public static ConfigNode read(String label, Path file, String notFoundHint) {
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ConfigError(label + " " + file + " is " + size + " bytes, more than a " + label
                    + " can be (" + (MAX_BYTES >> 20) + " MB): is it the right file?");
            }
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigError(label + " not found: " + file + " (" + notFoundHint + ")");
        } catch (AccessDeniedException e) {
            throw new ConfigError("cannot read " + label + " " + file + ": permission denied");
        } catch (IOException e) {
            throw new ConfigError("cannot read " + label + " " + file + ": "
                + (Files.isDirectory(file) ? "it is a directory" : String.valueOf(e.getMessage())));
        }
        return parse(new ConfigSource(label, file, text));
    }

    /** Parses {@code source.text()}: the root mapping (an empty document gives an empty one). */
    public static ConfigNode parse(ConfigSource source) {
        try (JsonParser p = FACTORY.createParser(source.text())) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return ConfigNode.map(source, "", 0, new LinkedHashMap<>());
            }
            if (t != JsonToken.START_OBJECT) {
                throw source.error(line(p), "", "expected a YAML mapping of keys, got " + describe(t));
            }
            ConfigNode root = value(source, p, "").atLine(0); // a key missing at the top has no line to name
            if (p.nextToken() != null) {
                throw source.error(line(p), "", "more than one YAML document ('---'): keep one");
            }
            return root;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            String msg = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage().strip();
            throw source.error(line, "", "not valid YAML: " + msg.lines().findFirst().orElse("syntax error"));
        } catch (IOException e) {
            throw source.error(-1, "", "cannot be read: " + e.getMessage());
        }
    }

    private static ConfigNode value(ConfigSource source, JsonParser p, String path) throws IOException {
        int line = line(p);
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, ConfigNode> fields = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    String child = ConfigNode.join(path, key);
                    int keyLine = line(p);
                    ConfigNode first = fields.get(key);
                    if (first != null) {
                        throw source.error(keyLine, child, "duplicate key (first at line " + first.line()
                            + "): keep one, YAML would silently use the last");
                    }
                    p.nextToken();
                    fields.put(key, value(source, p, child).atLine(keyLine));
                }
                return ConfigNode.map(source, path, line, fields);
            }
            case START_ARRAY: {
                List<ConfigNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(source, p, path + "[" + items.size() + "]"));
                }
                return ConfigNode.list(source, path, line, items);
            }
            case VALUE_NUMBER_INT: {
                String raw = p.getText();
                if (raw.matches("[-+]?0[0-9_]+")) {
                    throw source.error(line, path, "'" + raw + "' has a leading zero, which YAML reads as octal ("
                        + p.getNumberValue() + "): write it without the zero");
                }
                return ConfigNode.scalar(source, path, line, t, p.getNumberValue().toString(), p.getNumberValue());
            }
            case VALUE_NUMBER_FLOAT: {
                Number v = special(p.getText());
                if (v == null) {
                    v = p.getNumberValue();
                }
                return ConfigNode.scalar(source, path, line, t, v.toString(), v);
            }
            case VALUE_TRUE:
            case VALUE_FALSE:
                // only true/false are booleans (YAML 1.2); YAML 1.1's yes/no/on/off stay text, so
                // "yes" is refused where a boolean is expected and "no" is not turned into "false"
                return p.getText().equalsIgnoreCase(t == JsonToken.VALUE_TRUE ? "true" : "false")
                    ? ConfigNode.scalar(source, path, line, t, p.getText(), null)
                    : ConfigNode.scalar(source, path, line, JsonToken.VALUE_STRING, p.getText(), null);
            case VALUE_NULL:
                return ConfigNode.scalar(source, path, line, t, "", null);
            case VALUE_STRING:
                return ConfigNode.scalar(source, path, line, t, p.getText(), null);
            default:
                throw source.error(line, path, "unsupported YAML value (" + describe(t) + ")");
        }
    }

    /** YAML's .inf and .nan, which Jackson cannot turn into a number; range checks then refuse them by name. */
    private static Number special(String raw) {
        return switch (raw.toLowerCase(java.util.Locale.ROOT)) {
            case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
            case "-.inf" -> Double.NEGATIVE_INFINITY;
            case ".nan" -> Double.NaN;
            default -> null;
        };
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation() == null ? -1 : p.currentTokenLocation().getLineNr();
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "a mapping";
            default -> "a single value";
        };
    }
}
