package dev.dexd.controller.console;

import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.EventWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the console's events into the step log ({@link EventType#CONSOLE_COMMAND}): each command
 * with its result, and connections opened, closed and dropped. Uses the console thread's own
 * {@link EventWriter}; event loop only. A token given with {@code auth} is never written.
 *
 * <p>Lines the pipeline refused (not text, too long, unknown, bad arguments, rate-limited, not
 * authenticated) and e-stops repeated within a second cannot flood the log: per connection, each
 * {@link Tally} writes at most one event a second, e.g. {@code 127.0.0.1:5555 812 lines in the
 * last 1.0 s not logged one by one (unknown-command x800, not-text x12)}. A lone refused line is
 * written in full, like a command.
 */
final class ConsoleLog {
    private static final int MAX_LINE_SHOWN = 96;
    /** A connection's tally is written at most this often. */
    static final long TALLY_NANOS = 1_000_000_000L;

    /** One connection's lines not logged one by one, by kind (an error code, or "estop"). Event loop only. */
    static final class Tally {
        private final LinkedHashMap<String, int[]> byKind = new LinkedHashMap<>();
        private int count;
        private long lastWriteNanos;
        private boolean written;
        /** A flush is scheduled (the session's business). */
        boolean scheduled;

        /** Lines counted and not yet written. */
        int count() {
            return count;
        }

        /** Nanoseconds until the next write is allowed (0: now). */
        long dueIn(long nowNanos) {
            return written ? Math.max(0, lastWriteNanos + TALLY_NANOS - nowNanos) : 0;
        }
    }

    private final ConsoleBackend backend;
    private final EventWriter writer;
    private final StringBuilder text = new StringBuilder(320);

    ConsoleLog(ConsoleBackend backend) {
        this.backend = backend;
        this.writer = backend.events();
    }

    /** "client line -> reply". */
    void command(String client, Request r, Reply reply) {
        text.setLength(0);
        text.append(client).append(' ');
        if (r.command() == Command.AUTH) {
            text.append("auth (token not logged)");
        } else if (r.line().length() > MAX_LINE_SHOWN) {
            text.append(r.line(), 0, MAX_LINE_SHOWN).append("...");
        } else {
            text.append(r.line());
        }
        text.append(" -> ");
        if (reply.ok()) {
            text.append("OK ").append(reply.message());
        } else {
            text.append("ERR ").append(reply.code()).append(' ').append(reply.message());
        }
        write();
    }

    /**
     * A line not logged one by one: written in full when the tally is due and empty, counted
     * otherwise (and written with the count when due). Returns the nanoseconds until the tally is
     * due if lines wait in it (the caller schedules {@link #flush}), else 0.
     */
    long tallied(String client, Tally t, String kind, Request r, Reply reply, long nowNanos) {
        if (t.count == 0 && t.dueIn(nowNanos) == 0) {
            command(client, r, reply);
            t.written = true;
            t.lastWriteNanos = nowNanos;
            return 0;
        }
        t.byKind.computeIfAbsent(kind, k -> new int[1])[0]++;
        t.count++;
        long due = t.dueIn(nowNanos);
        if (due == 0) {
            flush(client, t, nowNanos);
        }
        return due;
    }

    /** Writes the tally's count, if any, and starts a new one. */
    void flush(String client, Tally t, long nowNanos) {
        if (t.count == 0) {
            return;
        }
        double seconds = t.written ? (nowNanos - t.lastWriteNanos) / 1e9 : 0;
        text.setLength(0);
        text.append(client).append(' ').append(t.count).append(t.count == 1 ? " line" : " lines")
            .append(String.format(Locale.ROOT, " in the last %.1f s", seconds))
            .append(" not logged one by one (");
        boolean first = true;
        for (Map.Entry<String, int[]> e : t.byKind.entrySet()) {
            text.append(first ? "" : ", ").append(e.getKey()).append(" x").append(e.getValue()[0]);
            first = false;
        }
        text.append(')');
        write();
        t.byKind.clear();
        t.count = 0;
        t.written = true;
        t.lastWriteNanos = nowNanos;
    }

    /** "client what", e.g. "connected". */
    void connection(String client, String what) {
        text.setLength(0);
        text.append(client).append(' ').append(what);
        write();
    }

    private void write() {
        long step = backend.counters().steps().get();
        long time = backend.lockstep() ? step * backend.periodNanos() : System.nanoTime();
        writer.write(EventType.CONSOLE_COMMAND, step, time, text);
    }
}
