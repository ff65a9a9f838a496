package dev.dexd.controller.console;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves at most {@code max} connections at once: one more gets {@code ERR busy} and is closed
 * before anything else of it is read. Shared by every connection of a server.
 */
@Sharable
public final class ClientLimit extends ChannelInboundHandlerAdapter {
    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    public ClientLimit(int max) {
        this.max = max;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.channel().closeFuture().addListener(f -> open.decrementAndGet());
        if (open.incrementAndGet() > max) {
            refused.incrementAndGet();
            ctx.channel().config().setAutoRead(false);
            ctx.writeAndFlush(ByteBufUtil.writeUtf8(ctx.alloc(), "ERR busy " + max
                + " clients are connected, the most this console serves; try again later\n"))
                .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.pipeline().remove(this);
        super.channelActive(ctx);
    }

    /** Connections open now (refused ones included until they are closed). */
    public int open() {
        return open.get();
    }

    /** Connections refused so far. */
    public int refused() {
        return refused.get();
    }
}
