package dev.dexd.controller.console;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A connection over {@code max_clients} on a console without a token: it is served only
 * {@code estop} and {@code quit} (everything else gets {@code ERR busy}), and only for
 * {@value AuthGate#DEADLINE_SECONDS} s, then it is told so in one line and closed. So a full
 * console still takes an e-stop. Put in the pipeline by {@link ClientLimit}, in the session's place
 * before it.
 */
final class EstopOnly extends MessageToMessageDecoder<Request> {
    /** Fired down the pipeline (to the session, which logs it) when the time is up. */
    static final Object TIME_UP = new Object() {
        @Override
        public String toString() {
            return "over max_clients, served only 'estop' for " + AuthGate.DEADLINE_SECONDS + " s";
        }
    };

    private final int max;
    private ScheduledFuture<?> deadline;

    EstopOnly(int max) {
        super(Request.class);
        this.max = max;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        deadline = ctx.executor().schedule(() -> expire(ctx), AuthGate.DEADLINE_SECONDS, TimeUnit.SECONDS);
        super.handlerAdded(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
        deadline.cancel(false);
        super.handlerRemoved(ctx);
    }

    private void expire(ChannelHandlerContext ctx) {
        if (ctx.isRemoved() || !ctx.channel().isActive()) {
            return;
        }
        ctx.fireUserEventTriggered(TIME_UP);
        ctx.channel().writeAndFlush(Reply.error("busy", max + " clients are connected, the most this console serves;"
            + " closing (try again later)")).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Request r, List<Object> out) {
        if (r.problem() != null || r.command() == Command.QUIT || r.command() == Command.ESTOP) {
            out.add(r);
            return;
        }
        out.add(r.refuse(Reply.error("busy", max + " clients are connected, the most this console serves; this"
            + " connection is served only 'estop' and 'quit' (try again later)").forCommand(r.command())));
    }
}
