package dev.dexd.controller.daemon;

import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.EventWriter;
import java.io.PrintStream;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The error policy of a helper thread (sensors; the coming vision and Bluetooth threads): every
 * error is counted; the first of a burst (a different kind of error, or the first after a quiet
 * second) is reported with its cause, once on stderr and once as an ERROR event; the thread goes on
 * (see {@link FailSafeAgent}). What the control loop makes of it is the loop's business: a sensors
 * thread that publishes nothing leaves stale data, and stale data makes the control step hold.
 * Single-threaded: one instance per thread (its event writer is that thread's).
 */
final class ThreadErrors implements ErrorHandler {
    /** Errors closer together than this belong to one burst and are only counted. */
    static final long QUIET_NANOS = 1_000_000_000L;

    private final String thread;
    private final String consequence;
    private final AtomicCounter counter;
    private final EventWriter events;
    private final PrintStream err;
    private long lastNanos;
    private Class<?> lastKind;

    /**
     * @param consequence what the daemon does about it, for the report (e.g. "its data goes stale: the hand holds")
     * @param events      an event writer for this thread, or null for none
     */
    ThreadErrors(String thread, String consequence, AtomicCounter counter, EventWriter events, PrintStream err) {
        this.thread = thread;
        this.consequence = consequence;
        this.counter = counter;
        this.events = events;
        this.err = err;
    }

    @Override
    public void onError(Throwable t) {
        counter.increment();
        long now = System.nanoTime();
        boolean newBurst = lastKind == null || lastKind != t.getClass() || now - lastNanos > QUIET_NANOS;
        lastNanos = now;
        lastKind = t.getClass();
        if (!newBurst) {
            return;
        }
        String line = thread + " thread failed (" + consequence + "): " + t;
        err.println("dexd: " + line);
        if (events != null) {
            events.write(EventType.ERROR, 0, now, line);
        }
    }
}
