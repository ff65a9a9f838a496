package dev.dexd.controller.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@code help} replies: every command with its usage, or one command's (or group's). */
final class Help {
    private static final int USAGE_WIDTH = 30;

    private Help() {
    }

    private static final Reply ALL = all();

    static Reply reply(Request r) {
        if (r.args().isEmpty()) {
            return ALL;
        }
        String topic = r.argText().toLowerCase(Locale.ROOT);
        List<String> lines = new ArrayList<>();
        for (Command c : Command.values()) {
            if (c.words().equals(topic) || c.words().startsWith(topic + " ")) {
                lines.add(row(c));
            }
        }
        if (lines.isEmpty()) {
            return Reply.error("bad-args", "no command '" + topic + "' (try 'help')");
        }
        return Reply.ok(lines.size() == 1 ? Command.named(topic) == null ? topic : Command.named(topic).usage() : topic)
            .withBody(lines);
    }

    private static Reply all() {
        List<String> lines = new ArrayList<>();
        for (Command c : Command.values()) {
            lines.add(row(c));
        }
        lines.add("Replies end with a line starting OK or ERR <code>; '| ' lines before it belong to the reply,");
        lines.add("'* ' lines are the watch stream. 'json on' gives one JSON object per reply.");
        return Reply.ok(Command.values().length + " commands").withBody(lines);
    }

    private static String row(Command c) {
        StringBuilder sb = new StringBuilder(c.usage());
        while (sb.length() < USAGE_WIDTH) {
            sb.append(' ');
        }
        return sb.append(' ').append(c.help()).toString();
    }
}
