package dev.dexd.controller.console;

import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.EventWriter;

/**
 * Writes the console's events into the step log ({@link EventType#CONSOLE_COMMAND}): each command
 * with its result, and connections opened, closed and dropped. Uses the console thread's own
 * {@link EventWriter}; event loop only. A token given with {@code auth} is never written.
 */
final class ConsoleLog {
    private static final int MAX_LINE_SHOWN = 96;

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
