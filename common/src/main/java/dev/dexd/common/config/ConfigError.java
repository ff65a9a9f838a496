package dev.dexd.common.config;

/**
 * A configuration file that cannot be used. The message is one line: the file, the line when known,
 * the key path (e.g. {@code safety.stale_ms.hand}) and what is expected. Each module's loader turns
 * it into its own user-error type (ConfigException, PolicyException, HandException) with the same text.
 */
public final class ConfigError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigError(String message) {
        super(message);
    }
}
