package dev.dexd.controller.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Each handler of the console's pipeline alone, on an {@link EmbeddedChannel}. */
class PipelineTest {
    static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    static EmbeddedChannel lines(int max) {
        return new EmbeddedChannel(new LineBasedFrameDecoder(max, true, true), new LineDecoder(max));
    }

    @Test
    void theLineDecoderMakesRequestsOfTextLinesAndProblemsOfTheRest() {
        EmbeddedChannel ch = lines(64);
        ch.writeInbound(bytes("status\r\n\n   \n  goals  push R U \n\u00c3\u0028\nab\u0007c\n"));
        Request status = ch.readInbound();
        assertEquals("status", status.line());
        assertNull(status.problem());
        Request push = ch.readInbound();
        assertEquals("goals  push R U", push.line(), "trimmed, blank lines skipped");
        Request utf8 = ch.readInbound();
        assertEquals("not-text", utf8.problem().code(), "invalid UTF-8");
        Request bell = ch.readInbound();
        assertTrue(bell.problem().message().contains("0x07 at position 3"), bell.problem().message());
        assertNull(ch.readInbound());
        ch.writeInbound(Unpooled.copiedBuffer("goals push R U’\n", StandardCharsets.UTF_8));
        assertEquals("goals push R U’", ((Request) ch.readInbound()).line(), "UTF-8 text is text");
    }

    @Test
    void aLineOverTheLimitIsRefusedOnceAndTheRestOfItDiscarded() {
        EmbeddedChannel ch = lines(64);
        ch.writeInbound(bytes("x".repeat(100)));
        Request tooLong = ch.readInbound();
        assertEquals("too-long", tooLong.problem().code(), "refused as soon as it is too long");
        ch.writeInbound(bytes("y".repeat(10_000)));
        ch.writeInbound(bytes("zz\nstatus\n"));
        assertEquals("status", ((Request) ch.readInbound()).line(), "the rest discarded, the next line read");
        assertNull(ch.readInbound());
    }

    @Test
    void theParserFindsCommandsAndCountsArguments() {
        EmbeddedChannel ch = new EmbeddedChannel(new CommandParser());
        for (String line : List.of("STATUS", "goals PUSH R U R' U'", "goals", "goals fly", "flyaway", "goals flip",
            "watch 5 6", "perturb lock-joint WRJ1")) {
            ch.writeInbound(Request.line(line, 0));
        }
        Request status = ch.readInbound();
        assertEquals(Command.STATUS, status.command());
        Request push = ch.readInbound();
        assertEquals(Command.GOALS_PUSH, push.command());
        assertEquals("R U R' U'", push.argText());
        assertEquals(List.of("R", "U", "R'", "U'"), push.args());
        assertEquals("goals what? (push, flip, rotate, list, clear)", ((Request) ch.readInbound()).problem().message());
        assertTrue(((Request) ch.readInbound()).problem().message().startsWith("'goals fly' is not a command"));
        assertEquals("unknown-command", ((Request) ch.readInbound()).problem().code());
        assertEquals("usage: goals flip <U|R|F|D|L|B>", ((Request) ch.readInbound()).problem().message());
        assertEquals("usage: watch [hz]", ((Request) ch.readInbound()).problem().message());
        assertEquals("WRJ1", ((Request) ch.readInbound()).arg(), "arguments keep their case");
    }

    @Test
    void theRateLimitAllowsABurstThenTheRateAndNeverLimitsEstop() {
        AtomicLong now = new AtomicLong();
        EmbeddedChannel ch = new EmbeddedChannel(new CommandParser(), new RateLimit(2, now::get));
        for (int i = 0; i < 3; i++) {
            ch.writeInbound(Request.line("status", 0));
        }
        assertNull(((Request) ch.readInbound()).problem());
        assertNull(((Request) ch.readInbound()).problem());
        assertEquals("rate-limited", ((Request) ch.readInbound()).problem().code());
        ch.writeInbound(Request.line("estop", 0));
        assertNull(((Request) ch.readInbound()).problem(), "estop is never limited");
        now.addAndGet(500_000_000L);
        ch.writeInbound(Request.line("status", 0));
        ch.writeInbound(Request.line("status", 0));
        assertNull(((Request) ch.readInbound()).problem(), "one token back after half a second at 2/s");
        assertEquals("rate-limited", ((Request) ch.readInbound()).problem().code());
    }

    @Test
    void theAuthGateLetsNothingButAuthAndQuitThroughUntilTheTokenIsGiven() {
        EmbeddedChannel ch = new EmbeddedChannel(new CommandParser(), new AuthGate("s3cret-token"));
        ch.writeInbound(Request.line("status", 0));
        assertEquals("auth-required", ((Request) ch.readInbound()).problem().code());
        ch.writeInbound(Request.line("auth nope", 0));
        Request wrong = ch.readInbound();
        assertEquals("auth-failed", wrong.problem().code());
        assertFalse(wrong.problem().close());
        ch.writeInbound(Request.line("auth s3cret-token", 0));
        Request ok = ch.readInbound();
        assertNull(ok.problem());
        assertEquals(Command.AUTH, ok.command());
        assertNull(ch.pipeline().get(AuthGate.class), "the gate steps out once passed");
        ch.writeInbound(Request.line("status", 0));
        assertNull(((Request) ch.readInbound()).problem());
    }

    @Test
    void threeWrongTokensCloseTheConnection() {
        EmbeddedChannel ch = new EmbeddedChannel(new CommandParser(), new AuthGate("s3cret-token"));
        for (int i = 0; i < AuthGate.MAX_FAILURES; i++) {
            ch.writeInbound(Request.line("auth guess" + i, 0));
        }
        ch.readInbound();
        ch.readInbound();
        assertTrue(((Request) ch.readInbound()).problem().close());
    }

    @Test
    void repliesAreRenderedAsTextOrJson() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(new ReplyEncoder());
        Reply r = Reply.ok("2 rows").withBody(List.of("a", "b\nc")).withData(Map.of("n", 2)).forCommand(Command.HELP);
        ch.writeOutbound(r, Reply.error("bad-args", "usage: x"), new StreamLine("step=1", Map.of("step", 1)));
        assertEquals("| a\n| b c\nOK 2 rows\n", text(ch.readOutbound()));
        assertEquals("ERR bad-args usage: x\n", text(ch.readOutbound()));
        assertEquals("* step=1\n", text(ch.readOutbound()));
        ch.attr(ReplyEncoder.JSON).set(true);
        ch.writeOutbound(r, new StreamLine("step=1", Map.of("step", 1)));
        JsonNode json = new ObjectMapper().readTree(text(ch.readOutbound()));
        assertTrue(json.get("ok").asBoolean());
        assertEquals("help", json.get("command").asText());
        assertEquals(2, json.get("data").get("n").asInt());
        assertEquals("b\nc", json.get("lines").get(1).asText());
        assertEquals(1, new ObjectMapper().readTree(text(ch.readOutbound())).get("watch").get("step").asInt());
    }

    @Test
    void oneClientTooManyIsRefusedAtOnce() {
        ClientLimit limit = new ClientLimit(1);
        EmbeddedChannel first = new EmbeddedChannel(limit);
        EmbeddedChannel second = new EmbeddedChannel(limit);
        assertTrue(first.isOpen());
        assertTrue(text(second.readOutbound()).startsWith("ERR busy 1 clients are connected"));
        assertFalse(second.isOpen());
        assertEquals(1, limit.refused());
        first.close();
        EmbeddedChannel third = new EmbeddedChannel(limit);
        assertTrue(third.isOpen(), "a place is free again");
        assertNull(third.readOutbound());
    }

    @Test
    void anIdleConnectionIsToldAndClosed() {
        EmbeddedChannel ch = new EmbeddedChannel(new ReplyEncoder(),
            new IdleStateHandler(0, 0, 1, TimeUnit.SECONDS), new IdleClose("1 s"));
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runPendingTasks();
        ch.runScheduledPendingTasks();
        assertEquals("ERR idle nothing sent or received for 1 s; closing\n", text(ch.readOutbound()));
        assertFalse(ch.isOpen());
    }

    static String text(Object buf) {
        ByteBuf b = (ByteBuf) buf;
        try {
            return b.toString(StandardCharsets.UTF_8);
        } finally {
            b.release();
        }
    }
}
