package dev.dexd.controller.console;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A per-connection token bucket: {@code perSecond} commands a second with a burst of as many (at
 * least one). A command over the rate is not run; it gets {@code ERR rate-limited} in its place.
 * {@code estop} is never limited: stopping the hand must always get through.
 */
public final class RateLimit extends MessageToMessageDecoder<Request> {
    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastNanos;

    public RateLimit(double perSecond, LongSupplier nanoClock) {
        super(Request.class);
        this.perSecond = perSecond;
        this.burst = Math.max(1.0, perSecond);
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.lastNanos = nanoClock.getAsLong();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Request r, List<Object> out) {
        out.add(admit(r));
    }

    Request admit(Request r) {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - lastNanos) * 1e-9 * perSecond);
        lastNanos = now;
        if (r.command() == Command.ESTOP && r.problem() == null) {
            return r;
        }
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return r;
        }
        return r.refuse(Reply.error("rate-limited", "at most " + rate() + " commands a second on one connection;"
            + " this one was not run").forCommand(r.command()));
    }

    private String rate() {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
    }
}
