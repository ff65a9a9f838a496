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
 * written in full, like a command. Nor can connections opened and closed in a loop: past
 * {@value #CONNECTION_EVENTS_PER_SECOND} connection events a second (for the whole server), the
 * rest are counted, e.g. {@code console: 5120 connection events in the last 1.0 s not logged one
 * by one (connected x2560, disconnected x2560)}.
 */
final class ConsoleLog {
    private static final int MAX_LINE_SHOWN = 96;
    /** A connection's tally is written at most this often. */
    static final long TALLY_NANOS = 1_000_000_000L;
    /** Connection events written in full per second, for the whole server; more are counted. */
    static final int CONNECTION_EVENTS_PER_SECOND = 20;

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
    /** Connection events (connected, disconnected, dropped...) over the budget of this second. */
    private final Tally connectionTally = new Tally();
    private long connectionWindowNanos = System.nanoTime();
    private int connectionEvents;

    ConsoleLog(ConsoleBackend backend) {
        this.backend = backend;
        this.writer = backend.events();
    }

    /** "client line -> reply". */
    void command(String client, Request r, Reply reply) {
        text.setLength(0);
        text.append(client).append(' ');
        if (r.command() == Command.AUTH || isAuth(r.line())) {
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

    /** True for a line whose first word is "auth", parsed or not (a token with a space in it is still a token). */
    static boolean isAuth(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return line.regionMatches(true, i, "auth", 0, 4)
            && (line.length() == i + 4 || Character.isWhitespace(line.charAt(i + 4)));
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
        appendKinds(t);
        text.append(')');
        write();
        t.byKind.clear();
        t.count = 0;
        t.written = true;
        t.lastWriteNanos = nowNanos;
    }

    /**
     * "client what", e.g. "connected": in full while the server has written fewer than
     * {@value #CONNECTION_EVENTS_PER_SECOND} this second, else counted by its first word. Returns
     * the nanoseconds until the count is due if events wait in it (the caller schedules
     * {@link #flushConnections}), else 0.
     */
    long connection(String client, String what) {
        long now = System.nanoTime();
        if (now - connectionWindowNanos >= TALLY_NANOS) {
            flushConnections(now);
        }
        if (connectionEvents < CONNECTION_EVENTS_PER_SECOND) {
            connectionEvents++;
            text.setLength(0);
            text.append(client).append(' ').append(what);
            write();
            return 0;
        }
        int space = what.indexOf(' ');
        String kind = space < 0 ? what : what.substring(0, space);
        connectionTally.byKind.computeIfAbsent(kind.endsWith(":") ? kind.substring(0, kind.length() - 1) : kind,
            k -> new int[1])[0]++;
        connectionTally.count++;
        return Math.max(1, connectionWindowNanos + TALLY_NANOS - now);
    }

    /** Writes the connection events counted, if any, and starts a new second. */
    void flushConnections(long nowNanos) {
        if (connectionTally.count > 0) {
            text.setLength(0);
            text.append("console: ").append(connectionTally.count).append(" connection events")
                .append(String.format(Locale.ROOT, " in the last %.1f s", (nowNanos - connectionWindowNanos) / 1e9))
                .append(" not logged one by one (");
            appendKinds(connectionTally);
            text.append(')');
            write();
            connectionTally.byKind.clear();
            connectionTally.count = 0;
        }
        connectionWindowNanos = nowNanos;
        connectionEvents = 0;
    }

    private void appendKinds(Tally t) {
        boolean first = true;
        for (Map.Entry<String, int[]> e : t.byKind.entrySet()) {
            text.append(first ? "" : ", ").append(e.getKey()).append(" x").append(e.getValue()[0]);
            first = false;
        }
    }

    private void write() {
        long step = backend.counters().steps().get();
        long time = backend.lockstep() ? step * backend.periodNanos() : System.nanoTime();
        writer.write(EventType.CONSOLE_COMMAND, step, time, text);
    }
}
