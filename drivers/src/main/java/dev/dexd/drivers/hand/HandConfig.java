package dev.dexd.drivers.hand;

import dev.dexd.common.config.ConfigError;
import dev.dexd.common.config.ConfigNode;
import dev.dexd.common.config.StrictYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code hand:} section of a dexd YAML config: which library to load ({@code library}) and the
 * options handed to it at open (every other key, as {@code key=value;...}). The library validates
 * its own keys, so a real-hand library can take keys dexd does not know. Read by the shared strict
 * reader ({@code dexd-common}): the daemon's loader passes its parsed section to {@link #read}.
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
     * Reads the {@code hand:} section of {@code file} for the hand tools ({@code dexd hand}, the driver
     * benchmark); the daemon reads the whole file once with its own loader, which calls {@link #read}.
     * Other sections are not looked at here.
     *
     * @throws HandException when the file is missing or malformed, naming the file, line and key
     */
    public static HandConfig load(Path file) {
        try {
            ConfigNode root = StrictYaml.read("config", file, "pass --config FILE; the default is " + DEFAULT_FILE
                + " under dexd.home or the working directory");
            if (!root.has("hand")) {
                throw root.get("hand").error("missing: the section that names the hand library and its options"
                    + " (e.g. hand: {library: dexd_mujoco})");
            }
            return read(root.section("hand"));
        } catch (ConfigError e) {
            throw new HandException(HandError.CONFIG, e.getMessage());
        }
    }

    /**
     * Builds a config from a {@code hand:} section read by the shared reader: {@code library} is
     * required, every other key becomes an option (all keys are taken, so none is reported unknown:
     * the library validates its own). Relative paths resolve against the file's folder.
     *
     * @throws ConfigError naming the key path and line of a bad value
     */
    public static HandConfig read(ConfigNode hand) {
        Path dir = hand.source().folder();
        ConfigNode lib = hand.get("library");
        if (!lib.isPresent()) {
            throw lib.error("missing: give a library name (e.g. dexd_mujoco) or a path to a .so");
        }
        String library = resolveLibrary(dir, lib.asText().strip());
        Map<String, String> options = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> e : hand.entries().entrySet()) {
            if (!e.getKey().equals("library")) {
                options.put(e.getKey(), value(dir, e.getKey(), e.getValue()));
            }
        }
        return new HandConfig(hand.source().file(), library, options);
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

    private static String resolveLibrary(Path dir, String spec) {
        return spec.contains("/") ? dir.resolve(spec).normalize().toString() : spec;
    }

    private static boolean isPathKey(String key) {
        return key.equals("model") || key.endsWith("_file") || key.endsWith("_path") || key.endsWith("_dir");
    }

    private static String value(Path dir, String key, ConfigNode node) {
        String text;
        if (node.isList() && node.asList().size() == 2 && node.asList().get(0).isNumber()
            && node.asList().get(1).isNumber()) {
            text = node.asList().get(0).asText() + ".." + node.asList().get(1).asText();
        } else if (node.isPresent() && !node.isList() && !node.isMap()) {
            text = node.asText();
        } else {
            throw node.error("expected a single value or a [lo, hi] pair");
        }
        if (text.contains(";") || text.contains("=")) {
            throw node.error("values cannot contain ';' or '='");
        }
        return isPathKey(key) ? dir.resolve(text).normalize().toString() : text;
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
