package dev.dexd.controller.sensing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.console.ConsoleClient;
import dev.dexd.controller.console.ConsoleRig;
import dev.dexd.controller.counters.SensorCounter;
import dev.dexd.controller.daemon.Daemon;
import dev.dexd.controller.goals.CubeNotation;
import dev.dexd.controller.goals.CubeState;
import dev.dexd.giiker.ble.BluezPeer;
import dev.dexd.giiker.frame.CubieCube;
import dev.dexd.giiker.frame.Face;
import dev.dexd.giiker.frame.LastMoves;
import dev.dexd.giiker.frame.StateFrameEncoder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dexd run} with the Giiker cube as the source of the face angles and the cube's state, on a
 * private D-Bus bus with BlueZ played by python3-dbusmock: the daemon finds and connects the cube,
 * reads the scrambled state the test pushes as a real (obfuscated) frame, and the console's
 * {@code solve} without facelets queues a plan that solves that state, checked with the test's own
 * cube model; {@code giiker reset} writes 0xA1; a move pushed later is the state the daemon reads.
 */
class GiikerDaemonTest {
    private static final String CUBE = "AA:BB:CC:DD:EE:01";
    private static final String SCRAMBLE = "L2 U2 R2 B D2 B2 D2 L2 F' D' R B F L U' F D' L2";

    @TempDir
    Path dir;

    private static String frame(String facelets, int k1, int k2) {
        CubieCube cube = new CubieCube();
        assertTrue(cube.readFacelets(facelets), facelets);
        byte[] bytes = new byte[20];
        StateFrameEncoder.encodeObfuscated(cube, new LastMoves(), k1, k2, bytes, 0);
        return HexFormat.of().formatHex(bytes);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static Map<String, Long> sensorCounters(Daemon d) {
        Map<String, Long> out = new HashMap<>();
        d.counters().forEach((type, label, value) -> {
            if (SensorCounter.ofTypeId(type) != null) {
                out.put(label, value);
            }
        });
        return out;
    }

    @Test
    void solveWithoutFaceletsSolvesTheStateTheCubeReports() throws Exception {
        try (BluezPeer peer = BluezPeer.start(dir)) {
            peer.command("adapter hci0");
            peer.command("cube hci0 " + CUBE + " GiC12345");
            String scrambled = new CubeState().apply(CubeNotation.parse(SCRAMBLE)).facelets();
            peer.command("push " + CUBE + " state " + frame(scrambled, 3, 9)); // its state before dexd connects

            ConsoleRig rig = new ConsoleRig(dir);
            String sensors = "face_angles: {source: giiker, stale_ms: 2000, bus: \"" + peer.busAddress() + "\", address: \""
                + CUBE + "\", battery_period_s: 0.5}\ncube_state: {source: giiker, stale_ms: 2000}";
            Path config = rig.config("giiker", "realtime", 40, ConsoleRig.console(null), "", sensors);
            Daemon d = ConsoleRig.start(config, false);
            try (ConsoleClient c = ConsoleClient.connect("127.0.0.1", d.console().port(), 10_000)) {
                await("the cube connected and its state read", () -> {
                    ConsoleClient.Response r = send(c, "giiker");
                    return r.ok() && r.text().contains("connection connected") && r.text().contains(scrambled);
                });
                await("the start-up self-check", () -> d.selfCheckLines() != null);
                assertTrue(d.selfCheckLines().stream().anyMatch(l -> l.startsWith("sensor face_angles: giiker, running,"))
                    && d.selfCheckLines().stream().anyMatch(l -> l.startsWith("sensor cube_state: giiker, running,"))
                    && d.selfCheckLines().contains("sensor fingertips: sim, running, stale after 200 ms: the simulation's"
                    + " cameras, Giiker cube and motion capture (sim.sensors)"), d.selfCheckLines().toString());
                ConsoleClient.Response g = send(c, "giiker");
                assertTrue(g.text().contains("GiC12345 " + CUBE), g.text());
                assertTrue(g.text().contains("cube type  stock"), g.text());

                // the control step reads the state at its next tick (the console answers from what it read)
                ConsoleClient.Response[] tried = new ConsoleClient.Response[1];
                await("solve with the cube's state", () -> {
                    tried[0] = send(c, "solve");
                    assertTrue(tried[0].ok() || "no-cube-state".equals(tried[0].code()), tried[0].text());
                    return tried[0].ok();
                });
                ConsoleClient.Response solve = tried[0];
                assertTrue(solve.message().startsWith("queued "), solve.status());
                String moves = solve.body().stream().filter(l -> l.startsWith("solution")).findFirst().orElseThrow();
                moves = moves.substring(moves.indexOf(':') + 1);
                assertTrue(CubeState.of(scrambled).apply(CubeNotation.parse(moves)).isSolved(),
                    "the queued plan solves the state the cube reported: " + moves);

                // a move on the real cube: the daemon's state follows it
                CubieCube turned = new CubieCube();
                turned.readFacelets(scrambled);
                turned.turn(Face.R, 1);
                LastMoves last = new LastMoves().push(Face.R, 1);
                byte[] bytes = new byte[20];
                StateFrameEncoder.encodeObfuscated(turned, last, 5, 12, bytes, 0);
                peer.command("push " + CUBE + " state " + HexFormat.of().formatHex(bytes));
                String afterR = turned.facelets();
                await("the move reached the daemon", () -> send(c, "giiker").text().contains(afterR));
                assertTrue(send(c, "giiker").text().contains("last moves R"), send(c, "giiker").text());

                ConsoleClient.Response reset = send(c, "giiker reset");
                assertTrue(reset.ok(), reset.text());
                await("0xA1 written to the cube", () -> peer.command("writes " + CUBE).contains("a1"));

                await("the source's health in the counters", () -> {
                    Map<String, Long> m = sensorCounters(d);
                    return Long.valueOf(1).equals(m.get("sensor giiker connected"))
                        && Long.valueOf(87).equals(m.get("sensor giiker battery_percent"))
                        && m.getOrDefault("sensor giiker samples", 0L) >= 2;
                });
                assertTrue(d.sourcesStatus().contains("giiker connected, battery 87%"), d.sourcesStatus());

                // the cube goes away: its inputs go stale and the hand holds; it comes back by itself
                long staleBefore = sensorCounters(d).get("sensor face_angles stale ticks");
                peer.command("drop " + CUBE);
                await("stale face angles once the cube is gone",
                    () -> sensorCounters(d).get("sensor face_angles stale ticks") > staleBefore);
                await("reconnected", () -> send(c, "giiker").text().contains("connection connected"));
            } finally {
                d.requestStop();
                d.awaitStop(20_000);
                assertNull(d.failure());
                d.close();
            }
        }
    }

    private static ConsoleClient.Response send(ConsoleClient c, String line) {
        try {
            return c.send(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
