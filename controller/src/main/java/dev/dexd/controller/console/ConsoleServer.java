package dev.dexd.controller.console;

import dev.dexd.controller.config.ConfigException;
import dev.dexd.controller.config.DexdConfig;
import dev.dexd.controller.solve.CubeSolver;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;

/**
 * The TCP command console (docs/console.md): a Netty server on one event-loop thread
 * ({@code dexd-console}) plus one worker thread for {@code solve} and {@code stats}. Each
 * connection's pipeline is a row of small handlers:
 * <pre>
 * ClientLimit -> IdleStateHandler + IdleClose -> LineBasedFrameDecoder (max line, fail fast)
 *   -> LineDecoder -> CommandParser -> RateLimit -> AuthGate (with a token: deadline, backoff) -> Session
 *   (outbound: ReplyEncoder)
 * </pre>
 * A connection over {@code max_clients} without a token gets {@link EstopOnly} before the session.
 * Commands reach the control thread through the daemon's lock-free command queue and take effect
 * at a tick boundary; nothing on the console ever waits for the control thread, and nothing the
 * control thread does waits for the console.
 */
public final class ConsoleServer implements AutoCloseable {
    /** Outbound bytes buffered per connection before it counts as not reading (Netty's water marks). */
    static final int LOW_WATER = 8 * 1024;
    static final int HIGH_WATER = 32 * 1024;
    /** The kernel's send buffer per connection: small, so a client that stops reading is noticed soon. */
    static final int SEND_BUFFER = 32 * 1024;

    private final DexdConfig.Console config;
    private final ConsoleBackend backend;
    private EventLoopGroup group;
    private EventLoop loop;
    private ChannelGroup channels;
    private Channel server;
    private ConsoleShared shared;
    private ClientLimit limit;

    public ConsoleServer(DexdConfig.Console config, ConsoleBackend backend) {
        this.config = config;
        this.backend = backend;
    }

    /**
     * Warms up (see {@link #warmUp}), then listens on the configured address.
     *
     * @throws ConfigException when the address cannot be listened on (in use, not this machine's)
     */
    public synchronized void start() {
        if (group != null) {
            throw new IllegalStateException("console already started");
        }
        warmUp();
        dev.dexd.common.startup.StartupTrace.mark("console warm-up done");
        group = new MultiThreadIoEventLoopGroup(1, r -> {
            Thread t = new Thread(r, "dexd-console");
            t.setDaemon(true);
            return t;
        }, NioIoHandler.newFactory());
        loop = group.next();
        channels = new DefaultChannelGroup("dexd-console", loop);
        shared = new ConsoleShared(config, backend, new Poller(loop));
        limit = new ClientLimit(config.maxClients(), config.token() != null);
        AuthBackoff backoff = new AuthBackoff();
        IdleClose idleClose = new IdleClose(seconds(config.idleTimeoutNanos()));
        CommandParser parser = new CommandParser();
        ReplyEncoder encoder = new ReplyEncoder();
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 128)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_SNDBUF, SEND_BUFFER)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(LOW_WATER, HIGH_WATER))
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    channels.add(ch);
                    ChannelPipeline p = ch.pipeline();
                    p.addLast("limit", limit);
                    if (config.idleTimeoutNanos() > 0) {
                        p.addLast("idle", new IdleStateHandler(0, 0, config.idleTimeoutNanos(), TimeUnit.NANOSECONDS));
                        p.addLast("idle-close", idleClose);
                    }
                    p.addLast("frame", new LineBasedFrameDecoder(config.maxLine(), true, true));
                    p.addLast("text", new LineDecoder(config.maxLine()));
                    p.addLast("parse", parser);
                    p.addLast("rate", new RateLimit(config.commandsPerSecond(), System::nanoTime));
                    if (config.token() != null) {
                        p.addLast("auth", new AuthGate(config.token(), backoff, limit, System::nanoTime));
                    }
                    p.addLast("encode", encoder);
                    p.addLast(ClientLimit.SESSION, new Session(shared));
                }
            });
        // not syncUninterruptibly(): it rethrows the bind's checked BindException undeclared, past a catch
        ChannelFuture bound = b.bind(config.bind(), config.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            shutdownGroup();
            group = null;
            throw new ConfigException(cannotListen(config.bind(), config.port(), bound.cause()));
        }
        server = bound.channel();
    }

    /** One line naming why the console cannot listen and what to change. */
    static String cannotListen(String bind, int port, Throwable cause) {
        String where = bind + ":" + port;
        String m = String.valueOf(cause == null ? null : cause.getMessage());
        String lower = m.toLowerCase(java.util.Locale.ROOT);
        if (cause instanceof BindException && lower.contains("in use")) {
            return "console: port " + port + " on " + bind + " is in use (is another dexd running? stop it, or set"
                + " console.port to a free port, or 0 for any)";
        }
        if (cause instanceof BindException && lower.contains("assign")) {
            return "console: cannot listen on " + where + ": " + bind + " is not an address of this machine (set"
                + " console.bind, e.g. 127.0.0.1)";
        }
        if (lower.contains("permission") || lower.contains("access")) {
            return "console: cannot listen on " + where + ": permission denied (ports below 1024 need privileges;"
                + " set console.port above 1023)";
        }
        return "console: cannot listen on " + where + ": " + (cause == null ? "unknown cause" : cause.getClass()
            .getSimpleName() + ": " + m) + " (set console.bind and console.port, or leave the console section out)";
    }

    /**
     * Runs a few lines through the pipeline's decoders and encoder (no session: nothing reaches the
     * control thread or the log) and builds the solver's tables, before the control loop starts:
     * the classes they load and the metadata they take would otherwise come with the first client,
     * mid-run, and with them a garbage collection (a pause the control thread shares). A few rounds
     * load them all (both reply formats, every gate's refusal); more only cost start-up time in the
     * interpreter (200 rounds took 0.5 s of the time to the first tick).
     */
    private static final int WARM_UP_ROUNDS = 4;

    private void warmUp() {
        EmbeddedChannel ch = new EmbeddedChannel(new LineBasedFrameDecoder(config.maxLine(), true, true),
            new LineDecoder(config.maxLine()), new CommandParser(), new RateLimit(1e6, System::nanoTime),
            new ReplyEncoder());
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            ch.writeInbound(Unpooled.copiedBuffer("help\ngoals push R U\n\u0001\nstatus\n", StandardCharsets.UTF_8));
            for (Object in; (in = ch.readInbound()) != null; ) {
                Request r = (Request) in;
                Reply reply = r.problem() != null ? r.problem() : r.command() == Command.HELP ? Help.reply(r)
                    : Reply.okPairs("step=1 queued=2");
                ch.attr(ReplyEncoder.JSON).set(i % 2 == 0);
                ch.writeOutbound(reply.forCommand(r.command()), StatusLine.of(backend));
            }
            for (Object out; (out = ch.readOutbound()) != null; ) {
                ReferenceCountUtil.release(out);
            }
        }
        ch.finishAndReleaseAll();
        // the gates a stranger meets (token, backoff, a full console), so their classes are loaded too
        EmbeddedChannel gates = new EmbeddedChannel(new CommandParser(),
            new AuthGate("warm-up-token", new AuthBackoff(), null, System::nanoTime), new EstopOnly(1));
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            gates.writeInbound(Request.line("auth wrong-token", 0), Request.line("status", 0), Request.line("estop now", 0));
            for (Object in; (in = gates.readInbound()) != null; ) {
                ReferenceCountUtil.release(in);
            }
        }
        gates.finishAndReleaseAll();
        dev.dexd.common.startup.StartupTrace.mark("console warm-up: pipeline");
        CubeSolver.init();
        dev.dexd.common.startup.StartupTrace.mark("console warm-up: solver tables built");
    }

    /** The address listened on (the port is the real one when port 0 was configured). */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    public int port() {
        return address().getPort();
    }

    /** Clients connected now (with a token: authenticated ones). */
    public int clients() {
        return limit == null ? 0 : limit.open();
    }

    /** Connections refused because {@code max_clients} were open. */
    public int refusedClients() {
        return limit == null ? 0 : limit.refused();
    }

    /** Connections that are not clients now: waiting to authenticate (with a token), or over max_clients. */
    public int waitingClients() {
        return limit == null ? 0 : limit.waiting();
    }

    /** Watching clients dropped because they did not read their stream. */
    public long droppedWatchers() {
        return shared == null ? 0 : shared.dropped.get();
    }

    /**
     * A copy of the e-stop latencies so far (arrival at the server to the hold written by the
     * control thread), microseconds; taken on the event loop.
     */
    public Histogram estopLatencies() {
        return onLoop(1);
    }

    /** The same for every command handed to the control thread, microseconds. */
    public Histogram commandLatencies() {
        return onLoop(0);
    }

    private Histogram onLoop(int which) {
        try {
            return loop.submit(() -> shared.latencies.copy()[which]).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the console's event loop did not answer", e);
        }
    }

    /** Closes every connection and stops the threads. Call before the counters and the log close. */
    @Override
    public synchronized void close() {
        if (group == null) {
            return;
        }
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        loop.submit(() -> {
            shared.poller.stop();
            shared.log.flushConnections(System.nanoTime()); // what churn left counted, before the log closes
        }).awaitUninterruptibly(2, TimeUnit.SECONDS);
        shutdownGroup();
        group = null;
        shared.work.close();
    }

    private void shutdownGroup() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private static String seconds(long nanos) {
        double s = nanos / 1e9;
        return s == Math.rint(s) ? (long) s + " s" : s + " s";
    }
}
