package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.console.ConsoleClient;
import dev.dexd.controller.console.ConsoleRig;
import dev.dexd.controller.console.InteractiveConsole;
import dev.dexd.controller.daemon.Daemon;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dexd console} against a running daemon (lockstep simulation) whose console has a token. */
class ConsoleCommandTest {
    static final String TOKEN = "t0ken-for-tests";
    static Daemon daemon;
    static String port;

    @BeforeAll
    static void start(@TempDir Path dir) {
        ConsoleRig rig = new ConsoleRig(dir);
        daemon = ConsoleRig.start(rig.config("cli", "lockstep", 20, ConsoleRig.console("token: " + TOKEN + "\n")), true);
        port = Integer.toString(daemon.console().port());
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    static CliRunner.Run console(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "console";
        all[1] = "--port";
        all[2] = port;
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRunner.run(all);
    }

    @Test
    void aCommandPrintsItsReplyAndExitsZeroForOkOneForErr() {
        CliRunner.Run status = console("--token", TOKEN, "status");
        assertEquals(0, status.exit(), status.out() + status.err());
        assertTrue(status.out().startsWith("OK step="), status.out());
        CliRunner.Run push = console("--token", TOKEN, "goals", "push", "R U R' U'");
        assertEquals(0, push.exit(), push.out());
        assertTrue(push.out().startsWith("OK queued 4 moves as "), push.out());
        CliRunner.Run bad = console("--token", TOKEN, "goals", "flip", "Q");
        assertEquals(1, bad.exit());
        assertEquals("ERR bad-args 'Q' is not a face: use one of U R F D L B\n", bad.out());
        CliRunner.Run help = console("--token", TOKEN, "help");
        assertTrue(help.out().lines().anyMatch(l -> l.startsWith("solve [54 facelets]")), help.out());
    }

    @Test
    void withoutTheRightTokenNothingButAuthWorks() {
        CliRunner.Run none = console("status");
        assertEquals(1, none.exit());
        assertEquals("ERR auth-required send 'auth <token>' first\n", none.out());
        CliRunner.Run wrong = console("--token", "not-the-token", "status");
        assertEquals(1, wrong.exit());
        assertTrue(wrong.out().startsWith("ERR auth-failed"), wrong.out());
    }

    @Test
    void thePromptWithoutTheTokenIsOneLineAndExitOne() throws Exception {
        CliRunner.Run r = CompletableFuture.supplyAsync(() -> console()).get(30, TimeUnit.SECONDS);
        assertEquals(1, r.exit(), r.out() + r.err());
        assertEquals("dexd: the dexd console at 127.0.0.1:" + port + " needs its token: give --token, or set"
            + " $DEXD_CONSOLE_TOKEN (which keeps it out of the process list)\n", r.err());
    }

    @Test
    void anUnreachableDaemonIsAUserError() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        CliRunner.Run r = CliRunner.run("console", "--port", Integer.toString(free), "--timeout", "2", "status");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("dexd: cannot reach the dexd console at 127.0.0.1:" + free), r.err());
    }

    @Test
    void aDaemonThatClosesTheConnectionIsOneLineAndExitOne() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread closer = closeAfterOneLine(server, 2);
            CliRunner.Run r = CliRunner.run("console", "--port", Integer.toString(server.getLocalPort()), "status");
            assertEquals(1, r.exit(), r.out() + r.err());
            assertEquals("", r.out());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("dexd: the daemon at 127.0.0.1:" + server.getLocalPort()
                + " closed the connection (is it still running?"), r.err());
            // with a token: the auth's reply never comes
            CliRunner.Run auth = CliRunner.run("console", "--port", Integer.toString(server.getLocalPort()), "--token",
                TOKEN, "status");
            assertEquals(1, auth.exit(), auth.out() + auth.err());
            assertTrue(auth.err().startsWith("dexd: the daemon at 127.0.0.1:"), auth.err());
            closer.join(5_000);
        }
    }

    @Test
    void theInteractivePromptSaysWhenTheDaemonClosesTheConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread closer = closeAfterOneLine(server, 1);
            PipedOutputStream keys = new PipedOutputStream();
            PipedInputStream in = new PipedInputStream(keys);
            ByteArrayOutputStream screen = new ByteArrayOutputStream();
            ConsoleClient client = ConsoleClient.connect("127.0.0.1", server.getLocalPort(), 5_000);
            try (Terminal terminal = TerminalBuilder.builder().system(false).streams(in, screen)
                .type(Terminal.TYPE_DUMB).build()) {
                CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> {
                    try {
                        new InteractiveConsole(client, terminal, null, List.of()).run("hello");
                        return null;
                    } catch (Exception e) {
                        return e;
                    }
                });
                type(keys, "status\n");
                Throwable thrown = run.get(20, TimeUnit.SECONDS);
                assertTrue(thrown instanceof ConsoleClient.ClosedException, String.valueOf(thrown));
            }
            assertTrue(client.isClosed());
            closer.join(5_000);
        }
    }

    /** A "daemon" on a real loopback socket that reads one line of each of {@code n} connections and closes it. */
    private static Thread closeAfterOneLine(ServerSocket server, int n) {
        Thread t = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                try (java.net.Socket s = server.accept()) {
                    s.setSoTimeout(10_000);
                    new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }, "closing-daemon");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void runWithTheConsolePortInUseIsOneLineAndExitOne(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            ConsoleRig rig = new ConsoleRig(dir);
            Path config = rig.config("taken", "lockstep", 20, "bind: 127.0.0.1\nport: " + taken.getLocalPort() + "\n");
            CliRunner.Run r = CliRunner.run("run", "--config", config.toString(), "--duration", "1", "--log",
                dir.resolve("logs").toString());
            assertEquals(1, r.exit(), r.out() + r.err());
            assertEquals("dexd: console: port " + taken.getLocalPort() + " on 127.0.0.1 is in use (is another dexd"
                + " running? stop it, or set console.port to a free port, or 0 for any)\n", r.err());
        }
    }

    @Test
    void theInteractivePromptRunsCommandsAndShowsTheWatchStream() throws Exception {
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        ConsoleClient client = ConsoleClient.connect("127.0.0.1", Integer.parseInt(port), 5_000);
        assertTrue(client.send("auth " + TOKEN).ok());
        try (Terminal terminal = TerminalBuilder.builder().system(false).streams(in, screen)
            .type(Terminal.TYPE_DUMB).build()) {
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return new InteractiveConsole(client, terminal, null, List.of("WRJ1")).run("hello");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            type(keys, "status\n");
            type(keys, "watch 20\n");
            Thread.sleep(400);
            type(keys, "unwatch\n");
            type(keys, "goals rotate up\n");
            type(keys, "quit\n");
            assertEquals(0, run.get(20, TimeUnit.SECONDS));
        }
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("hello"), shown);
        assertTrue(shown.contains("OK step="), shown);
        assertTrue(shown.contains("* state=running step="), "the stream is shown: " + shown);
        assertTrue(shown.contains("OK stopped watching"), shown);
        assertTrue(shown.contains("ERR bad-args 'up' is not a direction"), shown);
        assertTrue(shown.contains("OK bye"), shown);
        assertTrue(client.isClosed());
    }

    @Test
    void watchStreamsUntilTheDaemonGoes() throws Exception {
        // last in effect: a second daemon, closed while watched
        Path dir = java.nio.file.Files.createTempDirectory("dexd-watch");
        ConsoleRig rig = new ConsoleRig(dir);
        Daemon d = ConsoleRig.start(rig.config("watched", "lockstep", 20, ConsoleRig.console(null)), true);
        CompletableFuture<CliRunner.Run> run = CompletableFuture.supplyAsync(() ->
            CliRunner.run("console", "--port", Integer.toString(d.console().port()), "watch", "20"));
        // on a loaded machine the client may take a while to connect: close only once it watches
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (d.console().clients() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(1_500);
        d.close();
        CliRunner.Run r = run.get(20, TimeUnit.SECONDS);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("OK watching at 20.0 Hz"), r.out());
        assertTrue(r.out().lines().filter(l -> l.startsWith("* state=")).count() >= 3, r.out());
        assertFalse(d.isRunning());
    }

    private static void type(PipedOutputStream keys, String text) throws Exception {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
        Thread.sleep(150);
    }
}
