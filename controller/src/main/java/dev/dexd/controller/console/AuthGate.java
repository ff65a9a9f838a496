package dev.dexd.controller.console;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Until the client sends {@code auth <token>} with the configured token, refuses every command but
 * {@code auth}, {@code quit} and {@code estop} ({@code ERR auth-required}); then takes a client slot
 * from the {@link ClientLimit} and steps out of the pipeline. Only in the pipeline when the daemon
 * has a token.
 *
 * <ul>
 *   <li>{@code estop} passes unauthenticated: anyone who can connect to the console can stop the
 *       hand, which is safer than refusing a stop (docs/console.md, "Who can stop the hand").</li>
 *   <li>A connection not authenticated within {@value #DEADLINE_SECONDS} s is told so in one line
 *       ({@code ERR auth-timeout}) and closed.</li>
 *   <li>Wrong tokens back off per source address ({@link AuthBackoff}): an {@code auth} sent too
 *       soon gets {@code ERR auth-backoff} without its token being looked at. After
 *       {@value #MAX_FAILURES} wrong tokens the connection is closed.</li>
 *   <li>The token is compared in constant time.</li>
 * </ul>
 */
public final class AuthGate extends MessageToMessageDecoder<Request> {
    static final int MAX_FAILURES = 3;
    static final int DEADLINE_SECONDS = 5;
    /** Fired down the pipeline (to the session, which logs it) when the deadline passes. */
    static final Object DEADLINE_PASSED = new Object() {
        @Override
        public String toString() {
            return "not authenticated within " + DEADLINE_SECONDS + " s";
        }
    };

    private final byte[] token;
    private final AuthBackoff backoff;
    private final ClientLimit limit;
    private final LongSupplier nanoClock;
    private ScheduledFuture<?> deadline;
    private int failures;

    /** A gate of its own (one connection, tests): its own backoff table, no client limit. */
    public AuthGate(String token) {
        this(token, new AuthBackoff(), null, System::nanoTime);
    }

    /**
     * @param backoff   the server's table of wrong tokens per address
     * @param limit     the server's client limit, whose slot an authenticated connection takes (null: none)
     * @param nanoClock the backoff's clock (the deadline runs on the event loop's)
     */
    public AuthGate(String token, AuthBackoff backoff, ClientLimit limit, LongSupplier nanoClock) {
        super(Request.class);
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.backoff = backoff;
        this.limit = limit;
        this.nanoClock = nanoClock;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isActive()) {
            arm(ctx);
        }
        super.handlerAdded(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        arm(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
        if (deadline != null) {
            deadline.cancel(false);
        }
        super.handlerRemoved(ctx);
    }

    private void arm(ChannelHandlerContext ctx) {
        if (deadline == null) {
            deadline = ctx.executor().schedule(() -> expire(ctx), DEADLINE_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        if (ctx.isRemoved() || !ctx.channel().isActive()) {
            return;
        }
        ctx.fireUserEventTriggered(DEADLINE_PASSED);
        ctx.channel().writeAndFlush(Reply.error("auth-timeout", "not authenticated within " + DEADLINE_SECONDS
            + " s; closing (send 'auth <token>' first)")).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Request r, List<Object> out) {
        if (r.problem() != null || r.command() == Command.QUIT || r.command() == Command.ESTOP) {
            out.add(r);
            return;
        }
        if (r.command() != Command.AUTH) {
            out.add(r.refuse(Reply.error("auth-required", "send 'auth <token>' first").forCommand(r.command())));
            return;
        }
        String address = address(ctx.channel().remoteAddress());
        long now = nanoClock.getAsLong();
        long wait = backoff.waitNanos(address, now);
        if (wait > 0) {
            int n = backoff.failures(address);
            out.add(r.refuse(Reply.error("auth-backoff", n + (n == 1 ? " wrong token" : " wrong tokens") + " from "
                + address + " in a row: its next 'auth' is taken in " + String.format(Locale.ROOT, "%.1f", wait / 1e9)
                + " s")
                .forCommand(Command.AUTH)));
            return;
        }
        if (MessageDigest.isEqual(token, r.arg().getBytes(StandardCharsets.UTF_8))) {
            backoff.succeeded(address);
            if (limit != null && !limit.admit(ctx.channel())) {
                out.add(r.refuse(Reply.error("busy", limit.max() + " clients are connected, the most this console"
                    + " serves; try again later").forCommand(Command.AUTH).thenClose()));
                return;
            }
            ctx.pipeline().remove(this);
            out.add(r);
            return;
        }
        failures++;
        long delay = backoff.failed(address, now);
        Reply wrong = Reply.error("auth-failed", "wrong token (the next 'auth' from " + address + " is taken in "
            + String.format(Locale.ROOT, "%.1f", delay / 1e9) + " s)").forCommand(Command.AUTH);
        out.add(r.refuse(failures >= MAX_FAILURES ? wrong.thenClose() : wrong));
    }

    /** The source address without its port: the key of the backoff table. */
    static String address(SocketAddress a) {
        if (a instanceof InetSocketAddress i && i.getAddress() != null) {
            return i.getAddress().getHostAddress();
        }
        return String.valueOf(a);
    }
}
