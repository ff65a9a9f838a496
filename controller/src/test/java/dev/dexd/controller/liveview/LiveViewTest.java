package dev.dexd.controller.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dexd.controller.console.ConsoleRig;
import dev.dexd.controller.daemon.Daemon;
import dev.dexd.controller.log.RunSummary;
import dev.dexd.controller.log.StepField;
import dev.dexd.controller.log.StepLogReader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live view against a real WebSocket client (npm's ws, run by node; installed by
 * scripts/ensure-npm-liveview.sh into ~/.cache/dexd/npm): serverInfo, advertise, subscribe, binary
 * MessageData with the logged values; a client that never reads is dropped and adds no overruns.
 */
class LiveViewTest {
    static final Path CLIENT = Path.of("src", "test", "node", "liveview", "client.cjs").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRealClientGetsServerInfoAdvertiseAndTheLoggedValues(@TempDir Path dir) throws Exception {
        String modules = npmModules();
        ConsoleRig rig = new ConsoleRig(dir);
        Path config = withLiveView(rig.config("live", "realtime", 20, null), "rate_hz: 20");
        Daemon d = Daemon.configure(new Daemon.Options(config, 6.0, null, null, null, null));
        JsonNode got;
        try {
            d.start();
            int port = d.liveView().port();
            got = JSON.readTree(node(modules, "ws://127.0.0.1:" + port + "/", "collect", 20, dir.resolve("client.log")));
            d.awaitStop(60_000);
        } finally {
            d.close();
        }
        System.out.println("live view client got: " + got.toString().substring(0, Math.min(3000, got.toString().length())));
        assertEquals(LiveViewServer.SUBPROTOCOL, got.path("protocol").asText(), got.toString());
        JsonNode info = got.path("serverInfo");
        assertEquals("serverInfo", info.path("op").asText());
        assertEquals("dexd", info.path("name").asText());
        assertEquals("json", info.path("supportedEncodings").path(0).asText());
        JsonNode channels = got.path("advertise").path("channels");
        List<String> topics = new ArrayList<>();
        for (JsonNode c : channels) {
            topics.add(c.path("topic").asText());
            assertEquals("json", c.path("encoding").asText());
            assertEquals("jsonschema", c.path("schemaEncoding").asText());
            JSON.readTree(c.path("schema").asText()); // a JSON schema, as text
        }
        // the MCAP export's channels (RunChannels); the simulated run has a fingertip source
        assertEquals(List.of("/joints", "/targets", "/cube_pose", "/face_angles", "/policy", "/fingertips", "/events"),
            topics);
        assertEquals(0, got.path("badFrames").asInt(), "frames that are not MessageData of a subscription");
        JsonNode m = got.path("messages");
        for (String t : topics) {
            assertTrue(m.path(t).path("count").asInt() >= 1, t + ": " + m.path(t));
            assertTrue(m.path(t).path("monotonic").asBoolean(), t + " timestamps go forward");
        }
        JsonNode targets = m.path("/targets").path("first");
        assertEquals(20, targets.path("commanded").size());
        assertEquals(20, targets.path("measured").size());
        assertEquals(24, m.path("/joints").path("first").path("position").size());
        assertEquals(20, m.path("/policy").path("first").path("bins").size());
        assertTrue(m.path("/policy").path("first").has("held"));
        assertEquals("world", m.path("/cube_pose").path("first").path("frame_id").asText());
        assertTrue(m.path("/cube_pose").path("first").path("pose").path("orientation").has("w"));
        assertTrue(m.path("/face_angles").path("first").has("U"));
        assertEquals(5, m.path("/fingertips").path("first").path("poses").size());
        assertEquals("hand", m.path("/fingertips").path("first").path("frame_id").asText());
        assertTrue(Set.of("EPISODE_START", "SUBGOAL_START", "DROP", "EPISODE_END", "SUBGOAL_SUCCESS", "SUBGOAL_TIMEOUT",
            "STALE_SENSOR").contains(m.path("/events").path("first").path("type").asText()), m.path("/events").toString());
        // the values are the log's, bit for bit (JSON doubles round-trip exactly)
        long step = targets.path("step").asLong();
        try (StepLogReader r = StepLogReader.open(d.logDirectory())) {
            StepField stepField = r.layout().field("step");
            StepField commanded = r.layout().field("commanded_targets");
            boolean found = false;
            for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END && !found; ) {
                if (e == StepLogReader.Entry.STEP && stepField.getLong(r.step()) == step) {
                    for (int a = 0; a < 20; a++) {
                        assertEquals(commanded.getDouble(r.step(), a), targets.path("commanded").path(a).asDouble(),
                            "step " + step + " actuator " + a);
                    }
                    found = true;
                }
            }
            assertTrue(found, "step " + step + " is in the log");
        }
    }

    @Test
    void aClientThatNeverReadsIsDroppedAndAddsNoOverruns(@TempDir Path dir) throws Exception {
        String modules = npmModules();
        ConsoleRig rig = new ConsoleRig(dir);
        // a late tick from elsewhere on a shared machine can land in either run: a pair that fails is measured once more
        long[] pair = measure(rig, modules, dir.resolve("a"));
        if (pair[1] > pair[0]) {
            pair = measure(rig, modules, dir.resolve("b"));
        }
        System.out.println("live view, slow client: skipped periods " + pair[0] + " without a client, " + pair[1]
            + " with one that never reads; clients dropped: " + pair[2]);
        assertTrue(pair[2] >= 1, "the client that never reads was dropped");
        assertTrue(pair[1] <= pair[0], "periods skipped: " + pair[1] + " with a client that never reads, " + pair[0]
            + " without");
    }

    /** {skipped periods without a client, with the slow client, clients dropped}. */
    private static long[] measure(ConsoleRig rig, String modules, Path dir) throws Exception {
        Files.createDirectories(dir);
        String lv = "rate_hz: 100\nmax_queued_kb: 64";
        long quiet = run(withLiveView(rig.config("quiet", "realtime", 10, null), lv), null, null, dir)[0];
        long[] busy = run(withLiveView(rig.config("slow", "realtime", 10, null), lv), modules, "slow", dir);
        return new long[] {quiet, busy[0], busy[1]};
    }

    private static long[] run(Path config, String modules, String mode, Path dir) throws Exception {
        Daemon d = Daemon.configure(new Daemon.Options(config, 4.0, null, null, null, null));
        Process client = null;
        long dropped;
        try {
            d.start();
            if (modules != null) {
                client = new ProcessBuilder("node", CLIENT.toString(), modules, "ws://127.0.0.1:" + d.liveView().port() + "/",
                    mode, "15").redirectErrorStream(true).redirectOutput(dir.resolve("slow-client.log").toFile()).start();
            }
            d.awaitStop(60_000);
            dropped = d.liveView().droppedClients();
        } finally {
            d.close();
            if (client != null) {
                client.destroy();
                client.waitFor(5, TimeUnit.SECONDS);
            }
        }
        RunSummary s = RunSummary.compute(d.logDirectory(), n -> { }, false);
        return new long[] {s.skippedPeriods(), dropped};
    }

    static Path withLiveView(Path config, String extra) throws IOException {
        Files.writeString(config, Files.readString(config) + "live_view:\n  enabled: true\n  bind: 127.0.0.1\n  port: 0\n"
            + extra.lines().map(l -> "  " + l + "\n").reduce("", String::concat));
        return config;
    }

    /** Installs the pinned npm packages (once) and returns their folder; skips only when npm itself is missing. */
    static String npmModules() throws Exception {
        Assumptions.assumeTrue(onPath("node") && onPath("npm"), "node and npm are needed for the live view's client test;"
            + " install them (apt-get install -y nodejs npm)");
        Process p = new ProcessBuilder("bash", Path.of("..", "scripts", "ensure-npm-liveview.sh").toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "npm install timed out");
        assertEquals(0, p.exitValue(), "scripts/ensure-npm-liveview.sh failed: " + out);
        return out;
    }

    static String node(String modules, String url, String mode, int seconds, Path log) throws Exception {
        Process p = new ProcessBuilder("node", CLIENT.toString(), modules, url, mode, Integer.toString(seconds))
            .redirectError(log.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(seconds + 10, TimeUnit.SECONDS), "the client did not end");
        assertNotNull(out);
        assertTrue(out.startsWith("{"), "client output: " + out + " / " + Files.readString(log));
        return out;
    }

    private static boolean onPath(String exe) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }
}
