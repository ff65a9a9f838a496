package dev.dexd.controller.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.util.AttributeKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders {@link Reply} and {@link StreamLine} objects as bytes: text lines ("| body", then
 * "OK ..." or "ERR code ..."; "* stream") or, once the connection said {@code json on}, one JSON
 * object per line. Stateless apart from the connection's JSON flag ({@link #JSON}).
 */
@Sharable
public final class ReplyEncoder extends MessageToMessageEncoder<Object> {
    /** Set on a channel whose client asked for JSON replies. */
    public static final AttributeKey<Boolean> JSON = AttributeKey.valueOf("dexd.console.json");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
    private static final Pattern SPACES = Pattern.compile(" +");

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof Reply || msg instanceof StreamLine;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        boolean json = Boolean.TRUE.equals(ctx.channel().attr(JSON).get());
        String text = msg instanceof Reply r ? (json ? json(r) : text(r)) : stream((StreamLine) msg, json);
        out.add(ByteBufUtil.writeUtf8(ctx.alloc(), text));
    }

    /** The reply as text lines, each ending in '\n'. */
    public static String text(Reply r) {
        int length = r.message().length() + 24;
        for (String line : r.body()) {
            length += line.length() + 3;
        }
        StringBuilder sb = new StringBuilder(length);
        for (String line : r.body()) {
            sb.append("| ");
            appendOneLine(sb, line);
            sb.append('\n');
        }
        return sb.append(r.statusLine()).append('\n').toString();
    }

    /** The reply as one JSON object and '\n'. */
    public static String json(Reply r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("ok", r.ok());
        if (r.command() != null) {
            o.put("command", r.command());
        }
        if (!r.ok()) {
            o.put("code", r.code());
        }
        o.put("message", r.message());
        if (r.dataArePairs()) {
            o.set("data", MAPPER.valueToTree(pairs(r.message())));
        } else if (!r.data().isEmpty()) {
            o.set("data", MAPPER.valueToTree(r.data()));
        }
        if (!r.body().isEmpty()) {
            ArrayNode lines = o.putArray("lines");
            r.body().forEach(lines::add);
        }
        return write(o);
    }

    /** {@code a=1 b=x} as {a: 1, b: "x"} (whole and decimal numbers as numbers). */
    static Map<String, Object> pairs(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String pair : SPACES.split(text.trim())) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String v = pair.substring(eq + 1);
            Object value = v;
            if (WHOLE.matcher(v).matches()) {
                value = Long.parseLong(v);
            } else if (DECIMAL.matcher(v).matches()) {
                value = Double.parseDouble(v);
            }
            out.put(pair.substring(0, eq).toLowerCase(Locale.ROOT), value);
        }
        return out;
    }

    private static String stream(StreamLine s, boolean json) {
        if (!json) {
            StringBuilder sb = new StringBuilder(s.text().length() + 3).append("* ");
            appendOneLine(sb, s.text());
            return sb.append('\n').toString();
        }
        ObjectNode o = MAPPER.createObjectNode();
        o.set("watch", MAPPER.valueToTree(s.data() == null ? Map.of() : s.data()));
        return write(o);
    }

    private static String write(ObjectNode o) {
        try {
            return MAPPER.writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a reply as JSON", e);
        }
    }

    private static void appendOneLine(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
    }
}
