package dev.dexd.controller.liveview;

import dev.dexd.controller.config.ConfigException;
import dev.dexd.controller.config.DexdConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live view's WebSocket server (Netty, subprotocol {@code foxglove.websocket.v1}): a pipeline of
 * HTTP codec, aggregator for the upgrade request, Netty's WebSocket protocol handler (handshake,
 * ping, close) and one {@link FoxgloveSession} per client. One event-loop thread, {@code dexd-liveview-net}.
 * Each client may have at most {@code max_queued_kb} unsent; more and it is dropped ({@link #droppedClients}).
 */
final class LiveViewServer {
    static final String SUBPROTOCOL = "foxglove.websocket.v1";

    private final DexdConfig.LiveView config;
    private final LiveChannels channels;
    private final String sessionId = UUID.randomUUID().toString();
    private final List<FoxgloveSession> sessions = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private EventLoopGroup group;
    private Channel server;

    LiveViewServer(DexdConfig.LiveView config, LiveChannels channels) {
        this.config = config;
        this.channels = channels;
    }

    /** @throws ConfigException (one line) when the address cannot be listened on */
    void start() {
        group = new MultiThreadIoEventLoopGroup(1, r -> {
            Thread t = new Thread(r, "dexd-liveview-net");
            t.setDaemon(true);
            return t;
        }, NioIoHandler.newFactory());
        int high = config.maxQueuedKb() * 1024;
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder().websocketPath("/")
            .subprotocols(SUBPROTOCOL).checkStartsWith(true).handleCloseFrames(true).maxFramePayloadLength(65_536)
            .build();
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            // a small kernel buffer: a client that stops reading shows in Netty's count of unsent bytes soon
            .childOption(ChannelOption.SO_SNDBUF, 64 * 1024)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(high / 2, high))
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ChannelPipeline p = ch.pipeline();
                    p.addLast("http", new HttpServerCodec());
                    p.addLast("upgrade", new HttpObjectAggregator(16_384));
                    p.addLast("websocket", new WebSocketServerProtocolHandler(ws));
                    p.addLast("session", new FoxgloveSession(LiveViewServer.this));
                }
            });
        ChannelFuture bound = b.bind(config.bind(), config.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
            Throwable c = bound.cause();
            throw new ConfigException("live_view: cannot listen on " + config.bind() + ":" + config.port() + ": "
                + (c == null ? "unknown cause" : c.getMessage()) + " (set live_view.port to a free port, or 0 for any;"
                + " live_view.bind to an address of this machine)");
        }
        server = bound.channel();
    }

    /** The port listened on (the configured one, or the one picked for port 0). */
    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    LiveChannels channels() {
        return channels;
    }

    String sessionId() {
        return sessionId;
    }

    void add(FoxgloveSession s) {
        sessions.add(s);
    }

    void remove(FoxgloveSession s) {
        sessions.remove(s);
    }

    int clients() {
        return sessions.size();
    }

    long droppedClients() {
        return dropped.get();
    }

    /** Sends one message of a channel to every client subscribed to it (on the publishing thread). */
    void publish(int channelId, long timeNanos, byte[] payload) {
        for (FoxgloveSession s : sessions) {
            if (!s.send(channelId, timeNanos, payload)) {
                sessions.remove(s);
                dropped.incrementAndGet();
            }
        }
    }

    void close() {
        if (group == null) {
            return;
        }
        if (server != null) {
            server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        group = null;
    }
}
