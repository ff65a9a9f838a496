package dev.dexd.controller.config;

import dev.dexd.controller.goals.GoalConfig;
import dev.dexd.drivers.sensors.SensorConfig;
import java.nio.file.Path;

/**
 * The daemon's validated configuration (see configs/sim.yaml for every key with its meaning). The
 * {@code hand:} section is read by the drivers module's own reader from the same file.
 *
 * @param file the YAML file
 * @param text its text, recorded in the step log's header
 */
public record DexdConfig(Path file, String text, Policy policy, Control control, Safety safety, Goals goals, Sim sim,
                         Log log, Counters counters, Console console) {

    /** Control clock: the wall clock, or the simulation advanced one period per tick. */
    public enum Clock { REALTIME, LOCKSTEP }

    /** @param smoothing EMA coefficient for targets in [0, 1); 0 off */
    public record Policy(Path manifest, double smoothing) {
    }

    /**
     * @param periodMs control period; 0 means the manifest's period_ms
     * @param cpu CPU to pin the control thread to, -1 for none
     * @param fifoPriority SCHED_FIFO priority for the control thread, 0 for none
     * @param spinNanos how long before each deadline the control thread stops sleeping and spins
     */
    public record Control(Clock clock, int periodMs, int cpu, int fifoPriority, boolean lockMemory, long spinNanos) {
    }

    /**
     * @param maxStepRad largest change of a target from one step to the next
     * @param staleCubePoseNanos oldest usable cube pose (and likewise for the others)
     * @param followingErrorRad largest |target - measured| of an actuator that may last
     * @param followingErrorPeriods consecutive periods over {@code followingErrorRad} that latch the e-stop
     */
    public record Safety(double maxStepRad, long staleCubePoseNanos, long staleFaceAnglesNanos,
                        long staleFingertipsNanos, long staleHandNanos, double followingErrorRad,
                        int followingErrorPeriods) {
    }

    /**
     * @param tracker success tests, timeouts and episode rules (defaults from OpenAI's deployment)
     * @param repeatEpisodes in simulation: reset the world and run the sequence again after an episode ends
     * @param sequence moves queued at start (cube notation), empty for none
     */
    public record Goals(GoalConfig tracker, boolean repeatEpisodes, String sequence) {
    }

    /** The simulated world: seed and sensor models. */
    public record Sim(long seed, SensorConfig sensors) {
    }

    /** @param dir where each run's log directory is created; ringBytes the logger ring's capacity */
    public record Log(Path dir, int ringBytes) {
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
}
