package dev.dexd.controller.console;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Polls the sessions that wait for a command to complete, every {@value #PERIOD_MICROS} µs while
 * any does, on the event loop: the control thread never has to wake the console (it only sets a
 * volatile flag), and the event loop never blocks on it. Idle when nothing waits.
 */
final class Poller {
    static final long PERIOD_MICROS = 1_000;

    private final EventLoop loop;
    private final Set<Session> waiting = new LinkedHashSet<>();
    private ScheduledFuture<?> next;

    Poller(EventLoop loop) {
        this.loop = loop;
    }

    /** Event loop: polls {@code s} until its oldest command has replied. */
    void add(Session s) {
        waiting.add(s);
        if (next == null) {
            next = loop.schedule(this::run, PERIOD_MICROS, TimeUnit.MICROSECONDS);
        }
    }

    /** Sessions polled now. */
    int waiting() {
        return waiting.size();
    }

    private void run() {
        next = null;
        Session[] now = waiting.toArray(new Session[0]);
        waiting.clear();
        for (Session s : now) {
            try {
                if (s.drain()) {
                    waiting.add(s);
                }
            } catch (RuntimeException e) {
                s.fail(e); // one connection's bug must not stall the others
            }
        }
        if (!waiting.isEmpty()) {
            next = loop.schedule(this::run, PERIOD_MICROS, TimeUnit.MICROSECONDS);
        }
    }

    void stop() {
        if (next != null) {
            next.cancel(false);
        }
        waiting.clear();
    }
}
