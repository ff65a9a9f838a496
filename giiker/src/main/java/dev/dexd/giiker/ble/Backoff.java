package dev.dexd.giiker.ble;

/**
 * Exponential backoff between connection attempts: initial, doubled after each failure, capped at a
 * maximum, back to the initial delay after a success. Only the link thread uses it.
 */
final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private long nextNanos;

    Backoff(final long initialNanos, final long maxNanos) {
        if (initialNanos <= 0 || maxNanos < initialNanos) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initialNanos + ", " + maxNanos);
        }
        this.initialNanos = initialNanos;
        this.maxNanos = maxNanos;
        this.nextNanos = initialNanos;
    }

    /** The delay to wait now; the one after it is twice as long, up to the maximum. */
    long next() {
        final long delay = nextNanos;
        nextNanos = delay > maxNanos / 2 ? maxNanos : delay * 2;
        return delay;
    }

    void reset() {
        nextNanos = initialNanos;
    }
}
