package dev.dexd.controller.console;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Until the client sends {@code auth <token>} with the configured token, refuses every command but
 * {@code auth} and {@code quit} ({@code ERR auth-required}); then steps out of the pipeline. The
 * token is compared in constant time; after {@value #MAX_FAILURES} wrong tokens the connection is
 * closed. Only in the pipeline when the daemon has a token.
 */
public final class AuthGate extends MessageToMessageDecoder<Request> {
    static final int MAX_FAILURES = 3;

    private final byte[] token;
    private int failures;

    public AuthGate(String token) {
        super(Request.class);
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Request r, List<Object> out) {
        if (r.problem() != null || r.command() == Command.QUIT) {
            out.add(r);
            return;
        }
        if (r.command() != Command.AUTH) {
            out.add(r.refuse(Reply.error("auth-required", "send 'auth <token>' first").forCommand(r.command())));
            return;
        }
        if (MessageDigest.isEqual(token, r.arg().getBytes(StandardCharsets.UTF_8))) {
            ctx.pipeline().remove(this);
            out.add(r);
            return;
        }
        failures++;
        Reply wrong = Reply.error("auth-failed", "wrong token").forCommand(Command.AUTH);
        out.add(r.refuse(failures >= MAX_FAILURES ? wrong.thenClose() : wrong));
    }
}
