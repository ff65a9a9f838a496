package dev.dexd.common.config;

import com.fasterxml.jackson.core.JsonToken;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One value of a YAML file read by {@link StrictYaml}: a mapping, a list, a single value, or absent,
 * with its key path and line. The getters are the validator: each checks type and range as it reads
 * and throws a one-line {@link ConfigError} naming file, line, key path and what is expected. A
 * mapping remembers which keys were asked for, so {@link #rejectUnknownKeys()} can refuse the others
 * (a typo must not fall back to a default) without a second list of key names to keep in step.
 */
public final class ConfigNode {
    private enum Kind { MAP, LIST, SCALAR, ABSENT }

    private final ConfigSource source;
    private final String path;
    private int line;
    private final Kind kind;
    private final Map<String, ConfigNode> fields;
    private final List<ConfigNode> items;
    private final JsonToken token;
    private final String text;
    private final Number number;
    private final Set<String> asked = new HashSet<>();

    private ConfigNode(ConfigSource source, String path, int line, Kind kind, Map<String, ConfigNode> fields,
                       List<ConfigNode> items, JsonToken token, String text, Number number) {
        this.source = source;
        this.path = path;
        this.line = line;
        this.kind = kind;
        this.fields = fields;
        this.items = items;
        this.token = token;
        this.text = text;
        this.number = number;
    }

    static ConfigNode map(ConfigSource source, String path, int line, Map<String, ConfigNode> fields) {
        return new ConfigNode(source, path, line, Kind.MAP, fields, List.of(), null, null, null);
    }

    static ConfigNode list(ConfigSource source, String path, int line, List<ConfigNode> items) {
        return new ConfigNode(source, path, line, Kind.LIST, Map.of(), items, null, null, null);
    }

    static ConfigNode scalar(ConfigSource source, String path, int line, JsonToken token, String text, Number number) {
        return new ConfigNode(source, path, line, Kind.SCALAR, Map.of(), List.of(), token, text, number);
    }

    private ConfigNode absent(String childPath) {
        return new ConfigNode(source, childPath, line, Kind.ABSENT, Map.of(), List.of(), null, null, null);
    }

    ConfigNode atLine(int keyLine) {
        this.line = keyLine;
        return this;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The file this came from. */
    public ConfigSource source() {
        return source;
    }

    /** The key path, e.g. {@code safety.stale_ms.hand} or {@code observation.features[2]}; empty for the root. */
    public String path() {
        return path;
    }

    /** The line of this value's key (or of the value in a list), 1-based; for an absent key its parent's. */
    public int line() {
        return line;
    }

    /** False when the key is missing or its value is null ({@code key:} with nothing after it). */
    public boolean isPresent() {
        return kind != Kind.ABSENT && token != JsonToken.VALUE_NULL;
    }

    public boolean isMap() {
        return kind == Kind.MAP;
    }

    public boolean isList() {
        return kind == Kind.LIST;
    }

    /** A number written as a number (not in quotes). */
    public boolean isNumber() {
        return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
    }

    // ---- a mapping's keys ----

    /** The value at {@code key} (an absent node when missing), and {@code key} becomes known here. */
    public ConfigNode get(String key) {
        asked.add(key);
        ConfigNode n = fields.get(key);
        return n != null ? n : absent(join(path, key));
    }

    /** True when {@code key} is present and not null; {@code key} becomes known here. */
    public boolean has(String key) {
        return get(key).isPresent();
    }

    /** Every key with its value, in file order, for sections whose keys belong to someone else (hand:). */
    public Map<String, ConfigNode> entries() {
        asked.addAll(fields.keySet());
        return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The mapping at {@code key}; when missing or null, a node that is not {@link #isPresent()} and has no keys. */
    public ConfigNode section(String key) {
        ConfigNode n = get(key);
        if (!n.isPresent()) {
            return n;
        }
        if (n.kind != Kind.MAP) {
            throw n.error("expected a mapping of keys, got " + n.describe());
        }
        return n;
    }

    /** Required text. */
    public String text(String key) {
        return required(key).asText();
    }

    /** Text, or {@code fallback} when missing. */
    public String text(String key, String fallback) {
        ConfigNode n = get(key);
        return n.isPresent() ? n.asText() : fallback;
    }

    /** One of {@code type}'s constants, written in lower case; {@code fallback} when missing (null: required). */
    public <E extends Enum<E>> E choice(String key, E fallback, Class<E> type) {
        ConfigNode n = fallback == null ? required(key) : get(key);
        return n.isPresent() ? n.asChoice(type) : fallback;
    }

    /** A path resolved against the file's folder; {@code fallback} (also resolved) when missing, null stays null. */
    public Path path(String key, String fallback) {
        String v = text(key, fallback);
        if (v == null) {
            return null;
        }
        Path p = Path.of(v);
        return p.isAbsolute() ? p : source.folder().resolve(p).normalize();
    }

    /** A number in [min, max], or {@code fallback} when missing. */
    public double number(String key, double fallback, double min, double max) {
        ConfigNode n = get(key);
        return n.isPresent() ? n.asNumber(min, max) : fallback;
    }

    /** A required number in [min, max]. */
    public double number(String key, double min, double max) {
        return required(key).asNumber(min, max);
    }

    /** A whole number in [min, max], or {@code fallback} when missing. */
    public long integer(String key, long fallback, long min, long max) {
        ConfigNode n = get(key);
        return n.isPresent() ? n.asInteger(min, max) : fallback;
    }

    /** A required whole number in [min, max]. */
    public long integer(String key, long min, long max) {
        return required(key).asInteger(min, max);
    }

    /** true or false, or {@code fallback} when missing. */
    public boolean bool(String key, boolean fallback) {
        ConfigNode n = get(key);
        return n.isPresent() ? n.asBoolean() : fallback;
    }

    /** A required list. */
    public List<ConfigNode> list(String key) {
        return required(key).asList();
    }

    /** A list, empty when missing. */
    public List<ConfigNode> optionalList(String key) {
        ConfigNode n = get(key);
        return n.isPresent() ? n.asList() : List.of();
    }

    /** The value at {@code key}; "missing" when it is not there. */
    public ConfigNode required(String key) {
        ConfigNode n = get(key);
        if (!n.isPresent()) {
            throw n.error("missing");
        }
        return n;
    }

    // ---- this value ----

    /** A single value as text (numbers and booleans as written); not blank. */
    public String asText() {
        if (kind != Kind.SCALAR || !isPresent()) {
            throw error("expected text, got " + describe());
        }
        if (text.isBlank()) {
            throw error("expected text, got '" + text + "'");
        }
        return text;
    }

    public double asNumber(double min, double max) {
        if (!isNumber() || !(number.doubleValue() >= min && number.doubleValue() <= max)) {
            throw error("expected a number from " + min + " to " + max + ", got " + describe());
        }
        return number.doubleValue();
    }

    /** Any finite number (not NaN, not infinite). */
    public double asFinite() {
        if (!isNumber() || !Double.isFinite(number.doubleValue())) {
            throw error("expected a finite number, got " + describe());
        }
        return number.doubleValue();
    }

    public long asInteger(long min, long max) {
        boolean ok = token == JsonToken.VALUE_NUMBER_INT && (number instanceof Integer || number instanceof Long)
            && number.longValue() >= min && number.longValue() <= max;
        if (!ok) {
            String range = min == 1 && (max == Integer.MAX_VALUE || max == Long.MAX_VALUE) ? "a positive whole number"
                : "a whole number from " + min + " to " + max;
            throw error("expected " + range + ", got " + describe());
        }
        return number.longValue();
    }

    public boolean asBoolean() {
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            throw error("expected true or false, got " + describe());
        }
        return token == JsonToken.VALUE_TRUE;
    }

    public <E extends Enum<E>> E asChoice(Class<E> type) {
        Set<String> names = new TreeSet<>();
        for (E e : type.getEnumConstants()) {
            String name = e.name().toLowerCase(java.util.Locale.ROOT);
            names.add(name);
            if (kind == Kind.SCALAR && name.equals(text)) {
                return e;
            }
        }
        throw error("expected one of " + names + ", got " + describe());
    }

    public List<ConfigNode> asList() {
        if (kind != Kind.LIST) {
            throw error("expected a list, got " + describe());
        }
        return items;
    }

    /** This value as a mapping (e.g. an item of a list of mappings). */
    public ConfigNode asMap(String expected) {
        if (kind != Kind.MAP) {
            throw error("expected " + expected + ", got " + describe());
        }
        return this;
    }

    /** A one-line error at {@code key} of this mapping (a rule across keys, e.g. "bind needs a token"). */
    public ConfigError error(String key, String what) {
        return get(key).error(what);
    }

    /** A one-line error at this value: file, line, key path, {@code what}. */
    public ConfigError error(String what) {
        return source.error(line, path, what);
    }

    /**
     * Refuses every key of every mapping below that no getter asked for, naming the keys that are
     * known there. Call once, after reading everything.
     */
    public void rejectUnknownKeys() {
        if (kind == Kind.MAP) {
            for (Map.Entry<String, ConfigNode> e : fields.entrySet()) {
                if (!asked.contains(e.getKey())) {
                    throw e.getValue().error("unknown key (known here: "
                        + (asked.isEmpty() ? "none" : String.join(", ", new TreeSet<>(asked))) + ")");
                }
                e.getValue().rejectUnknownKeys();
            }
        } else if (kind == Kind.LIST) {
            for (ConfigNode item : items) {
                item.rejectUnknownKeys();
            }
        }
    }

    private String describe() {
        return switch (kind) {
            case MAP -> "a mapping";
            case LIST -> "a list";
            case ABSENT -> "nothing";
            case SCALAR -> token == JsonToken.VALUE_NULL ? "nothing" : token == JsonToken.VALUE_STRING && isNumeric(text)
                ? "'" + text + "' (text: write numbers without quotes)" : "'" + text + "'";
        };
    }

    private static boolean isNumeric(String s) {
        try {
            Double.parseDouble(s.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return path + "=" + describe();
    }

}
