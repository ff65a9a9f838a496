package dev.dexd.controller.counters;

/** Another live process owns the counters file this daemon would create: a second dexd on the same directory. */
public final class CountersFileInUseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CountersFileInUseException(String message) {
        super(message);
    }
}
