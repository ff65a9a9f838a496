package dev.dexd.controller.counters;

/**
 * The counters directory cannot be used: another user owns it or may write to it (and could replace
 * the daemon's file), or it cannot be made. The message names the directory and the fix.
 */
public final class CountersDirectoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CountersDirectoryException(String message) {
        super(message);
    }

    public CountersDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
