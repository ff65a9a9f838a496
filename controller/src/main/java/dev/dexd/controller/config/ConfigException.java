package dev.dexd.controller.config;

/** A configuration the daemon cannot run with; the message names the file, the key path and the fix. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
