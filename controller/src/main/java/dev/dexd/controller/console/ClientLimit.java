package dev.dexd.controller.console;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves at most {@code max} clients at once. Shared by every connection of a server.
 *
 * <p>Without a token every connection is a client: one more gets {@code ERR busy} and is closed
 * before anything else of it is read. With a token ({@code gated}) a connection takes a client
 * slot only once it authenticates ({@link #admit}, called by the {@link AuthGate}); until then it
 * waits among at most {@value #MAX_WAITING} connections that have not authenticated (each for at
 * most the gate's deadline), and one more closes the oldest of them. So connections that never
 * authenticate can neither take the operator's slot nor keep the operator from connecting (and
 * sending {@code estop}, which needs no token).
 */
@Sharable
public final class ClientLimit extends ChannelInboundHandlerAdapter {
    static final int MAX_WAITING = 64;

    private final int max;
    private final boolean gated;
    private final int maxWaiting;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger evicted = new AtomicInteger();
    private final ArrayDeque<Channel> waiting = new ArrayDeque<>();

    /** A limit for a console without a token: every connection is a client. */
    public ClientLimit(int max) {
        this(max, false, MAX_WAITING);
    }

    public ClientLimit(int max, boolean gated) {
        this(max, gated, MAX_WAITING);
    }

    ClientLimit(int max, boolean gated, int maxWaiting) {
        this.max = max;
        this.gated = gated;
        this.maxWaiting = maxWaiting;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (gated) {
            awaitAuth(ctx.channel());
        } else if (!take(ctx.channel())) {
            ctx.channel().config().setAutoRead(false);
            ctx.writeAndFlush(ByteBufUtil.writeUtf8(ctx.alloc(), busy())).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.pipeline().remove(this);
        super.channelActive(ctx);
    }

    /**
     * An authenticated connection takes a client slot; false (nothing taken) when {@code max}
     * clients are connected. Event loop.
     */
    public boolean admit(Channel ch) {
        synchronized (waiting) {
            waiting.remove(ch);
        }
        return take(ch);
    }

    private boolean take(Channel ch) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            refused.incrementAndGet();
            return false;
        }
        ch.closeFuture().addListener(f -> open.decrementAndGet());
        return true;
    }

    private void awaitAuth(Channel ch) {
        Channel oldest = null;
        synchronized (waiting) {
            waiting.add(ch);
            if (waiting.size() > maxWaiting) {
                oldest = waiting.poll();
            }
        }
        ch.closeFuture().addListener(f -> {
            synchronized (waiting) {
                waiting.remove(ch);
            }
        });
        if (oldest != null) {
            evicted.incrementAndGet();
            oldest.config().setAutoRead(false);
            oldest.writeAndFlush(ByteBufUtil.writeUtf8(oldest.alloc(), "ERR busy " + maxWaiting
                + " newer connections are waiting to authenticate; this one, the oldest, is closed\n"))
                .addListener(ChannelFutureListener.CLOSE);
        }
    }

    private String busy() {
        return "ERR busy " + max + " clients are connected, the most this console serves; try again later\n";
    }

    /** The most clients served at once ({@code max_clients}). */
    public int max() {
        return max;
    }

    /** Clients connected now (with a token: authenticated ones). */
    public int open() {
        return open.get();
    }

    /** Connections waiting to authenticate now (0 without a token). */
    public int waiting() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    /** Connections refused so far because {@code max} clients were connected. */
    public int refused() {
        return refused.get();
    }

    /** Connections closed so far to make room for a newer one waiting to authenticate. */
    public int evicted() {
        return evicted.get();
    }
}
