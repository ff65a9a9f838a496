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
 * <p>Without a token every connection is a client; one more is served only {@code estop} and
 * {@code quit}, for a few seconds ({@link EstopOnly}). With a token ({@code gated}) a connection
 * takes a client slot only once it authenticates ({@link #admit}, called by the {@link AuthGate}).
 * Either way, a connection that is not a client waits among at most {@value #MAX_WAITING} such
 * connections (each for at most {@value AuthGate#DEADLINE_SECONDS} s), and one more closes the
 * oldest of them. So connections that never become clients can neither take the operator's slot
 * nor keep the operator from connecting and sending {@code estop}.
 */
@Sharable
public final class ClientLimit extends ChannelInboundHandlerAdapter {
    static final int MAX_WAITING = 64;
    /** The name of the pipeline's last handler, before which {@link EstopOnly} goes. */
    static final String SESSION = "session";

    private final int max;
    private final boolean gated;
    private final int maxWaiting;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger evicted = new AtomicInteger();
    private final ArrayDeque<Channel> waiting = new ArrayDeque<>();

    /** A limit for a console without a token: connections are clients in the order they come. */
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
            notAClient(ctx.channel());
        } else if (!take(ctx.channel())) {
            notAClient(ctx.channel());
            if (ctx.pipeline().get(SESSION) != null) {
                ctx.pipeline().addBefore(SESSION, "estop-only", new EstopOnly(max));
            } else {
                ctx.pipeline().addLast("estop-only", new EstopOnly(max));
            }
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

    private void notAClient(Channel ch) {
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
            oldest.writeAndFlush(ByteBufUtil.writeUtf8(oldest.alloc(), "ERR busy " + maxWaiting + " newer connections"
                + (gated ? " are waiting to authenticate" : " wait for a place") + "; this one, the oldest, is closed\n"))
                .addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The most clients served at once ({@code max_clients}). */
    public int max() {
        return max;
    }

    /** Clients connected now (with a token: authenticated ones). */
    public int open() {
        return open.get();
    }

    /** Connections that are not clients now: waiting to authenticate, or served only {@code estop}. */
    public int waiting() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    /** Connections that found {@code max} clients connected so far (served only {@code estop}, or refused at {@code auth}). */
    public int refused() {
        return refused.get();
    }

    /** Connections closed so far to make room for a newer one waiting to authenticate. */
    public int evicted() {
        return evicted.get();
    }
}
