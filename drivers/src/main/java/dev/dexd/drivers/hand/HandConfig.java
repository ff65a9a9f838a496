package dev.dexd.drivers.hand;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code hand:} section of a dexd YAML config: which library to load ({@code library}) and the
 * options handed to it at open (every other key, as {@code key=value;...}). The library validates
 * its own keys, so a real-hand library can take keys dexd does not know. Other top-level sections
 * of the file are ignored here.
 *
 * <p>Paths in the file are relative to the file: {@code library} when it is a path (it contains a
 * {@code /}) and the values of keys named {@code model} or ending in {@code _file}, {@code _path} or
 * {@code _dir}. A two-element list becomes {@code lo..hi}.
 */
public final class HandConfig {
    /** The config used when no --config is given: under dexd.home, else under the working directory. */
    public static final String DEFAULT_FILE = "configs/sim.yaml";

    private final Path source;
    private final String library;
    private final Map<String, String> options;

    private HandConfig(Path source, String library, Map<String, String> options) {
        this.source = source;
        this.library = library;
        this.options = Collections.unmodifiableMap(options);
    }

    /** A config built in code (tests, tools): {@code library} is a name or an absolute path. */
    public static HandConfig of(String library, Map<String, String> options) {
        return new HandConfig(null, library, new LinkedHashMap<>(options));
    }

    /**
     * Reads the {@code hand:} section of {@code file}.
     *
     * @throws HandException when the file is missing or malformed, naming the file and key
     */
    public static HandConfig load(Path file) {
        JsonNode root = parse(file);
        JsonNode hand = root == null ? null : root.get("hand");
        if (hand == null || !hand.isObject()) {
            throw problem(file, "has no 'hand:' section (it names the hand library and its options)");
        }
        JsonNode lib = hand.get("library");
        if (lib == null || !lib.isValueNode() || lib.asText().isBlank()) {
            throw problem(file, "hand.library is missing: give a library name (e.g. dexd_mujoco) or a path to a .so");
        }
        Path dir = file.toAbsolutePath().getParent();
        Map<String, String> options = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = hand.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("library")) {
                options.put(e.getKey(), value(file, dir, e.getKey(), e.getValue()));
            }
        }
        return new HandConfig(file, resolveLibrary(dir, lib.asText().strip()), options);
    }

    /**
     * The config file to use: {@code explicit} when given, else {@code $DEXD_HOME/configs/sim.yaml}
     * (system property {@code dexd.home}, set by the launcher) when it exists, else
     * {@code ./configs/sim.yaml}.
     */
    public static Path locate(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        String home = System.getProperty("dexd.home");
        if (home != null && !home.isBlank()) {
            Path p = Path.of(home).resolve(DEFAULT_FILE);
            if (Files.exists(p)) {
                return p;
            }
        }
        return Path.of(DEFAULT_FILE);
    }

    private static JsonNode parse(Path file) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().strip().split("\\R")[0];
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw problem(file, "is not valid YAML (line " + line + "): " + msg);
        } catch (IOException e) {
            if (!Files.exists(file)) {
                throw new HandException(HandError.CONFIG, "config file " + file + " not found: pass --config FILE"
                    + " (the default is " + DEFAULT_FILE + " under dexd.home or the working directory)",
                    new NoSuchFileException(file.toString()));
            }
            throw problem(file, "cannot be read: " + e.getMessage());
        }
    }

    private static String resolveLibrary(Path dir, String spec) {
        return spec.contains("/") ? dir.resolve(spec).normalize().toString() : spec;
    }

    private static boolean isPathKey(String key) {
        return key.equals("model") || key.endsWith("_file") || key.endsWith("_path") || key.endsWith("_dir");
    }

    private static String value(Path file, Path dir, String key, JsonNode node) {
        String text;
        if (node.isArray() && node.size() == 2 && node.get(0).isNumber() && node.get(1).isNumber()) {
            text = node.get(0).asText() + ".." + node.get(1).asText();
        } else if (node.isValueNode() && !node.isNull()) {
            text = node.asText();
        } else {
            throw problem(file, "hand." + key + ": expected a single value or a [lo, hi] pair");
        }
        if (text.contains(";") || text.contains("=")) {
            throw problem(file, "hand." + key + ": values cannot contain ';' or '='");
        }
        return isPathKey(key) && !text.isEmpty() ? dir.resolve(text).normalize().toString() : text;
    }

    private static HandException problem(Path file, String what) {
        return new HandException(HandError.CONFIG, "config " + file + " " + what);
    }

    /** A copy with option {@code key} set to {@code value} (e.g. a seed or clock from the command line). */
    public HandConfig with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(options);
        copy.put(key, value);
        return new HandConfig(source, library, copy);
    }

    /** A copy that loads another library. */
    public HandConfig withLibrary(String spec) {
        return new HandConfig(source, spec, new LinkedHashMap<>(options));
    }

    /** The file this came from; null when built in code. */
    public Path source() {
        return source;
    }

    /** The library name or absolute path. */
    public String library() {
        return library;
    }

    /** The options for the library, in file order. */
    public Map<String, String> options() {
        return options;
    }

    /** One option. */
    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    /** The options as the library's open config string: {@code key=value;key=value}. */
    public String nativeConfig() {
        StringBuilder s = new StringBuilder();
        options.forEach((k, v) -> s.append(s.length() == 0 ? "" : ";").append(k).append('=').append(v));
        return s.toString();
    }
}
