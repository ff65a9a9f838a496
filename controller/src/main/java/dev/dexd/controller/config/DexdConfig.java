package dev.dexd.controller.config;

import dev.dexd.controller.log.PerturbationKind;
import java.util.List;

import dev.dexd.controller.goals.GoalConfig;
import dev.dexd.drivers.ClockMode;
import dev.dexd.drivers.hand.HandConfig;
import dev.dexd.drivers.sensors.SensorConfig;
import java.nio.file.Path;

/**
 * The daemon's validated configuration (see configs/sim.yaml for every key with its meaning), read
 * by {@link ConfigLoader} from one parse of the file. To add a key: a component in its record here
 * and one line in {@link ConfigLoader} that reads it with its default and range.
 *
 * @param file the YAML file
 * @param text its text, recorded in the step log's header
 * @param hand the {@code hand:} section (library and its options, read by the drivers' {@link HandConfig#read});
 *             null when the file has none, see {@link #requireHand()}
 */
public record DexdConfig(Path file, String text, Policy policy, Control control, Safety safety, Goals goals, Sim sim,
                         Log log, Counters counters, Console console, Metrics metrics, HandConfig hand,
                         LiveView liveView, Perturbations perturbations, Sensors sensors) {

    /** The hand section, or a one-line error when the file has none (a daemon cannot run without a hand). */
    public HandConfig requireHand() {
        if (hand == null) {
            throw new ConfigException("config " + file + ": hand: missing: the hand library and its options"
                + " (e.g. hand: {library: dexd_mujoco, model: sim/shadow_hand_cube.xml}, see configs/sim.yaml)");
        }
        return hand;
    }

    /** @param smoothing EMA coefficient for targets in [0, 1); 0 off */
    public record Policy(Path manifest, double smoothing) {
    }

    /**
     * @param periodMs control period; 0 means the manifest's period_ms
     * @param cpu CPU to pin the control thread to, -1 for none
     * @param fifoPriority SCHED_FIFO priority for the control thread, 0 for none
     * @param spinNanos how long before each deadline the control thread stops sleeping and spins
     */
    public record Control(ClockMode clock, int periodMs, int cpu, int fifoPriority, boolean lockMemory, long spinNanos) {
    }

    /**
     * @param maxStepRad largest change of a target from one step to the next
     * @param staleHandNanos oldest usable hand reading (the sensors' limits are in {@link Sensors})
     * @param followingErrorRad largest |target - measured| of an actuator that may last
     * @param followingErrorPeriods consecutive periods over {@code followingErrorRad} that latch the e-stop
     */
    public record Safety(double maxStepRad, long staleHandNanos, double followingErrorRad,
                        int followingErrorPeriods) {
    }

    /**
     * @param tracker success tests, timeouts and episode rules (defaults from OpenAI's deployment)
     * @param repeatEpisodes in simulation: reset the world and run the sequence again after an episode ends
     * @param sequence moves queued at start (cube notation), empty for none
     */
    public record Goals(GoalConfig tracker, boolean repeatEpisodes, String sequence) {
    }

    /**
     * Where each kind of sensor input comes from ({@code sensors:}), each with its own age limit.
     * A kind whose source is {@code none} is neither read nor checked for age.
     */
    public record Sensors(Input cubePose, Input faceAngles, Input fingertips, Input cubeState) {
        /** Source names, as the config writes them. */
        public static final String SIM = "sim";
        public static final String UDP = "udp";
        public static final String VISION = "vision";
        public static final String FK = "fk";
        public static final String MOCAP_UDP = "mocap_udp";
        public static final String GIIKER = "giiker";
        public static final String NONE = "none";

        public Input input(dev.dexd.common.sensing.SensorKind kind) {
            return switch (kind) {
                case CUBE_POSE -> cubePose;
                case FACE_ANGLES -> faceAngles;
                case FINGERTIPS -> fingertips;
                case CUBE_STATE -> cubeState;
            };
        }

        /** Whether any kind is read from {@code source}. */
        public boolean uses(String source) {
            return cubePose.source.equals(source) || faceAngles.source.equals(source) || fingertips.source.equals(source)
                || cubeState.source.equals(source);
        }
    }

    /**
     * One kind's input.
     *
     * @param source one of the names in {@link Sensors}
     * @param staleNanos samples older than this hold the hand ({@code stale_ms}); Long.MAX_VALUE for {@code none}
     * @param settings the source's own settings (a vision/mocap config, the kinematic model's path), or null
     */
    public record Input(dev.dexd.common.sensing.SensorKind kind, String source, long staleNanos, Object settings) {
        /** Where it is configured, for one-line errors found later: {@code sensors.fingertips}. */
        public String section() {
            return "sensors." + kind.text();
        }

        public boolean isNone() {
            return Sensors.NONE.equals(source);
        }

        /** The settings as {@code type}. */
        public <T> T settings(Class<T> type) {
            return type.cast(settings);
        }
    }

    /**
     * The simulated world: seed and sensor models.
     *
     * @param camerasUdp the simulated cameras send their estimates as DXPS packets to the {@code udp}
     *                   cube-pose listener ({@code sim.sensors.cameras_udp}), so a simulation exercises
     *                   the real ingestion path; needs {@code sensors.cube_pose.source: udp}
     */
    public record Sim(long seed, SensorConfig sensors, boolean camerasUdp) {
    }

    /**
     * @param dir where each run's log directory is created; ringBytes the logger ring's capacity
     * @param minFreeMb a run does not start when the log's file system has less free space ({@code log.min_free_mb})
     * @param warnFreeMb below this the logger writes a DISK_LOW warning event ({@code log.warn_free_mb})
     * @param retention how many old runs to keep ({@code log.retention})
     */
    public record Log(Path dir, int ringBytes, long minFreeMb, long warnFreeMb, Retention retention) {
        public static final long DEFAULT_MIN_FREE_MB = 64;
        public static final long DEFAULT_WARN_FREE_MB = 512;
    }

    /**
     * Old runs deleted at start and hourly, oldest first, never the current one. Off by default (0, 0):
     * deleting logs is the operator's choice; configs/sim.yaml and robot.yaml turn it on.
     *
     * @param maxRuns  runs kept in {@code log.dir}, this one included ({@code max_runs}); 0 no limit
     * @param maxBytes bytes kept in them ({@code max_gb}, GiB); 0 no limit
     */
    public record Retention(int maxRuns, long maxBytes) {
    }

    /**
     * The Prometheus {@code /metrics} endpoint; off by default, loopback by default.
     *
     * @param port TCP port; 0 picks a free one (9464 is the exporters' customary port)
     */
    public record Metrics(boolean enabled, String bind, int port) {
        public static final int DEFAULT_PORT = 9464;
    }

    /** @param dir where the live counters file lives (read by {@code dexd stat}) */
    public record Counters(Path dir) {
    }

    /**
     * The TCP command console (see docs/console.md). Off when the section is left out.
     *
     * @param bind address to listen on; one that is not loopback needs a token
     * @param port TCP port; 0 picks a free one
     * @param token the secret a client sends first ({@code auth <token>}), or null for none
     * @param maxClients connections served at once; more are refused
     * @param maxLine longest command line in bytes; longer lines are refused and discarded
     * @param idleTimeoutNanos a client that neither sends nor receives for this long is dropped; 0 never
     * @param commandsPerSecond commands one client may send per second (a burst of as many is allowed)
     */
    public record Console(boolean enabled, String bind, int port, String token, int maxClients, int maxLine,
                          long idleTimeoutNanos, double commandsPerSecond) {
        /** The console's default port. */
        public static final int DEFAULT_PORT = 7878;

        /** No console (the section was left out). */
        public static Console off() {
            return new Console(false, "127.0.0.1", DEFAULT_PORT, null, 16, 4096, 600_000_000_000L, 20);
        }
    }

    /**
     * The live view: a Foxglove WebSocket server publishing the run as it is logged (see docs/replay.md).
     * Off unless {@code enabled: true}.
     *
     * @param bind address to listen on (loopback by default: the view is read-only but shows the whole run)
     * @param port TCP port; 0 picks a free one
     * @param rateHz most step messages per second per channel
     * @param maxQueuedKb a client with more than this unsent is dropped
     */
    public record LiveView(boolean enabled, String bind, int port, double rateHz, int maxQueuedKb) {
        public static final int DEFAULT_PORT = 8765;
    }

    /**
     * The perturbations applied by the control thread without an operator, each at most once per
     * episode: when the episode's successes reach {@code afterSuccesses}.
     */
    public record Perturbations(List<ScheduledPerturbation> schedule) {
        public static Perturbations none() {
            return new Perturbations(List.of());
        }
    }

    /**
     * @param afterSuccesses applied on the step of the episode's N-th success
     * @param action reset-memory, randomise or lock-joint
     * @param joint lock-joint: a joint name, or {@link #RANDOM_JOINT} (drawn from the run's seed); else null
     */
    public record ScheduledPerturbation(int afterSuccesses, PerturbationKind action, String joint) {
        public static final String RANDOM_JOINT = "random";
    }
}
