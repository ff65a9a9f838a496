package dev.dexd.common.config;

import java.nio.file.Path;

/**
 * Where a configuration came from, for messages and for resolving relative paths.
 *
 * @param label what the file is, first word of every message ("config", "manifest")
 * @param file the file as given
 * @param text its whole text (the daemon records it in the step log's header)
 */
public record ConfigSource(String label, Path file, String text) {

    /** The folder relative paths in the file resolve against. */
    public Path folder() {
        return file.toAbsolutePath().getParent();
    }

    /** One line: {@code label file[ line N]: [path: ]what}. */
    public ConfigError error(int line, String path, String what) {
        return new ConfigError(label + " " + file + (line > 0 ? " line " + line : "") + ": "
            + (path.isEmpty() ? "" : path + ": ") + what);
    }
}
