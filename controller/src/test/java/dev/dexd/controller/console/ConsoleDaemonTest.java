package dev.dexd.controller.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dexd.controller.daemon.Daemon;
import dev.dexd.controller.goals.CubeNotation;
import dev.dexd.controller.goals.CubeState;
import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.StepLogReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TCP clients against a running daemon (lockstep simulation) with a console: every command,
 * garbage and binary bytes, a 1 MB line, 100 connections at once, a watcher that never reads, an
 * abrupt disconnect, an idle client. Afterwards the daemon still runs, every command is in the step
 * log, and 'shutdown' stops it. And a console under load changes nothing the loop computes: a
 * lockstep run with clients hammering the console logs the same steps, bit for bit, as one without
 * a console, and its control thread still allocates nothing per step.
 */
class ConsoleDaemonTest {
    static final String SCRAMBLE = "L2 U2 R2 B D2 B2 D2 L2 F' D' R B F L U' F D' L2";
    static final ObjectMapper JSON = new ObjectMapper();

    static ConsoleRig rig;
    static Daemon daemon;
    static int port;
    static final List<String> refusedCodes = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startDaemon(@TempDir Path dir) {
        rig = new ConsoleRig(dir);
        daemon = ConsoleRig.start(rig.config("console", "lockstep", 20, ConsoleRig.console(null)), true);
        port = daemon.console().port();
    }

    @AfterAll
    static void daemonSurvivedEverything() throws Exception {
        try {
            assertTrue(daemon.isRunning(), "the daemon still runs after every client");
            assertNull(daemon.failure());
            System.out.println("steps: " + daemon.counters().steps().get() + ", command latency p50/p99/max us: "
                + daemon.console().commandLatencies().getValueAtPercentile(50) + "/"
                + daemon.console().commandLatencies().getValueAtPercentile(99) + "/"
                + daemon.console().commandLatencies().getMaxValue());
            try (ConsoleClient c = client()) {
                ConsoleClient.Response r = c.send("shutdown");
                assertTrue(r.ok(), r.status());
            }
            daemon.awaitStop(20_000);
            assertFalse(daemon.isRunning(), "'shutdown' stopped the daemon");
        } finally {
            daemon.close();
        }
        // every command and its result is in the step log
        List<String> events = new ArrayList<>();
        try (StepLogReader r = StepLogReader.open(daemon.logDirectory())) {
            for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                if (e == StepLogReader.Entry.EVENT && r.event().type() == EventType.CONSOLE_COMMAND) {
                    events.add(r.event().text());
                }
            }
        }
        assertTrue(events.stream().anyMatch(t -> t.contains(" estop -> OK e-stop latched")), "estop logged");
        assertTrue(events.stream().anyMatch(t -> t.contains(" shutdown -> OK")), "shutdown logged");
        assertTrue(events.stream().anyMatch(t -> t.contains("-> ERR too-long")), "the long line logged");
        assertTrue(events.stream().anyMatch(t -> t.contains("dropped: did not read its watch stream")), "drop logged");
        assertTrue(events.stream().anyMatch(t -> t.contains("auth (token not logged)")), "auth logged without token");
        assertTrue(events.size() > 300, events.size() + " console events");
        System.out.println("control thread allocation: " + daemon.allocatedBytesPerStep() + " bytes/step over "
            + daemon.allocationMeasuredSteps() + " steps");
    }

    static ConsoleClient client() throws IOException {
        return ConsoleClient.connect("127.0.0.1", port, 10_000);
    }

    static ConsoleClient.Response ok(ConsoleClient c, String command) throws IOException {
        ConsoleClient.Response r = c.send(command);
        assertTrue(r.ok(), command + " -> " + r.text());
        return r;
    }

    static ConsoleClient.Response err(ConsoleClient c, String command, String code) throws IOException {
        ConsoleClient.Response r = c.send(command);
        assertFalse(r.ok(), command + " -> " + r.text());
        assertEquals(code, r.code(), command + " -> " + r.status());
        return r;
    }

    @Test
    void everyCommandGetsItsReply() throws Exception {
        try (ConsoleClient c = client()) {
            ConsoleClient.Response help = ok(c, "help");
            for (Command cmd : Command.values()) {
                assertTrue(help.body().stream().anyMatch(l -> l.startsWith(cmd.usage())), cmd.usage());
            }
            assertTrue(ok(c, "help goals").body().size() == 5);
            assertTrue(ok(c, "status").message().startsWith("step="));

            ok(c, "goals clear");
            ConsoleClient.Response push = ok(c, "goals push R U R' U'");
            assertTrue(push.message().startsWith("queued 4 moves as"), push.status());
            assertTrue(err(c, "goals push R X", "bad-args").message().contains("'X' at position 3"));
            ok(c, "goals flip L");
            err(c, "goals flip Q", "bad-args");
            ok(c, "goals rotate ccw");
            err(c, "goals rotate sideways", "bad-args");
            ConsoleClient.Response list = ok(c, "goals list");
            assertTrue(list.body().stream().anyMatch(l -> l.contains("flip      L     -     explicit")), list.text());
            assertTrue(list.body().stream().anyMatch(l -> l.contains("rotation  top   ccw   explicit")), list.text());
            err(c, "goals", "bad-args");
            err(c, "goals jump", "unknown-command");

            ok(c, "pause");
            ok(c, "start");
            err(c, "start", "refused");
            ConsoleClient.Response estop = ok(c, "estop");
            assertTrue(estop.message().startsWith("e-stop latched at step"), estop.status());
            assertTrue(ok(c, "status").message().contains(" estop=on "));
            assertEquals("OK e-stop cleared", ok(c, "reset").status());
            assertTrue(ok(c, "status").message().contains(" estop=off "));
            assertTrue(ok(c, "reset").message().startsWith("nothing to clear"));
            ok(c, "reset-memory");

            ConsoleClient.Response joints = ok(c, "perturb joints");
            String first = joints.message().substring(joints.message().indexOf(':') + 1).trim().split(" ")[0];
            assertTrue(ok(c, "perturb lock-joint " + first).message().contains(first + " locked"));
            assertTrue(err(c, "perturb lock-joint elbow", "bad-args").message().contains(first));
            ok(c, "perturb unlock");

            String facelets = new CubeState().apply(CubeNotation.parse(SCRAMBLE)).facelets();
            ConsoleClient.Response solve = ok(c, "solve " + facelets);
            String moves = solve.body().stream().filter(l -> l.startsWith("solution")).findFirst().orElseThrow();
            moves = moves.substring(moves.indexOf(':') + 1);
            assertTrue(CubeState.of(facelets).apply(CubeNotation.parse(moves)).isSolved(), moves);
            assertTrue(solve.message().startsWith("queued "), solve.status());
            assertTrue(err(c, "solve " + facelets.substring(1), "invalid-cube").message().contains("54 facelets"));
            assertEquals("OK the cube is solved already: nothing queued", ok(c, "solve " + CubeState.SOLVED).status());
            assertTrue(err(c, "solve", "no-cube-state").message().contains("sensors.cube_state.source"),
                "without facelets, solve needs a source of the cube's state");

            List<String> stream = Collections.synchronizedList(new ArrayList<>());
            c.onStream(stream::add);
            ok(c, "watch 50");
            Thread.sleep(300);
            ok(c, "unwatch");
            assertTrue(stream.size() >= 5, stream.size() + " status lines in 300 ms at 50 Hz");
            assertTrue(stream.get(0).startsWith("state=running step="), stream.get(0));
            err(c, "watch 1000", "bad-args");

            ConsoleClient.Response stats = ok(c, "stats");
            assertTrue(stats.body().get(0).startsWith("loop, "), stats.text());
            assertTrue(stats.body().stream().anyMatch(l -> l.startsWith("  estop (")), stats.text());

            assertEquals("OK this console needs no token", ok(c, "auth whatever").status());
            err(c, "dance", "unknown-command");
            err(c, "status now", "bad-args");
            err(c, "json maybe", "bad-args");

            c.write("json on");
            JsonNode on = JSON.readTree(c.readLine());
            assertTrue(on.get("ok").asBoolean());
            c.write("status");
            JsonNode status = JSON.readTree(c.readLine());
            assertEquals("status", status.get("command").asText());
            assertTrue(status.get("data").get("step").isNumber(), status.toString());
            c.write("goals flip X");
            JsonNode bad = JSON.readTree(c.readLine());
            assertFalse(bad.get("ok").asBoolean());
            assertEquals("bad-args", bad.get("code").asText());
            c.write("json off");
            assertEquals("OK json off", c.readLine(), "from 'json off' on, replies are text");

            ok(c, "goals clear");
            assertEquals("OK bye", ok(c, "quit").status());
            assertNull(c.readLine(), "closed after quit");
        }
    }

    @Test
    void aConsoleUnderLoadChangesNothingTheLoopComputesAndTheControlThreadStillAllocatesNothing(@TempDir Path dir)
        throws Exception {
        ConsoleRig own = new ConsoleRig(dir);
        long measured = 3_000;
        double seconds = (Daemon.ALLOCATION_WARMUP_STEPS + measured) * 0.020;
        Daemon quiet = runLockstep(own.config("quiet", "lockstep", 20, null), seconds, null);
        ConsoleLoadInProcess[] load = new ConsoleLoadInProcess[1];
        Daemon busy = runLockstep(own.config("busy", "lockstep", 20, ConsoleRig.console(null)), seconds,
            d -> load[0] = new ConsoleLoadInProcess(d));
        long answeredWhileRunning = load[0].stop();
        System.out.println("lockstep with console load: " + answeredWhileRunning + " commands answered by the control"
            + " thread during the run; allocation " + busy.allocatedBytesPerStep() + " bytes/step over "
            + busy.allocationMeasuredSteps() + " steps");
        assertNull(load[0].failure, "the load's clients: " + load[0].failure);
        assertTrue(answeredWhileRunning >= 50, answeredWhileRunning + " control-thread commands answered during the run:"
            + " the load overlapped it");
        long compared = sameSteps(quiet.logDirectory(), busy.logDirectory());
        assertEquals(Daemon.ALLOCATION_WARMUP_STEPS + measured, compared);
        assertEquals(measured, busy.allocationMeasuredSteps());
        // < 1 byte per step on average, as without a console (daemon/DaemonLockstepTest)
        assertTrue(busy.allocatedBytesPerStep() < 1.0, "control thread allocated " + busy.allocatedBytesPerStep()
            + " bytes per step under console load");
    }

    /** Runs a lockstep daemon for {@code seconds} of simulated time; {@code during} starts once it runs. */
    static Daemon runLockstep(Path config, double seconds, java.util.function.Consumer<Daemon> during)
        throws InterruptedException {
        Daemon d = Daemon.configure(new Daemon.Options(config, seconds, Boolean.TRUE, null, null, null));
        try {
            d.start();
            if (during != null) {
                during.accept(d);
            }
            d.awaitStop(180_000);
            assertFalse(d.isRunning(), "the run ended");
        } finally {
            d.close();
        }
        assertNull(d.failure());
        return d;
    }

    /** The deterministic part of every step record is the same in both logs; returns the steps compared. */
    static long sameSteps(Path a, Path b) {
        try (StepLogReader ra = StepLogReader.open(a); StepLogReader rb = StepLogReader.open(b)) {
            long compared = 0;
            while (true) {
                StepLogReader.Entry ea = nextStep(ra);
                StepLogReader.Entry eb = nextStep(rb);
                assertEquals(ea, eb, "both logs end at the same step (" + compared + " compared)");
                if (ea == StepLogReader.Entry.END) {
                    return compared;
                }
                int n = ra.layout().deterministicLength();
                for (int i = 0; i < n; i++) {
                    if (ra.step().buffer().getByte(ra.step().offset() + i) != rb.step().buffer()
                        .getByte(rb.step().offset() + i)) {
                        throw new AssertionError("step " + ra.step().step() + " differs at byte " + i
                            + " with a loaded console");
                    }
                }
                compared++;
            }
        }
    }

    private static StepLogReader.Entry nextStep(StepLogReader r) {
        StepLogReader.Entry e;
        do {
            e = r.next();
        } while (e == StepLogReader.Entry.EVENT);
        return e;
    }

    /**
     * Clients that change nothing the loop computes, as fast as the console answers: status and goals
     * list (both answered by the control thread at a tick boundary), help, stats, a 50 Hz watch, and
     * garbage (unknown commands, binary bytes, over-long lines). Counts the control thread's answers
     * while the daemon runs.
     */
    static final class ConsoleLoadInProcess {
        final Daemon daemon;
        final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        final java.util.concurrent.atomic.AtomicLong answered = new java.util.concurrent.atomic.AtomicLong();
        final List<Thread> threads = new ArrayList<>();
        volatile Throwable failure;

        ConsoleLoadInProcess(Daemon daemon) {
            this.daemon = daemon;
            int p = daemon.console().port();
            for (int i = 0; i < 4; i++) {
                int id = i;
                spawn(() -> {
                    String[] cmds = {"status", "goals list", "help", "dance", "status", "watch 50", "goals list",
                        "stats", "unwatch"};
                    try (ConsoleClient c = ConsoleClient.connect("127.0.0.1", p, 10_000)) {
                        for (int k = id; running.get(); k++) {
                            String cmd = cmds[k % cmds.length];
                            ConsoleClient.Response r = c.send(cmd);
                            if ((cmd.equals("status") || cmd.equals("goals list")) && r.ok() && daemon.isRunning()) {
                                answered.incrementAndGet();
                            }
                        }
                    }
                });
            }
            spawn(() -> {
                Random random = new Random(11);
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", p), 5_000);
                    s.setSoTimeout(50);
                    byte[] junk = new byte[512];
                    byte[] sink = new byte[65536];
                    OutputStream out = s.getOutputStream();
                    for (int k = 0; running.get(); k++) {
                        random.nextBytes(junk);
                        out.write(junk);
                        out.write(k % 10 == 0 ? ("x".repeat(5000) + "\n").getBytes(StandardCharsets.US_ASCII)
                            : new byte[] {'\n'});
                        try {
                            s.getInputStream().read(sink);
                        } catch (java.net.SocketTimeoutException e) {
                            // nothing to read yet
                        }
                    }
                }
            });
        }

        private void spawn(ConsoleLoad.Body body) {
            Thread t = new Thread(() -> {
                try {
                    body.run();
                } catch (Throwable e) {
                    if (running.get() && daemon.isRunning() && failure == null) {
                        failure = e;
                    }
                }
            }, "console-load");
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }

        long stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(10_000);
            }
            return answered.get();
        }
    }

    @Test
    void repliesComeInOrderEvenWhenCommandsArePipelined() throws Exception {
        try (ConsoleClient c = client()) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                batch.append(i % 5 == 0 ? "help\n" : i % 5 == 1 ? "status\n" : i % 5 == 2 ? "goals list\n"
                    : i % 5 == 3 ? "nonsense\n" : "estop\n");
            }
            c.write(batch.toString().trim());
            for (int i = 0; i < 50; i++) {
                ConsoleClient.Response r = c.readReply();
                switch (i % 5) {
                    case 0 -> assertTrue(r.message().endsWith("commands"), r.status());
                    case 1 -> assertTrue(r.message().startsWith("step="), r.status());
                    case 2 -> assertTrue(r.message().contains("queued"), r.status());
                    case 3 -> assertEquals("unknown-command", r.code());
                    default -> assertTrue(r.message().startsWith("e-stop latched"), r.status());
                }
            }
            ok(c, "reset");
        }
    }

    @Test
    void theConsoleThreadAllocatesLittlePerCommand() throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean)
            java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("dexd-console"))
            .findFirst().orElseThrow().getId();
        try (ConsoleClient c = client()) {
            String[] mix = {"status", "goals list", "help", "estop", "reset", "goals flip U", "goals clear"};
            for (int i = 0; i < 700; i++) {
                c.send(mix[i % mix.length]);
            }
            long before = mx.getThreadAllocatedBytes(id);
            int n = 1400;
            for (int i = 0; i < n; i++) {
                c.send(mix[i % mix.length]);
            }
            long perCommand = (mx.getThreadAllocatedBytes(id) - before) / n;
            System.out.println("console thread: " + perCommand + " bytes allocated per command (mix of "
                + String.join(", ", mix) + ")");
            assertTrue(perCommand < 16_384, perCommand + " bytes per command");
        }
    }

    @Test
    void garbageAndBinaryBytesGetErrorRepliesAndTheConnectionCarriesOn() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(10_000);
            byte[] junk = new byte[64 * 1024];
            new Random(7).nextBytes(junk);
            OutputStream out = s.getOutputStream();
            out.write(junk);
            out.write("\n\u00ff\u0000\u0001\r\n\tstatus\t\r\nstatus\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            List<String> lines = readUntil(s.getInputStream(), "OK step=", 2);
            long errors = lines.stream().filter(l -> l.startsWith("ERR ")).count();
            assertTrue(errors >= 2, lines.size() + " lines, " + errors + " errors");
            for (String l : lines) {
                assertTrue(l.startsWith("ERR ") || l.startsWith("OK ") || l.startsWith("| "), l);
            }
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("ERR not-text")), "binary lines are not text");
        }
        try (ConsoleClient c = client()) {
            ok(c, "status");
        }
    }

    @Test
    void aOneMegabyteLineIsRefusedAndTheRestOfItDiscarded() throws Exception {
        try (ConsoleClient c = client()) {
            c.write("goals push " + "R".repeat(1 << 20) + "\nstatus");
            ConsoleClient.Response tooLong = c.readReply();
            assertEquals("too-long", tooLong.code(), tooLong.status());
            assertTrue(tooLong.message().contains("4096 bytes"), tooLong.status());
            ConsoleClient.Response status = c.readReply();
            assertTrue(status.message().startsWith("step="), "the line after the long one ran: " + status.status());
            assertTrue(ok(c, "goals list").message().contains("queued"), "the connection carries on");
        }
    }

    @Test
    void aHundredConnectionsAtOnce() throws Exception {
        int n = 100;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch connected = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                int id = i;
                results.add(pool.submit(() -> {
                    try (ConsoleClient c = client()) {
                        connected.countDown();
                        go.await();
                        int oks = 0;
                        for (String cmd : List.of("status", "goals list", "help", id % 10 == 0 ? "stats" : "status")) {
                            ConsoleClient.Response r = c.send(cmd);
                            if (r.ok()) {
                                oks++;
                            } else {
                                refusedCodes.add(r.code());
                            }
                        }
                        return oks;
                    }
                }));
            }
            assertTrue(connected.await(20, TimeUnit.SECONDS), "100 clients connected");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (daemon.console().clients() < n && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(daemon.console().clients() >= n, daemon.console().clients() + " clients");
            go.countDown();
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(4 * n, total, "every command of every client answered OK; refusals: " + refusedCodes);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWatcherThatNeverReadsIsDroppedAndOthersAreServedMeanwhile() throws Exception {
        long before = daemon.console().droppedWatchers();
        try (Socket slow = new Socket()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            slow.getOutputStream().write("watch 100\n".getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            long deadline = System.nanoTime() + 40_000_000_000L;
            try (ConsoleClient c = client()) {
                while (daemon.console().droppedWatchers() == before) {
                    assertTrue(System.nanoTime() < deadline, "the slow watcher was not dropped within 40 s");
                    long t0 = System.nanoTime();
                    ok(c, "status");
                    assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "status answered while the watcher stalls");
                    Thread.sleep(100);
                }
            }
            // the server closed it: reading now ends (after what was buffered)
            slow.setSoTimeout(10_000);
            InputStream in = slow.getInputStream();
            byte[] buf = new byte[65536];
            try {
                while (in.read(buf) >= 0) {
                    // drain
                }
            } catch (IOException e) {
                // reset by the server: also closed
            }
        }
    }

    @Test
    void anAbruptDisconnectIsHarmless() throws Exception {
        for (int i = 0; i < 5; i++) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            String facelets = new CubeState().apply(CubeNotation.parse(SCRAMBLE)).facelets();
            s.getOutputStream().write(("watch 100\ngoals list\nstats\nsolve " + facelets + "\nstatus\nestop\n")
                .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.setSoLinger(true, 0); // RST instead of FIN
            s.close();
        }
        try (ConsoleClient c = client()) {
            ok(c, "reset");
            ok(c, "goals clear");
            ok(c, "status");
        }
    }

    @Test
    void anIdleClientIsToldAndClosed() throws Exception {
        try (ConsoleClient c = client()) {
            c.timeout(10_000);
            long t0 = System.nanoTime();
            ConsoleClient.Response r = c.readReply();
            assertEquals("idle", r.code(), r.status());
            assertTrue(System.nanoTime() - t0 > 2_500_000_000L, "not before the 3 s idle timeout");
            assertNull(c.readLine());
        }
    }

    /** Reads lines until {@code count} lines starting with {@code prefix} were seen. */
    static List<String> readUntil(InputStream in, String prefix, int count) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int seen = 0;
        for (int b; (b = in.read()) >= 0; ) {
            if (b != '\n') {
                line.append((char) b);
                continue;
            }
            String l = line.toString();
            line.setLength(0);
            lines.add(l);
            if (l.startsWith(prefix) && ++seen == count) {
                return lines;
            }
        }
        assertNotNull(null, "connection closed after " + lines);
        return lines;
    }
}
