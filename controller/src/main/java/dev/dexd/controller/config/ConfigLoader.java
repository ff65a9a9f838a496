package dev.dexd.controller.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dexd.controller.config.DexdConfig.Clock;
import dev.dexd.controller.goals.CubeNotation;
import dev.dexd.controller.goals.GoalConfig;
import dev.dexd.drivers.sensors.SensorConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and validates a dexd YAML configuration at start-up. Every error names the file, the key
 * path and what is expected; unknown keys are errors. Relative paths resolve against the file's folder.
 */
public final class ConfigLoader {
    private static final Set<String> SECTIONS =
        Set.of("hand", "policy", "control", "safety", "goals", "sim", "log", "counters", "console");

    private ConfigLoader() {
    }

    /** The default config: $DEXD_HOME/configs/sim.yaml in a distribution, else ./configs/sim.yaml. */
    public static Path defaultFile() {
        String home = System.getProperty("dexd.home");
        return home != null ? Path.of(home, "configs", "sim.yaml") : Path.of("configs", "sim.yaml");
    }

    public static DexdConfig load(Path file) {
        String text;
        JsonNode root;
        try {
            text = Files.readString(file);
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config not found: " + file + " (pass --config FILE; configs/sim.yaml is the default)");
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new ConfigException("config " + file + (line > 0 ? " line " + line : "") + ": not valid YAML: "
                + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ConfigException("cannot read config " + file + ": " + e.getMessage());
        }
        if (root != null && !root.isObject()) {
            throw new ConfigException("config " + file + ": expected a YAML mapping of sections " + SECTIONS);
        }
        ConfigNode top = new ConfigNode(file, "", root).only(SECTIONS);
        return new DexdConfig(file.toAbsolutePath(), text, policy(top.section("policy")), control(top.section("control")),
            safety(top.section("safety")), goals(top.section("goals")), sim(top.section("sim")),
            log(top.section("log")), counters(top.section("counters")), console(top, top.section("console")));
    }

    private static DexdConfig.Policy policy(ConfigNode n) {
        n.only(Set.of("manifest", "smoothing"));
        if (!n.has("manifest")) {
            throw n.error("manifest", "missing: the policy's manifest (.yaml beside the .onnx)");
        }
        return new DexdConfig.Policy(n.path("manifest", null), n.number("smoothing", 0.0, 0.0, 0.99));
    }

    private static DexdConfig.Control control(ConfigNode n) {
        n.only(Set.of("clock", "period_ms", "cpu", "fifo_priority", "lock_memory", "spin_us"));
        Clock clock = Clock.valueOf(n.choice("clock", "realtime", Set.of("realtime", "lockstep")).toUpperCase(Locale.ROOT));
        return new DexdConfig.Control(clock, (int) n.integer("period_ms", 0, 0, 10_000), (int) n.integer("cpu", -1, -1, 4095),
            (int) n.integer("fifo_priority", 0, 0, 99), n.bool("lock_memory", false),
            n.integer("spin_us", 200, 0, 100_000) * 1_000L);
    }

    private static DexdConfig.Safety safety(ConfigNode n) {
        n.only(Set.of("max_step_rad", "stale_ms", "following_error"));
        ConfigNode stale = n.section("stale_ms").only(Set.of("cube_pose", "face_angles", "fingertips", "hand"));
        ConfigNode following = n.section("following_error").only(Set.of("limit_rad", "periods"));
        return new DexdConfig.Safety(n.number("max_step_rad", 0.5, 1e-6, 10),
            stale.integer("cube_pose", 600, 1, 60_000) * 1_000_000L, stale.integer("face_angles", 400, 1, 60_000) * 1_000_000L,
            stale.integer("fingertips", 200, 1, 60_000) * 1_000_000L, stale.integer("hand", 100, 1, 60_000) * 1_000_000L,
            following.number("limit_rad", 0.5, 1e-3, 10),
            (int) following.integer("periods", 10, 1, 100_000));
    }

    private static DexdConfig.Goals goals(ConfigNode n) {
        n.only(Set.of("orientation_tolerance_rad", "face_tolerance_rad", "face_metric", "subgoal_timeout_steps",
            "drop_height_m", "max_palm_distance_m", "successes_to_end", "repeat_episodes", "sequence"));
        GoalConfig d = GoalConfig.defaults();
        GoalConfig.Builder b = d.toBuilder()
            .orientationTolerance(n.number("orientation_tolerance_rad", d.orientationTolerance(), 1e-6, Math.PI))
            .faceTolerance(n.number("face_tolerance_rad", d.faceTolerance(), 1e-6, Math.PI / 2))
            .faceMetric(GoalConfig.FaceMetric.valueOf(
                n.choice("face_metric", d.faceMetric().name().toLowerCase(Locale.ROOT), Set.of("max", "l2")).toUpperCase(Locale.ROOT)))
            .timeoutSteps((int) n.integer("subgoal_timeout_steps", d.timeoutSteps(), 1, 10_000_000))
            .dropHeight(n.number("drop_height_m", d.dropHeight(), -100, 100))
            .maxPalmDistance(n.number("max_palm_distance_m", d.maxPalmDistance(), 0, 100))
            .successesToEnd((int) n.integer("successes_to_end", d.successesToEnd(), 1, 1_000_000));
        String sequence = n.text("sequence", "");
        if (!sequence.isEmpty()) {
            try {
                CubeNotation.parse(sequence);
            } catch (IllegalArgumentException e) {
                throw n.error("sequence", e.getMessage());
            }
        }
        return new DexdConfig.Goals(b.build(), n.bool("repeat_episodes", false), sequence);
    }

    private static DexdConfig.Sim sim(ConfigNode n) {
        n.only(Set.of("seed", "sensors"));
        ConfigNode s = n.section("sensors").only(Set.of("noise", "camera_rate_hz", "camera_latency_steps",
            "face_angles_latency_steps", "fingertips_latency_steps", "face_angles_resolution_deg"));
        SensorConfig.Builder b = SensorConfig.defaults().toBuilder();
        if (!s.bool("noise", true)) {
            b.noiseless();
        }
        SensorConfig d = SensorConfig.defaults();
        b.cameraRateHz(s.number("camera_rate_hz", d.cameraRateHz(), 0.1, 1000));
        b.cameraLatencyMeanSteps(s.number("camera_latency_steps", d.cameraLatencyMeanSteps(), 0, 100));
        b.faceAnglesLatencyMeanSteps(s.number("face_angles_latency_steps", d.faceAnglesLatencyMeanSteps(), 0, 100));
        b.fingertipsLatencyMeanSteps(s.number("fingertips_latency_steps", d.fingertipsLatencyMeanSteps(), 0, 100));
        b.faceAnglesResolution(Math.toRadians(s.number("face_angles_resolution_deg",
            Math.toDegrees(d.faceAnglesResolution()), 0, 90)));
        SensorConfig sensors;
        try {
            sensors = b.build();
        } catch (IllegalArgumentException e) {
            throw n.error("sensors", e.getMessage());
        }
        return new DexdConfig.Sim(n.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE), sensors);
    }

    private static DexdConfig.Log log(ConfigNode n) {
        n.only(Set.of("dir", "ring_mb"));
        return new DexdConfig.Log(n.path("dir", "../logs"), (int) n.integer("ring_mb", 8, 1, 1024) << 20);
    }

    private static DexdConfig.Counters counters(ConfigNode n) {
        n.only(Set.of("dir"));
        String fallback = Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm/dexd" : System.getProperty("java.io.tmpdir") + "/dexd";
        return new DexdConfig.Counters(n.path("dir", fallback));
    }

    private static DexdConfig.Console console(ConfigNode top, ConfigNode n) {
        if (!top.has("console")) {
            return DexdConfig.Console.off();
        }
        n.only(Set.of("enabled", "bind", "port", "token", "max_clients", "max_line", "idle_timeout_s",
            "commands_per_second"));
        String bind = n.text("bind", "127.0.0.1");
        String token = n.text("token", null);
        if (token != null && (token.length() < 8 || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw n.error("token", "expected at least 8 printable ASCII characters without spaces");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw n.error("bind", "'" + bind + "' is not an address of this machine (e.g. 127.0.0.1)");
        }
        if (!address.isLoopbackAddress() && token == null) {
            throw n.error("bind", bind + " is not a loopback address, so anyone who can reach it could drive the hand:"
                + " set console.token (clients then send 'auth <token>' first) or bind 127.0.0.1");
        }
        return new DexdConfig.Console(n.bool("enabled", true), bind, (int) n.integer("port", DexdConfig.Console.DEFAULT_PORT,
            0, 65_535), token, (int) n.integer("max_clients", 16, 1, 1024), (int) n.integer("max_line", 4096, 64, 1 << 20),
            (long) (n.number("idle_timeout_s", 600, 0, 86_400) * 1e9), n.number("commands_per_second", 20, 0.1, 100_000));
    }
}
