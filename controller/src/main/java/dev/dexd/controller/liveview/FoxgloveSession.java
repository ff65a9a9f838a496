package dev.dexd.controller.liveview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Foxglove WebSocket client, the last handler of its pipeline: on the handshake it sends
 * {@code serverInfo} and {@code advertise}; it keeps the client's subscriptions (subscription id ->
 * channel id) from {@code subscribe} and {@code unsubscribe}; {@link #send} writes a binary
 * MessageData frame for every subscription to a channel, or drops the client when its unsent bytes
 * reached the high-water mark (a client that does not read is closed, never buffered without limit).
 */
final class FoxgloveSession extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LiveViewServer server;
    private final Map<Long, Integer> subscriptions = new ConcurrentHashMap<>();
    private volatile Channel channel;
    private volatile boolean ready;

    FoxgloveSession(LiveViewServer server) {
        this.server = server;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            channel = ctx.channel();
            ctx.writeAndFlush(new TextWebSocketFrame(server.channels().serverInfo(server.sessionId())));
            ctx.writeAndFlush(new TextWebSocketFrame(server.channels().advertise()));
            ready = true;
            server.add(this);
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame text)) {
            return; // clients send no binary data to a server without client-publish capability
        }
        JsonNode m;
        try {
            m = JSON.readTree(text.text());
        } catch (Exception e) {
            status(ctx, 2, "not JSON: " + e.getClass().getSimpleName());
            return;
        }
        switch (m.path("op").asText("")) {
            case "subscribe" -> {
                for (JsonNode s : m.path("subscriptions")) {
                    int channelId = s.path("channelId").asInt(-1);
                    if (!server.channels().has(channelId)) {
                        status(ctx, 1, "no channel " + channelId);
                        continue;
                    }
                    subscriptions.put(s.path("id").asLong(), channelId);
                }
            }
            case "unsubscribe" -> {
                for (JsonNode id : m.path("subscriptionIds")) {
                    subscriptions.remove(id.asLong());
                }
            }
            default -> status(ctx, 1, "op '" + m.path("op").asText("") + "' is not supported");
        }
    }

    private static void status(ChannelHandlerContext ctx, int level, String message) {
        ctx.writeAndFlush(new TextWebSocketFrame(JSON.createObjectNode().put("op", "status").put("level", level)
            .put("message", message).toString()));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        server.remove(this);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a broken client is closed; the others and the daemon go on
    }

    /**
     * Sends {@code payload} as MessageData to every subscription of {@code channelId}. Called on the
     * live view's publishing thread. Returns false when the client was dropped for not reading.
     */
    boolean send(int channelId, long timeNanos, byte[] payload) {
        Channel ch = channel;
        if (!ready || ch == null || !ch.isActive()) {
            return true;
        }
        for (Map.Entry<Long, Integer> s : subscriptions.entrySet()) {
            if (s.getValue() != channelId) {
                continue;
            }
            if (!ch.isWritable()) {
                ready = false;
                ch.close();
                return false;
            }
            ByteBuf b = ch.alloc().buffer(13 + payload.length);
            b.writeByte(0x01);
            b.writeIntLE(s.getKey().intValue());
            b.writeLongLE(timeNanos);
            b.writeBytes(payload);
            ch.writeAndFlush(new BinaryWebSocketFrame(b));
        }
        return true;
    }
}
