package dev.dexd.vision;

import java.io.PrintStream;
import org.agrona.ErrorHandler;

/**
 * The listener thread's error policy when nobody supplies one (the CLI): every error is counted
 * ({@link VisionCounters#errorCount()}); the first of a burst (a new kind of error, or the first after a
 * quiet second) is reported on one line with its cause; the thread goes on. The daemon passes its
 * own handler instead (its {@code ThreadErrors}, which also writes an ERROR event).
 */
public final class VisionErrors implements ErrorHandler {
    static final long QUIET_NANOS = 1_000_000_000L;
    private final PrintStream err;
    private long lastNanos;
    private Class<?> lastKind;

    public VisionErrors(final PrintStream err) {
        this.err = err;
    }

    @Override
    public void onError(final Throwable t) {
        final long now = System.nanoTime();
        final boolean newBurst = lastKind != t.getClass() || now - lastNanos > QUIET_NANOS;
        lastNanos = now;
        lastKind = t.getClass();
        if (newBurst) {
            err.println("dexd: vision listener failed (no new poses while it fails: the cube pose goes stale): " + t);
        }
    }
}
