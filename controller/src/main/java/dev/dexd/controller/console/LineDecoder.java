package dev.dexd.controller.console;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns each frame (one line, delimiter stripped, from a {@code LineBasedFrameDecoder} with
 * fail-fast) into a {@link Request}. A trailing CR is dropped (telnet, Windows), blank lines are
 * ignored, and a line that is not UTF-8 text or holds control characters becomes a
 * {@code not-text} problem; a line over the length limit becomes a {@code too-long} problem (the
 * frame decoder discards the rest of it). Problems are replied in order by the session like any
 * other command, and the connection carries on.
 */
public final class LineDecoder extends MessageToMessageDecoder<ByteBuf> {
    private final int maxLine;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    public LineDecoder(int maxLine) {
        super(ByteBuf.class);
        this.maxLine = maxLine;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        long now = System.nanoTime();
        int length = frame.readableBytes();
        if (length > 0 && frame.getByte(frame.writerIndex() - 1) == '\r') {
            length--;
        }
        ByteBuffer bytes = frame.nioBuffer(frame.readerIndex(), length);
        String text;
        try {
            text = utf8.reset().decode(bytes).toString();
        } catch (CharacterCodingException e) {
            out.add(Request.problem("(" + length + " bytes, not UTF-8)", now,
                Reply.error("not-text", "the line is not UTF-8 text; commands are text lines (try 'help')")));
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\t' && (c < 0x20 || c == 0x7f || Character.getType(c) == Character.CONTROL)) {
                out.add(Request.problem("(" + length + " bytes with control characters)", now,
                    Reply.error("not-text", String.format("the line holds control character 0x%02x at position %d;"
                        + " commands are text lines (try 'help')", (int) c, i + 1))));
                return;
            }
        }
        if (!text.isBlank()) {
            out.add(Request.line(text.strip(), now));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            ctx.fireChannelRead(Request.problem("(a line over " + maxLine + " bytes)", System.nanoTime(),
                Reply.error("too-long", "lines are at most " + maxLine + " bytes; the rest of this one is discarded")));
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }
}
