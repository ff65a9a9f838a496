package dev.dexd.controller.counters;

/** The counters directory could be changed by another user, who could then replace the daemon's file. */
public final class UnsafeCountersDirectoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsafeCountersDirectoryException(String message) {
        super(message);
    }
}
