package dev.dexd.controller.console;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One reply: OK or an error code, a one-line message, optional body lines (tables, help) and
 * optional named values for JSON clients. {@link ReplyEncoder} renders it as text or JSON.
 *
 * @param ok      OK or ERR
 * @param code    the error code (ERR only), a short word such as {@code bad-args}
 * @param message one line
 * @param body    lines shown before the status line, each prefixed "| " in text
 * @param data    named values (JSON's {@code data}); in text only what the message says
 * @param command the command replied to, or null (for JSON's {@code command})
 * @param close   close the connection once the reply is written
 */
public record Reply(boolean ok, String code, String message, List<String> body, Map<String, Object> data,
                    String command, boolean close) {
    /** Marks data that are the message's key=value pairs. */
    private static final Map<String, Object> PAIRS = Collections.unmodifiableMap(new LinkedHashMap<>());

    /** Use the factories and {@code with...}: they copy what they are given; this keeps it as it is. */
    public Reply {
        data = data == null ? Map.of() : data;
    }

    public static Reply ok(String message) {
        return new Reply(true, null, oneLine(message), List.of(), null, null, false);
    }

    public static Reply error(String code, String message) {
        return new Reply(false, code, oneLine(message), List.of(), null, null, false);
    }

    public Reply withBody(List<String> lines) {
        return new Reply(ok, code, message, List.copyOf(lines), data, command, close);
    }

    public Reply withData(Map<String, Object> values) {
        return new Reply(ok, code, message, body, Collections.unmodifiableMap(new LinkedHashMap<>(values)), command,
            close);
    }

    /**
     * A reply whose message is {@code key=value} pairs, which are its data too (parsed only when a
     * JSON client needs them, see {@link #data()}).
     */
    public static Reply okPairs(String pairs) {
        return new Reply(true, null, oneLine(pairs), List.of(), PAIRS, null, false);
    }

    /** True when the data are the message's {@code key=value} pairs ({@link #okPairs}). */
    public boolean dataArePairs() {
        return data == PAIRS;
    }

    public Reply forCommand(Command c) {
        return new Reply(ok, code, message, body, data, c == null ? null : c.toString(), close);
    }

    /** This reply, after which the connection is closed. */
    public Reply thenClose() {
        return new Reply(ok, code, message, body, data, command, true);
    }

    /** The status line as text: {@code OK message} or {@code ERR code message}. */
    public String statusLine() {
        return ok ? (message.isEmpty() ? "OK" : "OK " + message) : "ERR " + code + " " + message;
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (sb == null) {
                    sb = new StringBuilder(s.substring(0, i));
                }
                sb.append(' ');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
