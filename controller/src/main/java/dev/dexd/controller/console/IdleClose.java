package dev.dexd.controller.console;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes a connection on the {@link IdleStateEvent} of the {@code IdleStateHandler} before it (no
 * byte read or written for the idle timeout), saying why first.
 */
@Sharable
public final class IdleClose extends ChannelInboundHandlerAdapter {
    private final String timeout;

    public IdleClose(String timeout) {
        this.timeout = timeout;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.channel().writeAndFlush(Reply.error("idle", "nothing sent or received for " + timeout + "; closing"))
                .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }
}
