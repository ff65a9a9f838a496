package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dexd.giiker.ble.BluezPeer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code giiker scan} and {@code giiker monitor} against a real BlueZ protocol peer (a private dbus-daemon
 * with dbusmock's bluez5 template, from the giiker module's tests), run with dexd's own error reporting.
 */
@Timeout(180)
class GiikerBleCommandsTest {
    static final String CUBE = "AA:BB:CC:DD:EE:01";
    static final String SOLVED = "1234567833333333123456789abc000041414141";
    static final String R_TURN = "07a619d461211354aba5f83031b896569068a7a5";
    static final String SOLVED_OBFUSCATED = "a1421c1a4759e9af00213cec7026f95e0eb1a70a";

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    /** Runs one subcommand as the CLI does (ErrorReporter: one line, exit 1 for user errors). */
    static synchronized Run run(final Object command, final String... args) {
        final PrintStream oldOut = System.out;
        final PrintStream oldErr = System.err;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            final int exit = Dexd.execute(new CommandLine(command), args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void scanListsTheCubesWithAddressNameAndRssi() throws Exception {
        try (BluezPeer peer = BluezPeer.start(dir)) {
            peer.command("adapter hci0");
            peer.command("cube hci0 " + CUBE + " GiC12345");
            peer.command("cube hci0 AA:BB:CC:DD:EE:04 Phone");
            final Run r = run(new GiikerScanCommand(), "--seconds", "0.5", "--bus", peer.busAddress());
            assertEquals(0, r.exit(), r.err());
            assertEquals(CUBE + "  GiC12345  -79 dBm\n", r.out());
        }
    }

    @Test
    void userErrorsAreOneLineAndExitOne() throws Exception {
        final Run noBus = run(new GiikerScanCommand(), "--seconds", "1", "--bus", "unix:path=" + dir.resolve("none"));
        assertEquals(1, noBus.exit());
        assertTrue(noBus.err().startsWith("dexd: cannot reach the D-Bus system bus at unix:path="), noBus.err());
        assertEquals(1, noBus.err().lines().count(), noBus.err());

        final Run badSeconds = run(new GiikerScanCommand(), "--seconds", "0");
        assertEquals(1, badSeconds.exit());
        assertTrue(badSeconds.err().startsWith("dexd: --seconds needs"), badSeconds.err());

        try (BluezPeer peer = BluezPeer.start(Files.createDirectories(dir.resolve("peer")))) {
            final Run noAdapter = run(new GiikerMonitorCommand(), "--bus", peer.busAddress());
            assertEquals(1, noAdapter.exit());
            assertTrue(noAdapter.err().startsWith("dexd: no Bluetooth adapter:"), noAdapter.err());
            assertEquals(1, noAdapter.err().lines().count(), noAdapter.err());

            peer.command("adapter hci0");
            final Run noCube = run(new GiikerScanCommand(), "--seconds", "0.3", "--bus", peer.busAddress());
            assertEquals(1, noCube.exit());
            assertTrue(noCube.err().contains("dexd: found no Giiker cube"), noCube.err());
            assertTrue(noCube.err().contains("turn a face"), noCube.err());
            final Run noSuchCube = run(new GiikerMonitorCommand(), "--scan-seconds", "0.3", "--address",
                "AA:BB:CC:DD:EE:99", "--bus", peer.busAddress());
            assertEquals(1, noSuchCube.exit());
            assertTrue(noSuchCube.err().startsWith("dexd: found no cube with address AA:BB:CC:DD:EE:99"), noSuchCube.err());
        }
    }

    @Test
    void monitorPrintsEachFrameAsJsonLines() throws Exception {
        try (BluezPeer peer = BluezPeer.start(dir)) {
            peer.command("adapter hci0");
            peer.command("cube hci0 " + CUBE + " GiC12345");
            peer.command("push " + CUBE + " state " + SOLVED);
            final CompletableFuture<Run> monitor = CompletableFuture.supplyAsync(() -> run(new GiikerMonitorCommand(),
                "--json", "--count", "3", "--seconds", "60", "--address", CUBE, "--bus", peer.busAddress()));
            // push once the monitor has subscribed (bounded wait)
            final long end = System.nanoTime() + 30_000_000_000L;
            while (!peer.command("notifying " + CUBE + " state").equals("true") && System.nanoTime() < end
                && !monitor.isDone()) {
                Thread.sleep(20);
            }
            peer.command("push " + CUBE + " state " + R_TURN);
            peer.command("push " + CUBE + " state " + SOLVED_OBFUSCATED);
            final Run r = monitor.get(90, TimeUnit.SECONDS);
            assertEquals(0, r.exit(), r.err());
            final ObjectMapper mapper = new ObjectMapper();
            final List<JsonNode> lines = r.out().lines().map(l -> {
                try {
                    return mapper.readTree(l);
                } catch (Exception e) {
                    throw new AssertionError("not JSON: " + l, e);
                }
            }).toList();
            assertEquals(List.of(SOLVED, R_TURN, SOLVED_OBFUSCATED), lines.stream().map(n -> n.get("hex").asText()).toList());
            assertTrue(lines.stream().allMatch(n -> n.get("kind").asText().equals("state")));
            // decoded with the daemon's filter: the state read at connect, then the R turn as a move, then back
            assertEquals(List.of("initial", "move"), lines.stream().limit(2).map(n -> n.get("event").asText()).toList());
            assertEquals("UUUUUUUUURRRRRRRRRFFFFFFFFFDDDDDDDDDLLLLLLLLLBBBBBBBBB", lines.get(0).get("facelets").asText());
            assertEquals("UUFUUFUUFRRRRRRRRRFFDFFDFFDDDBDDBDDBLLLLLLLLLUBBUBBUBB", lines.get(1).get("facelets").asText());
            assertEquals("R", lines.get(1).get("moves").get(0).asText());
            assertEquals(lines.get(0).get("facelets"), lines.get(2).get("facelets"));
            assertTrue(r.err().contains("connected GiC12345 " + CUBE), r.err());
            assertTrue(r.err().contains("battery 87% (not charging)"), r.err());
            assertTrue(r.err().contains("giiker: state=stopped"), r.err());
            // the monitor let go of the cube when it stopped
            assertEquals("1", peer.command("calls " + CUBE + " Disconnect"));
        }
    }
}
