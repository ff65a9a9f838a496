package dev.dexd.controller.config;

import dev.dexd.common.config.ConfigError;
import dev.dexd.common.config.ConfigNode;
import dev.dexd.common.config.StrictYaml;
import dev.dexd.controller.goals.CubeNotation;
import dev.dexd.controller.goals.GoalConfig;
import dev.dexd.controller.log.PerturbationKind;
import dev.dexd.drivers.ClockMode;
import dev.dexd.drivers.hand.HandConfig;
import dev.dexd.drivers.sensors.SensorConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import dev.dexd.common.sensing.SensorKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and validates a dexd YAML configuration at start-up, once: every section including
 * {@code hand:}. The file is parsed by {@link StrictYaml} (duplicate keys refused) and each section is
 * read here with the range of every key; keys no reader asked for are refused. Every error is one
 * line naming the file, the line, the key path and what is expected. Relative paths resolve against
 * the file's folder.
 *
 * <p>Adding a key: one component in its {@link DexdConfig} record and one line here that reads it
 * with its default and range (e.g. {@code n.integer("min_free_mb", 512, 0, 1 << 20)}); that line is
 * also what makes the key known, so no list of key names needs updating.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /** The default config: $DEXD_HOME/configs/sim.yaml in a distribution, else ./configs/sim.yaml. */
    public static Path defaultFile() {
        String home = System.getProperty("dexd.home");
        return home != null ? Path.of(home, "configs", "sim.yaml") : Path.of("configs", "sim.yaml");
    }

    public static DexdConfig load(Path file) {
        try {
            ConfigNode top = StrictYaml.read("config", file, "pass --config FILE; configs/sim.yaml is the default");
            DexdConfig config = new DexdConfig(file.toAbsolutePath(), top.source().text(), policy(top.section("policy")),
                control(top.section("control")), safety(top.section("safety")), goals(top.section("goals")),
                sim(top.section("sim")), log(top.section("log")), counters(top.section("counters")),
                console(top.section("console")), metrics(top.section("metrics")), hand(top),
                liveView(top.section("live_view")), perturbations(top.section("perturbations")),
                sensors(top.section("sensors"), top.section("hand")));
            top.rejectUnknownKeys();
            if (config.sim().camerasUdp() && !DexdConfig.Sensors.UDP.equals(config.sensors().cubePose().source())) {
                throw top.section("sim").section("sensors").error("cameras_udp", "the simulated cameras send to the"
                    + " udp cube-pose listener, and sensors.cube_pose.source is " + config.sensors().cubePose().source()
                    + ": set sensors.cube_pose.source: udp (with cameras 1, 2, 3), or cameras_udp: false");
            }
            return config;
        } catch (ConfigError e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static DexdConfig.Policy policy(ConfigNode n) {
        if (!n.has("manifest")) {
            throw n.error("manifest", "missing: the policy's manifest (.yaml beside the .onnx)");
        }
        return new DexdConfig.Policy(n.path("manifest", null), n.number("smoothing", 0.0, 0.0, 0.99));
    }

    private static DexdConfig.Control control(ConfigNode n) {
        return new DexdConfig.Control(n.choice("clock", ClockMode.REALTIME, ClockMode.class),
            (int) n.integer("period_ms", 0, 0, 10_000), (int) n.integer("cpu", -1, -1, 4095),
            (int) n.integer("fifo_priority", 0, 0, 99), n.bool("lock_memory", false),
            n.integer("spin_us", 200, 0, 100_000) * 1_000L);
    }

    private static DexdConfig.Safety safety(ConfigNode n) {
        ConfigNode stale = n.section("stale_ms");
        for (String moved : new String[] {"cube_pose", "face_angles", "fingertips"}) {
            if (stale.has(moved)) {
                throw stale.error(moved, "moved: each sensor's age limit is now sensors." + moved + ".stale_ms"
                    + " (see configs/sim.yaml)");
            }
        }
        ConfigNode following = n.section("following_error");
        return new DexdConfig.Safety(n.number("max_step_rad", 0.5, 1e-6, 10),
            stale.integer("hand", 100, 1, 60_000) * 1_000_000L,
            following.number("limit_rad", 0.5, 1e-3, 10),
            (int) following.integer("periods", 10, 1, 100_000));
    }

    private static DexdConfig.Goals goals(ConfigNode n) {
        GoalConfig d = GoalConfig.defaults();
        GoalConfig.Builder b = d.toBuilder()
            .orientationTolerance(n.number("orientation_tolerance_rad", d.orientationTolerance(), 1e-6, Math.PI))
            .faceTolerance(n.number("face_tolerance_rad", d.faceTolerance(), 1e-6, Math.PI / 2))
            .faceMetric(n.choice("face_metric", d.faceMetric(), GoalConfig.FaceMetric.class))
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
        ConfigNode s = n.section("sensors");
        SensorConfig d = SensorConfig.defaults();
        SensorConfig.Builder b = d.toBuilder();
        if (!s.bool("noise", true)) {
            b.noiseless();
        }
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
        return new DexdConfig.Sim(n.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE), sensors,
            s.bool("cameras_udp", false));
    }

    private static DexdConfig.Perturbations perturbations(ConfigNode n) {
        List<DexdConfig.ScheduledPerturbation> schedule = new ArrayList<>();
        for (ConfigNode item : n.optionalList("schedule")) {
            ConfigNode e = item.asMap("a mapping like {after_successes: 10, action: reset-memory}");
            int after = (int) e.integer("after_successes", 1, 1_000_000);
            PerturbationKind action = PerturbationKind.ofWord(e.text("action"));
            if (action == null) {
                throw e.error("action", "expected reset-memory, randomise or lock-joint, got '" + e.text("action") + "'");
            }
            String joint = null;
            if (action == PerturbationKind.LOCK_JOINT) {
                joint = e.text("joint"); // a joint name or 'random': checked against the hand at start
            } else if (e.has("joint")) {
                throw e.error("joint", "only lock-joint takes a joint");
            }
            schedule.add(new DexdConfig.ScheduledPerturbation(after, action, joint));
        }
        return new DexdConfig.Perturbations(List.copyOf(schedule));
    }

    private static DexdConfig.Log log(ConfigNode n) {
        return new DexdConfig.Log(n.path("dir", "../logs"), (int) n.integer("ring_mb", 8, 1, 1024) << 20,
            n.integer("min_free_mb", DexdConfig.Log.DEFAULT_MIN_FREE_MB, 0, 1L << 30),
            n.integer("warn_free_mb", DexdConfig.Log.DEFAULT_WARN_FREE_MB, 0, 1L << 30), retention(n.section("retention")));
    }

    private static DexdConfig.Retention retention(ConfigNode n) {
        return new DexdConfig.Retention((int) n.integer("max_runs", 0, 0, 1_000_000),
            (long) (n.number("max_gb", 0.0, 0.0, 1_000_000) * (1L << 30)));
    }

    private static DexdConfig.Counters counters(ConfigNode n) {
        String fallback = Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm/dexd" : System.getProperty("java.io.tmpdir") + "/dexd";
        return new DexdConfig.Counters(n.path("dir", fallback));
    }

    private static DexdConfig.Console console(ConfigNode n) {
        DexdConfig.Console off = DexdConfig.Console.off();
        boolean enabled = n.isPresent() && n.bool("enabled", true);
        String bind = n.text("bind", off.bind());
        String token = n.text("token", null);
        if (token != null && (token.length() < 8 || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw n.error("token", "expected at least 8 printable ASCII characters without spaces");
        }
        if (n.isPresent()) {
            InetAddress address;
            try {
                address = InetAddress.getByName(bind);
            } catch (UnknownHostException e) {
                throw n.error("bind", "'" + bind + "' is not an address of this machine (e.g. 127.0.0.1)");
            }
            if (!address.isLoopbackAddress() && token == null) {
                throw n.error("bind", bind + " is not a loopback address, so anyone who can reach it could drive"
                    + " the hand: set console.token (clients then send 'auth <token>' first) or bind 127.0.0.1");
            }
        }
        return new DexdConfig.Console(enabled, bind, (int) n.integer("port", off.port(), 0, 65_535), token,
            (int) n.integer("max_clients", off.maxClients(), 1, 1024), (int) n.integer("max_line", off.maxLine(), 64, 1 << 20),
            (long) (n.number("idle_timeout_s", off.idleTimeoutNanos() / 1e9, 0, 86_400) * 1e9),
            n.number("commands_per_second", off.commandsPerSecond(), 0.1, 100_000));
    }

    private static DexdConfig.Metrics metrics(ConfigNode n) {
        String bind = n.text("bind", "127.0.0.1");
        try {
            InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw n.error("bind", "'" + bind + "' is not an address of this machine (e.g. 127.0.0.1)");
        }
        return new DexdConfig.Metrics(n.bool("enabled", false), bind,
            (int) n.integer("port", DexdConfig.Metrics.DEFAULT_PORT, 0, 65_535));
    }

    private static DexdConfig.LiveView liveView(ConfigNode n) {
        String bind = n.text("bind", "127.0.0.1");
        if (n.isPresent()) {
            try {
                InetAddress.getByName(bind);
            } catch (UnknownHostException e) {
                throw n.error("bind", "'" + bind + "' is not an address of this machine (e.g. 127.0.0.1)");
            }
        }
        return new DexdConfig.LiveView(n.bool("enabled", false), bind,
            (int) n.integer("port", DexdConfig.LiveView.DEFAULT_PORT, 0, 65_535), n.number("rate_hz", 10, 0.1, 1000),
            (int) n.integer("max_queued_kb", 1024, 16, 1 << 20));
    }

    /** The hand: section, read by the drivers' reader from this same parse; null when the file has none. */
    /**
     * {@code sensors:}: per kind a {@code source} and a {@code stale_ms}, and the source's own keys
     * (read here by the source's reader, so a typo anywhere is refused with its line). Left out, a
     * kind reads the simulation (cube_state: none).
     */
    private static DexdConfig.Sensors sensors(ConfigNode n, ConfigNode hand) {
        return new DexdConfig.Sensors(
            input(n, SensorKind.CUBE_POSE, DexdConfig.Sensors.SIM, 600, hand,
                DexdConfig.Sensors.SIM, DexdConfig.Sensors.UDP),
            input(n, SensorKind.FACE_ANGLES, DexdConfig.Sensors.SIM, 400, hand,
                DexdConfig.Sensors.SIM, DexdConfig.Sensors.VISION, DexdConfig.Sensors.GIIKER),
            input(n, SensorKind.FINGERTIPS, DexdConfig.Sensors.SIM, 200, hand,
                DexdConfig.Sensors.SIM, DexdConfig.Sensors.FK, DexdConfig.Sensors.MOCAP_UDP, DexdConfig.Sensors.NONE),
            input(n, SensorKind.CUBE_STATE, DexdConfig.Sensors.NONE, 2000, hand,
                DexdConfig.Sensors.NONE, DexdConfig.Sensors.SIM, DexdConfig.Sensors.GIIKER));
    }

    private static DexdConfig.Input input(ConfigNode sensors, SensorKind kind, String fallback, long staleMs,
                                          ConfigNode hand, String... allowed) {
        ConfigNode n = sensors.section(kind.text());
        String source = n.text("source", fallback);
        if (!java.util.Arrays.asList(allowed).contains(source)) {
            throw n.error("source", "expected " + String.join(" | ", allowed) + ", got '" + source + "'");
        }
        long stale = n.integer("stale_ms", staleMs, 1, 600_000) * 1_000_000L;
        Object settings = switch (source) {
            case DexdConfig.Sensors.UDP -> dev.dexd.vision.VisionConfig.read(n);
            case DexdConfig.Sensors.MOCAP_UDP -> dev.dexd.vision.MocapConfig.read(n);
            case DexdConfig.Sensors.FK -> fkModel(n, hand);
            case DexdConfig.Sensors.GIIKER -> dev.dexd.giiker.ble.GiikerLinkConfig.read(n);
            default -> null;
        };
        return new DexdConfig.Input(kind, source, DexdConfig.Sensors.NONE.equals(source) ? Long.MAX_VALUE : stale,
            settings);
    }

    /** The MJCF model for forward kinematics: {@code model}, else the simulated hand's own model. */
    private static Path fkModel(ConfigNode n, ConfigNode hand) {
        if (n.has("model")) {
            return n.path("model", null);
        }
        if (hand.has("model")) {
            return hand.path("model", null);
        }
        throw n.error("model", "missing: the hand's MJCF model for forward kinematics (joint names as the hand's),"
            + " e.g. model: ../sim/shadow_hand_cube.xml");
    }

    private static HandConfig hand(ConfigNode top) {
        return top.has("hand") ? HandConfig.read(top.section("hand")) : null;
    }
}
