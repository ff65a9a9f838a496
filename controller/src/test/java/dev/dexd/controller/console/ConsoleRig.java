package dev.dexd.controller.console;

import dev.dexd.controller.daemon.Daemon;
import dev.dexd.policy.model.DemoPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A daemon on the MuJoCo simulation with a console, in a temporary folder: a small demo policy, the
 * project's hand model, and a {@code console:} section listening on a free loopback port.
 */
public final class ConsoleRig {
    static final Path MODEL = Path.of("..", "configs", "sim", "shadow_hand_cube.xml").toAbsolutePath().normalize();

    public final Path dir;
    public final Path manifest;

    public ConsoleRig(Path dir) {
        this.dir = dir;
        this.manifest = DemoPolicy.generate(32, 3).write(dir.resolve("policy"));
    }

    /**
     * Writes a config named {@code name}: clock and period as given, the goals "R U R' U'" repeated,
     * and {@code console} as the console section's YAML body (null: no console).
     */
    public Path config(String name, String clock, int periodMs, String console) {
        return config(name, clock, periodMs, console, "");
    }

    /** The same, with {@code control} (YAML lines) added to the control section. */
    public Path config(String name, String clock, int periodMs, String console, String control) {
        return config(name, clock, periodMs, console, control, null);
    }

    /** The same, with a {@code sensors:} section's YAML body (null: every input from the simulation). */
    public Path config(String name, String clock, int periodMs, String console, String control, String sensors) {
        String yaml = "hand:\n"
            + "  library: dexd_mujoco\n"
            + "  model: " + MODEL + "\n"
            + "  clock: " + clock + "\n"
            + "  timestep: 0.002\n"
            + "  watchdog_ms: 0\n"
            + "policy:\n  manifest: " + manifest + "\n"
            + "control:\n  clock: " + clock + "\n  period_ms: " + periodMs + "\n  spin_us: 100\n"
            + (control.isEmpty() ? "" : indent(control))
            + "goals:\n  sequence: \"R U R' U'\"\n  repeat_episodes: true\n"
            + "sim:\n  seed: 5\n"
            + "log:\n  dir: " + dir.resolve("logs") + "\n"
            + "counters:\n  dir: " + dir.resolve("counters-" + name) + "\n"
            + (console == null ? "" : "console:\n" + indent(console))
            + (sensors == null ? "" : "sensors:\n" + indent(sensors));
        Path file = dir.resolve(name + ".yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The console section the tests use: a free port, limits loose enough for bursts. */
    public static String console(String extra) {
        return "bind: 127.0.0.1\nport: 0\nmax_clients: 128\nmax_line: 4096\nidle_timeout_s: 3\n"
            + "commands_per_second: 1000\n" + (extra == null ? "" : extra);
    }

    /** Starts a daemon that runs until closed (lockstep: for a simulated week). */
    public static Daemon start(Path config, boolean lockstep) {
        Daemon d = Daemon.configure(new Daemon.Options(config, lockstep ? 7 * 86_400 : 0, lockstep ? Boolean.TRUE
            : null, null, null, null));
        try {
            d.start();
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    private static String indent(String block) {
        StringBuilder sb = new StringBuilder();
        for (String line : block.split("\n")) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }
}
