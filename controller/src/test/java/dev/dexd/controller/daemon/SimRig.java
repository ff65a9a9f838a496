package dev.dexd.controller.daemon;

import dev.dexd.policy.model.DemoPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test rig: a small demo policy and a dexd config for the MuJoCo simulation in a temporary
 * folder, with every section overridable as YAML text. The simulation model is the project's own
 * (configs/sim); the library is the one the build made.
 */
public final class SimRig {
    static final Path MODEL = Path.of("..", "configs", "sim", "shadow_hand_cube.xml").toAbsolutePath().normalize();

    public final Path dir;
    public final Path manifest;

    public SimRig(Path dir) {
        this.dir = dir;
        try {
            this.manifest = DemoPolicy.generate(32, 3).write(dir.resolve("policy"));
        } catch (RuntimeException e) {
            throw e;
        }
    }

    /** Writes a config: the sections given replace the defaults below. */
    public Path config(String name, String policy, String control, String safety, String goals, String sim) {
        return config(name, policy, control, safety, goals, sim, null);
    }

    /** As above with a {@code sensors:} section ({@code null}: left out, every kind from the simulation). */
    public Path config(String name, String policy, String control, String safety, String goals, String sim,
                       String sensors) {
        String yaml = "hand:\n"
            + "  library: dexd_mujoco\n"
            + "  model: " + MODEL + "\n"
            + "  clock: lockstep\n"
            + "  timestep: 0.002\n"
            + "  watchdog_ms: 0\n"
            + "policy:\n" + indent(policy != null ? policy : "manifest: " + manifest)
            + "control:\n" + indent(control != null ? control : "clock: lockstep\nperiod_ms: 20")
            + "safety:\n" + indent(safety != null ? safety : "max_step_rad: 0.5")
            + "goals:\n" + indent(goals != null ? goals : "sequence: \"R U R' U'\"\nrepeat_episodes: true")
            + "sim:\n" + indent(sim != null ? sim : "seed: 5")
            + "log:\n  dir: " + dir.resolve("logs") + "\n"
            + "counters:\n  dir: " + dir.resolve("counters-" + name) + "\n"
            + (sensors != null ? "sensors:\n" + indent(sensors) : "");
        Path file = dir.resolve(name + ".yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public Path config(String name) {
        return config(name, null, null, null, null, null);
    }

    private static String indent(String block) {
        StringBuilder sb = new StringBuilder();
        for (String line : block.split("\n")) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }

    /** Runs a lockstep daemon to its end and returns it (closed). */
    public static Daemon runLockstep(Path config, double seconds, Long seed) throws InterruptedException {
        Daemon d = Daemon.configure(new Daemon.Options(config, seconds, Boolean.TRUE, seed, null, null));
        try {
            d.start();
            d.awaitStop(120_000);
        } finally {
            d.close();
        }
        if (d.failure() != null) {
            throw new AssertionError("control loop failed", d.failure());
        }
        return d;
    }
}
