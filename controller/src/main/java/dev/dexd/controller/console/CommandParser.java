package dev.dexd.controller.console;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses a request's line into its {@link Command} and arguments; an unknown command or a wrong
 * number of arguments becomes a problem naming the fix. Command words are case-insensitive;
 * arguments keep their case (moves and facelets are upper case). Two exceptions to the argument
 * count: {@code estop} followed by any words is still an e-stop (the words are ignored, and the reply
 * says so), and {@code solve}'s facelets may be written with spaces.
 */
@Sharable
public final class CommandParser extends MessageToMessageDecoder<Request> {
    private static final int MAX_SHOWN = 24;

    public CommandParser() {
        super(Request.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Request r, List<Object> out) {
        out.add(r.problem() != null || r.command() != null ? r : parse(r));
    }

    /** The request parsed, or refused with the reason. */
    public static Request parse(Request r) {
        String line = r.line();
        List<String> words = split(line);
        if (words.isEmpty()) {
            return r.refuse(Reply.error("bad-args", "empty command (try 'help')"));
        }
        String first = words.get(0).toLowerCase(Locale.ROOT);
        int used = 1;
        String name = first;
        if (Command.isGroup(first)) {
            if (words.size() < 2) {
                return r.refuse(Reply.error("bad-args", first + " what? (" + Command.subcommands(first) + ")"));
            }
            name = first + " " + words.get(1).toLowerCase(Locale.ROOT);
            used = 2;
        }
        Command c = Command.named(name);
        if (c == null) {
            String hint = used == 2 ? " (" + first + " takes " + Command.subcommands(first) + ")" : " (try 'help')";
            return r.refuse(Reply.error("unknown-command", "'" + shown(name) + "' is not a command" + hint));
        }
        List<String> args = words.subList(used, words.size());
        if (c == Command.ESTOP) {
            // never refuse an e-stop for what follows it: the session's reply names the words it ignored
            return r.parsed(c, args, rest(line, used));
        }
        if (c == Command.SOLVE && args.size() > 1) {
            // facelets may be written in groups ("UUUUUUUUU RRRRRRRRR ..."): they are one argument
            args = List.of(String.join("", args));
        }
        if (args.size() < c.minArgs() || args.size() > c.maxArgs()) {
            return r.refuse(Reply.error("bad-args", "usage: " + c.usage()).forCommand(c));
        }
        return r.parsed(c, args, rest(line, used));
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out;
    }

    /** The line after its first {@code words} words, trimmed. */
    private static String rest(String line, int words) {
        int i = 0;
        int n = line.length();
        for (int w = 0; w < words; w++) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
        }
        return line.substring(i).strip();
    }

    private static String shown(String s) {
        return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "...";
    }
}
