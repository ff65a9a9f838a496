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

    static final long SECOND = 1_000_000_000L;

    static Reply problem(EmbeddedChannel ch, String line) {
        ch.writeInbound(Request.line(line, 0));
        return ((Request) ch.readInbound()).problem();
    }

    @Test
    void theAuthGateLetsNothingButAuthQuitAndEstopThroughUntilTheTokenIsGiven() {
        AtomicLong now = new AtomicLong();
        EmbeddedChannel ch = new EmbeddedChannel(new CommandParser(),
            new AuthGate("s3cret-token", new AuthBackoff(), null, now::get));
        assertEquals("auth-required", problem(ch, "status").code());
        assertEquals("auth-required", problem(ch, "reset").code());
        assertNull(problem(ch, "estop"), "an e-stop needs no token");
        assertNull(problem(ch, "estop now please"), "nor does one with words after it");
        Reply wrong = problem(ch, "auth nope");
        assertEquals("auth-failed", wrong.code());
        assertFalse(wrong.close());
        assertEquals("auth-backoff", problem(ch, "auth s3cret-token").code(), "too soon after a wrong token");
        now.addAndGet(SECOND / 2);
        assertNull(problem(ch, "auth s3cret-token"), "taken once the backoff has passed");
        assertNull(ch.pipeline().get(AuthGate.class), "the gate steps out once passed");
        assertNull(problem(ch, "status"));
    }

    @Test
    void wrongTokensBackOffPerAddressDoublingUpToTheCap() {
        AtomicLong now = new AtomicLong();
        AuthBackoff backoff = new AuthBackoff();
        // two connections from one address share the backoff
        EmbeddedChannel a = new EmbeddedChannel(new CommandParser(), new AuthGate("s3cret-token", backoff, null, now::get));
        EmbeddedChannel b = new EmbeddedChannel(new CommandParser(), new AuthGate("s3cret-token", backoff, null, now::get));
        assertEquals("auth-failed", problem(a, "auth guess1").code());
        Reply tooSoon = problem(b, "auth s3cret-token");
        assertEquals("auth-backoff", tooSoon.code(), "the other connection from the same address waits too");
        assertTrue(tooSoon.message().contains("taken in 0.5 s"), tooSoon.message());
        now.addAndGet(SECOND / 2);
        assertTrue(problem(b, "auth guess2").message().contains("taken in 1.0 s"));
        now.addAndGet(SECOND / 2);
        assertEquals("auth-backoff", problem(a, "auth s3cret-token").code(), "the delay doubled");
        long delay = 0;
        for (int i = 3; i < 12; i++) {
            now.addAndGet(backoff.waitNanos("x", now.get()) + 60 * SECOND);
            delay = backoff.failed("x", now.get());
        }
        assertEquals(AuthBackoff.CAP_MILLIS * 1_000_000L, delay, "capped");
        assertEquals(0, backoff.waitNanos("y", now.get()), "another address does not wait");
        now.addAndGet(SECOND);
        assertEquals(0, backoff.waitNanos("embedded", now.get()));
        assertNull(problem(a, "auth s3cret-token"), "the right token once the wait is over");
        assertEquals(0, backoff.failures("embedded"), "and the address starts afresh");
    }

    @Test
    void theBackoffTableIsBounded() {
        AuthBackoff backoff = new AuthBackoff(100);
        for (int i = 0; i < 10_000; i++) {
            backoff.failed("127.0." + (i / 256) + "." + (i % 256), i);
        }
        assertEquals(100, backoff.size());
        assertTrue(backoff.waitNanos("127.0.39.15", 10_000) > 0, "the latest are remembered");
        assertEquals(0, backoff.waitNanos("127.0.0.0", 10_000), "the oldest forgotten");
    }

    @Test
    void threeWrongTokensCloseTheConnection() {
        AtomicLong now = new AtomicLong();
        EmbeddedChannel ch = new EmbeddedChannel(new CommandParser(),
            new AuthGate("s3cret-token", new AuthBackoff(), null, now::get));
        for (int i = 0; i < AuthGate.MAX_FAILURES - 1; i++) {
            assertFalse(problem(ch, "auth guess" + i).close());
            now.addAndGet(60 * SECOND);
        }
        Reply last = problem(ch, "auth guess");
        assertEquals("auth-failed", last.code());
        assertTrue(last.close());
    }

    @Test
    void aConnectionNotAuthenticatedInTimeIsToldInOneLineAndClosed() {
        EmbeddedChannel ch = new EmbeddedChannel(new ReplyEncoder(), new CommandParser(), new AuthGate("s3cret-token"));
        assertNull(problem(ch, "estop"));
        ch.advanceTimeBy(AuthGate.DEADLINE_SECONDS - 1, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isOpen(), "not before the deadline");
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        ch.runPendingTasks();
        assertEquals("ERR auth-timeout not authenticated within 5 s; closing (send 'auth <token>' first)\n",
            text(ch.readOutbound()));
        assertNull(ch.readOutbound(), "one line");
        assertFalse(ch.isOpen());

        EmbeddedChannel in = new EmbeddedChannel(new ReplyEncoder(), new CommandParser(), new AuthGate("s3cret-token"));
        assertNull(problem(in, "auth s3cret-token"));
        in.advanceTimeBy(AuthGate.DEADLINE_SECONDS + 1, TimeUnit.SECONDS);
        in.runScheduledPendingTasks();
        assertTrue(in.isOpen(), "an authenticated connection has no deadline");
        assertNull(in.readOutbound());
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
    void oneClientTooManyIsServedOnlyEstopForAFewSeconds() {
        ClientLimit limit = new ClientLimit(1);
        EmbeddedChannel first = new EmbeddedChannel(limit, new CommandParser());
        EmbeddedChannel second = new EmbeddedChannel(limit, new CommandParser());
        assertTrue(first.isOpen());
        assertNull(first.pipeline().get(EstopOnly.class), "the first is a client");
        assertEquals(1, limit.refused());
        assertEquals(1, limit.waiting());
        Reply busy = problem(second, "status");
        assertEquals("busy", busy.code());
        assertTrue(busy.message().startsWith("1 clients are connected, the most this console serves; this connection is"
            + " served only 'estop' and 'quit'"), busy.message());
        assertNull(problem(second, "estop"), "a full console still takes an e-stop");
        assertNull(problem(second, "quit"));
        second.pipeline().addFirst(new ReplyEncoder());
        second.advanceTimeBy(AuthGate.DEADLINE_SECONDS + 1, TimeUnit.SECONDS);
        second.runScheduledPendingTasks();
        second.runPendingTasks();
        assertEquals("ERR busy 1 clients are connected, the most this console serves; closing (try again later)\n",
            text(second.readOutbound()));
        assertFalse(second.isOpen(), "closed after a few seconds");
        assertEquals(0, limit.waiting());
        first.close();
        EmbeddedChannel third = new EmbeddedChannel(limit, new CommandParser());
        assertTrue(third.isOpen(), "a place is free again");
        assertNull(third.pipeline().get(EstopOnly.class));
        assertNull(problem(third, "status"));
    }

    @Test
    void withATokenOnlyAuthenticatedConnectionsTakeAClientSlot() {
        ClientLimit limit = new ClientLimit(1, true, 3);
        EmbeddedChannel a = new EmbeddedChannel(limit, new CommandParser(),
            new AuthGate("s3cret-token", new AuthBackoff(), limit, System::nanoTime));
        EmbeddedChannel b = new EmbeddedChannel(limit, new CommandParser(),
            new AuthGate("s3cret-token", new AuthBackoff(), limit, System::nanoTime));
        assertEquals(2, limit.waiting());
        assertEquals(0, limit.open(), "waiting connections take no slot");
        assertNull(problem(a, "auth s3cret-token"));
        assertEquals(1, limit.open());
        assertEquals(1, limit.waiting());
        Reply busy = problem(b, "auth s3cret-token");
        assertEquals("busy", busy.code(), "the one slot is taken");
        assertTrue(busy.close());
        assertEquals(1, limit.refused());
        a.close();
        assertEquals(0, limit.open(), "the slot is free again");
    }

    @Test
    void oneConnectionTooManyWaitingToAuthenticateClosesTheOldest() {
        ClientLimit limit = new ClientLimit(1, true, 3);
        List<EmbeddedChannel> chs = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            chs.add(new EmbeddedChannel(limit));
        }
        assertEquals(3, limit.waiting());
        assertEquals(1, limit.evicted());
        assertFalse(chs.get(0).isOpen(), "the oldest closed");
        assertTrue(text(chs.get(0).readOutbound()).startsWith("ERR busy 3 newer connections are waiting"));
        for (int i = 1; i < 4; i++) {
            assertTrue(chs.get(i).isOpen(), "the newer ones stay: " + i);
        }
    }

    @Test
    void estopWithWordsIsStillAnEstopAndSolveTakesSpacedFacelets() {
        Request estop = CommandParser.parse(Request.line("ESTOP now please", 0));
        assertNull(estop.problem());
        assertEquals(Command.ESTOP, estop.command());
        assertEquals("now please", estop.argText());
        Request solve = CommandParser.parse(Request.line(
            "solve UUUUUUUUU RRRRRRRRR FFFFFFFFF DDDDDDDDD LLLLLLLLL BBBBBBBBB", 0));
        assertNull(solve.problem(), "facelets with spaces");
        assertEquals(Command.SOLVE, solve.command());
        assertEquals("UUUUUUUUURRRRRRRRRFFFFFFFFFDDDDDDDDDLLLLLLLLLBBBBBBBBB", solve.arg());
        assertNull(CommandParser.parse(Request.line("solve", 0)).problem(), "no facelets: the cube's own state");
        assertEquals("bad-args", CommandParser.parse(Request.line("status now", 0)).problem().code(),
            "other commands still count their arguments");
    }

    @Test
    void anAuthLineIsRecognisedForTheLogEvenWhenItDoesNotParse() {
        assertTrue(ConsoleLog.isAuth("auth my secret token"), "a token with spaces: bad-args, still not logged");
        assertTrue(ConsoleLog.isAuth("  AUTH x"));
        assertTrue(ConsoleLog.isAuth("auth"));
        assertFalse(ConsoleLog.isAuth("authority"));
        assertFalse(ConsoleLog.isAuth("status"));
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
