package dev.dexd.controller.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.daemon.Daemon;
import dev.dexd.controller.goals.CubeNotation;
import dev.dexd.controller.goals.CubeState;
import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.StepLogReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's network side against a running daemon (lockstep simulation) whose console has a
 * token and two client slots, with real TCP clients on loopback: the e-stop needs no token and
 * ignores words after it, connections that do not authenticate take no slot and are closed after
 * the deadline with one line, wrong tokens back off per address across connections, a flood of
 * refused lines becomes a few counted events in the step log, and {@code solve} takes spaced facelets.
 */
class ConsoleNetworkTest {
    static final String TOKEN = "t0ken-for-network-tests";
    static final int MAX_CLIENTS = 2;

    static Daemon daemon;
    static int port;

    @BeforeAll
    static void startDaemon(@TempDir Path dir) {
        ConsoleRig rig = new ConsoleRig(dir);
        daemon = ConsoleRig.start(rig.config("net", "lockstep", 20, "bind: 127.0.0.1\nport: 0\nmax_clients: "
            + MAX_CLIENTS + "\nmax_line: 4096\nidle_timeout_s: 60\ncommands_per_second: 100000\ntoken: " + TOKEN + "\n"),
            true);
        port = daemon.console().port();
    }

    @AfterAll
    static void stopDaemon() {
        if (daemon != null) {
            assertTrue(daemon.isRunning(), "the daemon still runs after every client");
            daemon.close();
        }
    }

    static ConsoleClient connect() throws IOException {
        return ConsoleClient.connect("127.0.0.1", port, 10_000);
    }

    /** Authenticates, waiting out a backoff another test's wrong token left on this address. */
    static ConsoleClient.Response auth(ConsoleClient c) throws Exception {
        long deadline = System.nanoTime() + 4_000_000_000L;
        ConsoleClient.Response r = c.send("auth " + TOKEN);
        while (r.code().equals("auth-backoff") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            r = c.send("auth " + TOKEN);
        }
        return r;
    }

    static ConsoleClient authenticated() throws Exception {
        ConsoleClient c = connect();
        ConsoleClient.Response r = auth(c);
        assertTrue(r.ok(), r.status());
        return c;
    }

    @Test
    void anEstopNeedsNoTokenAndWordsAfterItAreIgnored() throws Exception {
        try (ConsoleClient stranger = connect()) {
            ConsoleClient.Response estop = stranger.send("ESTOP now please");
            assertTrue(estop.ok(), estop.status());
            assertTrue(estop.message().startsWith("e-stop latched at step"), estop.status());
            assertTrue(estop.message().endsWith("(ignored: \"now please\")"), estop.status());
            assertEquals("auth-required", stranger.send("reset").code(), "clearing it needs the token");
            assertEquals("auth-required", stranger.send("status").code());
        }
        try (ConsoleClient operator = authenticated()) {
            assertTrue(operator.send("status").message().contains(" estop=on "), "latched");
            assertTrue(operator.send("reset").ok());
            ConsoleClient.Response plain = operator.send("estop");
            assertFalse(plain.message().contains("ignored"), plain.status());
            assertTrue(operator.send("reset").ok());
        }
    }

    @Test
    void withoutATokenAFullConsoleStillTakesAnEstop(@TempDir Path dir) throws Exception {
        ConsoleRig rig = new ConsoleRig(dir);
        try (Daemon open = ConsoleRig.start(rig.config("full", "lockstep", 20, "bind: 127.0.0.1\nport: 0\nmax_clients: 1\n"
            + "idle_timeout_s: 60\n"), true);
             ConsoleClient first = ConsoleClient.connect("127.0.0.1", open.console().port(), 10_000);
             ConsoleClient second = ConsoleClient.connect("127.0.0.1", open.console().port(), 10_000)) {
            long opened = System.nanoTime();
            assertTrue(first.send("status").message().contains(" estop=off "));
            ConsoleClient.Response busy = second.send("status");
            assertEquals("busy", busy.code(), busy.status());
            ConsoleClient.Response estop = second.send("estop");
            assertTrue(estop.ok() && estop.message().startsWith("e-stop latched"), estop.status());
            assertTrue(first.send("status").message().contains(" estop=on "), "latched by the connection over the limit");
            assertEquals("busy", second.send("reset").code(), "only estop and quit");
            assertTrue(first.send("reset").ok());
            second.timeout(20_000);
            assertEquals("ERR busy 1 clients are connected, the most this console serves; closing (try again later)",
                second.readLine());
            assertNull(second.readLine(), "one line, then closed");
            assertTrue(System.nanoTime() - opened > 4_500_000_000L, "not before 5 s");
            assertTrue(first.send("status").ok(), "the client is served on");
        }
    }

    @Test
    void connectionsThatDoNotAuthenticateTakeNoSlotAndAreClosedAfterTheDeadlineWithOneLine() throws Exception {
        List<Socket> strangers = new ArrayList<>();
        List<ConsoleClient> clients = new ArrayList<>();
        try {
            long opened = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                strangers.add(s);
            }
            awaitWaiting(10);
            for (int i = 0; i < MAX_CLIENTS; i++) {
                clients.add(authenticated());
            }
            assertEquals(MAX_CLIENTS, daemon.console().clients(), "both slots taken by the authenticated clients");
            try (ConsoleClient third = connect()) {
                ConsoleClient.Response busy = auth(third);
                assertEquals("busy", busy.code(), busy.status());
                assertNull(third.readLine(), "closed once refused");
            }
            for (Socket s : strangers) {
                s.setSoTimeout(20_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                String line = in.readLine();
                assertEquals("ERR auth-timeout not authenticated within 5 s; closing (send 'auth <token>' first)", line);
                assertNull(in.readLine(), "one line, then closed");
            }
            assertTrue(System.nanoTime() - opened > 4_500_000_000L, "not before the 5 s deadline");
            for (ConsoleClient c : clients) {
                assertTrue(c.send("status").ok(), "authenticated clients have no deadline");
            }
            assertEquals(0, daemon.console().waitingClients());
        } finally {
            for (Socket s : strangers) {
                s.close();
            }
            for (ConsoleClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void wrongTokensBackOffPerAddressAcrossConnections() throws Exception {
        try (ConsoleClient guesser = connect(); ConsoleClient next = connect()) {
            ConsoleClient.Response wrong = guesser.send("auth not-the-token");
            assertEquals("auth-failed", wrong.code(), wrong.status());
            ConsoleClient.Response tooSoon = next.send("auth " + TOKEN);
            assertEquals("auth-backoff", tooSoon.code(), "a new connection from the same address waits too: "
                + tooSoon.status());
            assertTrue(tooSoon.message().contains("from 127.0.0.1"), tooSoon.status());
            assertEquals("auth-required", next.send("status").code(), "and is not authenticated");
            assertTrue(auth(next).ok(), "the right token once the backoff has passed");
            assertTrue(next.send("status").ok());
        }
    }

    @Test
    void solveTakesFaceletsWrittenWithSpaces() throws Exception {
        String facelets = new CubeState().apply(CubeNotation.parse(ConsoleDaemonTest.SCRAMBLE)).facelets();
        StringBuilder spaced = new StringBuilder();
        for (int i = 0; i < 54; i += 9) {
            spaced.append(facelets, i, i + 9).append(' ');
        }
        try (ConsoleClient c = authenticated()) {
            ConsoleClient.Response r = c.send("solve " + spaced.toString().toLowerCase());
            assertTrue(r.ok(), r.text());
            assertTrue(r.body().contains("facelets: " + facelets), r.text());
            assertTrue(c.send("goals clear").ok());
        }
    }

    @Test
    void aFloodOfRefusedLinesIsLoggedAsAFewCountedEvents() throws Exception {
        long sent;
        String client;
        long floodNanos;
        try (ConsoleClient c = authenticated()) {
            client = "127.0.0.1:" + c.localPort();
            c.timeout(20_000);
            AtomicLong replies = new AtomicLong();
            Thread reader = new Thread(() -> {
                try {
                    while (c.readLine() != null) {
                        replies.incrementAndGet();
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "flood-reader");
            reader.start();
            String batch = "dance\nstatus now\n\u0001\n".repeat(100);
            long t0 = System.nanoTime();
            sent = 0;
            while (System.nanoTime() - t0 < 2_500_000_000L) {
                c.write(batch);
                sent += 300;
                // keep within a batch of the replies (the console stops reading a client that does not read)
                while (replies.get() < sent - 300) {
                    Thread.sleep(1);
                }
            }
            c.write("quit");
            reader.join(20_000);
            floodNanos = System.nanoTime() - t0;
            assertEquals(sent + 1, replies.get(), "every line got its reply");
        }
        // the log: the lines refused one at a time written in full, the rest as counts, at most one a second
        Pattern tally = Pattern.compile(Pattern.quote(client) + " (\\d+) lines? in the last \\d+\\.\\d s not logged one"
            + " by one \\((.*)\\)");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            long counted = 0;
            int events = 0;
            int full = 0;
            List<String> kinds = new ArrayList<>();
            try (StepLogReader r = StepLogReader.open(daemon.logDirectory())) {
                for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                    if (e != StepLogReader.Entry.EVENT || r.event().type() != EventType.CONSOLE_COMMAND) {
                        continue;
                    }
                    String text = r.event().text();
                    if (!text.startsWith(client + " ")) {
                        continue;
                    }
                    Matcher m = tally.matcher(text);
                    if (m.matches()) {
                        counted += Long.parseLong(m.group(1));
                        kinds.add(m.group(2));
                        events++;
                    } else if (text.contains(" -> ERR ")) {
                        counted++;
                        full++;
                        events++;
                    }
                }
            }
            if (counted == sent || System.nanoTime() > deadline) {
                assertEquals(sent, counted, "every refused line is in the log, in full or counted");
                double seconds = floodNanos / 1e9;
                assertTrue(events <= Math.ceil(seconds) + 3, events + " events (" + full + " lines in full) for "
                    + sent + " refused lines in " + seconds + " s: at most one a second");
                assertTrue(events * 20 < sent, events + " events for " + sent + " lines");
                assertTrue(kinds.stream().anyMatch(k -> k.contains("unknown-command x") && k.contains("bad-args x")
                    && k.contains("not-text x")), "counted by kind: " + kinds);
                break;
            }
            Thread.sleep(200);
        }
    }

    @Test
    void linesRefusedBeforeAuthenticationAreCountedToo() throws Exception {
        String client;
        try (ConsoleClient stranger = connect()) {
            client = "127.0.0.1:" + stranger.localPort();
            stranger.write("status\ngoals list\nstart\nquit");
            for (int i = 0; i < 3; i++) {
                assertEquals("auth-required", stranger.readReply().code());
            }
            assertTrue(stranger.readReply().ok(), "quit");
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            List<String> texts = new ArrayList<>();
            try (StepLogReader r = StepLogReader.open(daemon.logDirectory())) {
                for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                    if (e == StepLogReader.Entry.EVENT && r.event().type() == EventType.CONSOLE_COMMAND
                        && r.event().text().startsWith(client + " ")) {
                        texts.add(r.event().text());
                    }
                }
            }
            boolean done = texts.stream().anyMatch(t -> t.endsWith(" disconnected"));
            if (done || System.nanoTime() > deadline) {
                assertTrue(texts.contains(client + " status -> ERR auth-required send 'auth <token>' first"),
                    "the first in full: " + texts);
                assertTrue(texts.contains(client + " 2 lines in the last 0.0 s not logged one by one (auth-required x2)")
                    || texts.stream().anyMatch(t -> t.matches(Pattern.quote(client) + " 2 lines in the last \\d\\.\\d s"
                    + " not logged one by one \\(auth-required x2\\)")), "the others counted: " + texts);
                break;
            }
            Thread.sleep(200);
        }
    }

    @Test
    void connectionsOpenedAndClosedInALoopAreLoggedAsCounts() throws Exception {
        int n = 400;
        java.util.Set<String> ours = new java.util.HashSet<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                ours.add("127.0.0.1:" + s.getLocalPort());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Pattern tally = Pattern.compile("console: (\\d+) connection events in the last \\d+\\.\\d s not logged one by"
            + " one \\((.*)\\)");
        Pattern kind = Pattern.compile("(connected|disconnected) x(\\d+)");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            long connected = 0;
            long disconnected = 0;
            long events = 0;
            boolean started = false;
            try (StepLogReader r = StepLogReader.open(daemon.logDirectory())) {
                for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                    if (e != StepLogReader.Entry.EVENT || r.event().type() != EventType.CONSOLE_COMMAND) {
                        continue;
                    }
                    String text = r.event().text();
                    int space = text.indexOf(' ');
                    boolean mine = space > 0 && ours.contains(text.substring(0, space));
                    started |= mine;
                    if (!started) {
                        continue;
                    }
                    Matcher m = tally.matcher(text);
                    if (m.matches()) {
                        events++;
                        for (Matcher k = kind.matcher(m.group(2)); k.find(); ) {
                            long c = Long.parseLong(k.group(2));
                            if (k.group(1).equals("connected")) {
                                connected += c;
                            } else {
                                disconnected += c;
                            }
                        }
                    } else if (mine) {
                        events++;
                        connected += text.endsWith(" connected") ? 1 : 0;
                        disconnected += text.endsWith(" disconnected") ? 1 : 0;
                    }
                }
            }
            // the tallies are server-wide: a connection of another test of this class may be counted too
            if (connected >= n && disconnected >= n || System.nanoTime() > deadline) {
                assertTrue(connected >= n && connected <= n + 16, "every connection in the log, in full or counted: "
                    + connected + " of " + n);
                assertTrue(disconnected >= n && disconnected <= n + 16,
                    "every disconnection in the log, in full or counted: " + disconnected + " of " + n);
                assertTrue(events <= (ConsoleLog.CONNECTION_EVENTS_PER_SECOND + 1) * (Math.ceil(seconds) + 2),
                    events + " events for " + n + " connections in " + seconds + " s");
                assertTrue(events < n, events + " events for " + 2 * n + " connection events");
                break;
            }
            Thread.sleep(200);
        }
    }

    @Test
    void repeatedEstopsAreLoggedAsCountsAndEachIsReplied() throws Exception {
        int n = 300;
        String client;
        try (ConsoleClient c = authenticated()) {
            client = "127.0.0.1:" + c.localPort();
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < n; i++) {
                batch.append("estop\n");
            }
            c.write(batch.toString().trim());
            for (int i = 0; i < n; i++) {
                ConsoleClient.Response r = c.readReply();
                assertTrue(r.ok() && r.message().startsWith("e-stop latched"), r.status());
            }
            assertTrue(c.send("reset").ok());
        }
        Pattern tally = Pattern.compile(Pattern.quote(client) + " (\\d+) lines? in the last \\d+\\.\\d s not logged one"
            + " by one \\(estop x(\\d+)\\)");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            long counted = 0;
            int events = 0;
            try (StepLogReader r = StepLogReader.open(daemon.logDirectory())) {
                for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                    if (e == StepLogReader.Entry.EVENT && r.event().type() == EventType.CONSOLE_COMMAND) {
                        String text = r.event().text();
                        Matcher m = tally.matcher(text);
                        if (m.matches()) {
                            counted += Long.parseLong(m.group(1));
                            events++;
                        } else if (text.startsWith(client + " estop -> OK ")) {
                            counted++;
                            events++;
                        }
                    }
                }
            }
            if (counted == n || System.nanoTime() > deadline) {
                assertEquals(n, counted, "every e-stop in the log, in full or counted");
                assertTrue(events <= 6, events + " events for " + n + " e-stops sent at once");
                break;
            }
            Thread.sleep(200);
        }
    }

    private static void awaitWaiting(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (daemon.console().waitingClients() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(daemon.console().waitingClients() >= n, daemon.console().waitingClients() + " waiting");
    }
}
