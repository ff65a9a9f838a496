package dev.dexd.controller.console;

import java.util.List;

/**
 * One command line on its way through the pipeline. The line decoder makes it from the bytes; the
 * parser fills in the command and its arguments; any stage may turn it into a {@link #problem}
 * instead, which the session replies in order like any other command.
 *
 * @param line         the line as text (for the log), or a description when it was not text
 * @param arrivalNanos System.nanoTime() when the line was decoded
 * @param command      the command, null until parsed or when there is a problem
 * @param args         its arguments split at white space
 * @param argText      everything after the command's words, trimmed (moves may be written together)
 * @param problem      the error reply to send instead of running it, or null
 */
public record Request(String line, long arrivalNanos, Command command, List<String> args, String argText,
                      Reply problem) {

    /** A line of text, not yet parsed. */
    public static Request line(String line, long arrivalNanos) {
        return new Request(line, arrivalNanos, null, List.of(), "", null);
    }

    /** A line that cannot be run: {@code problem} is its reply. */
    public static Request problem(String line, long arrivalNanos, Reply problem) {
        return new Request(line, arrivalNanos, null, List.of(), "", problem);
    }

    /** This request, refused with {@code reply}. */
    public Request refuse(Reply reply) {
        return new Request(line, arrivalNanos, command, args, argText, reply);
    }

    /** This request, parsed. */
    public Request parsed(Command c, List<String> arguments, String text) {
        return new Request(line, arrivalNanos, c, List.copyOf(arguments), text, null);
    }

    /** The first argument (the caller checked there is one). */
    public String arg() {
        return args.get(0);
    }
}
