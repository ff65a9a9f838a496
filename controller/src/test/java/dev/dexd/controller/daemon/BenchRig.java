package dev.dexd.controller.daemon;

import dev.dexd.policy.model.DemoPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test rig for dexd on a hand that is not the simulation: the bench hand fixture
 * (drivers/native/test/bench_hand.c, servos on a bench), the demo policy (it reads fingertip_pos)
 * and a realtime config in a temporary folder whose {@code sensors:} section the test gives.
 */
public final class BenchRig {
    /** The bench hand library the drivers build made (a test fixture, not shipped). */
    public static final Path LIBRARY = Path.of(System.getProperty("dexd.native.test.dir", "../drivers/target/native-test"),
        "libdexd_bench_hand.so").toAbsolutePath().normalize();
    /** The hand's kinematic model for {@code fingertips: fk}: the simulation's MJCF, whose names the bench hand shares. */
    public static final Path MODEL = SimRig.MODEL;
    /** Where the cube rests on the palm (the simulation's start), world frame, m; U up. */
    public static final double[] CUBE_POSITION = {0.33, 0.01, 0.2301};
    /** Goals that keep one episode going whatever the cube does: only the sensors change the run. */
    static final String LONG_EPISODE = FaultInjectionTest.LONG_EPISODE;

    public final Path dir;
    public final Path manifest;

    public BenchRig(Path dir) {
        this.dir = dir;
        this.manifest = DemoPolicy.generate(32, 3).write(dir.resolve("policy"));
    }

    /** The folder each config's runs go to. */
    public Path logs(String name) {
        return dir.resolve("logs-" + name);
    }

    /**
     * Writes a config for the bench hand: {@code control} and {@code sensors} as YAML blocks
     * ({@code sensors} null: left out, so every kind defaults to the simulation's).
     */
    public Path config(String name, String control, String sensors) {
        String yaml = "hand:\n"
            + "  library: " + LIBRARY + "\n"
            + "  tau_ms: 50\n"
            + "  watchdog_ms: 500\n"
            + "policy:\n  manifest: " + manifest + "\n"
            + "control:\n" + indent(control)
            + "safety:\n  max_step_rad: 0.5\n"
            + "goals:\n" + indent(LONG_EPISODE)
            + "log:\n  dir: " + logs(name) + "\n"
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

    /**
     * A robot's sensors: camera poses over UDP on loopback ({@code port} 0: any free port, named in the
     * start-up lines) from three cameras around the hand, face angles from those packets, fingertips
     * from forward kinematics on {@link #MODEL}; generous age limits (a loaded test machine).
     */
    public static String robotSensors(int port) {
        return "cube_pose:\n"
            + "  source: udp\n"
            + "  bind: 127.0.0.1\n"
            + "  port: " + port + "\n"
            + "  stale_ms: 1500\n"
            + "  cameras:\n"
            + "    - {id: 1, name: left,  position: [0.0, -0.45, 0.35], quaternion: [1, 0, 0, 0], max_age_ms: 1000}\n"
            + "    - {id: 2, name: right, position: [0.0, 0.45, 0.35], quaternion: [0, 0, 0, 1], max_age_ms: 1000}\n"
            + "    - {id: 3, name: top,   position: [0.3, 0.0, 0.8], quaternion: [0, 1, 0, 0], max_age_ms: 1000}\n"
            + "face_angles: {source: vision, stale_ms: 1500}\n"
            + "fingertips:\n"
            + "  source: fk\n"
            + "  model: " + MODEL + "\n"
            + "  stale_ms: 1000\n";
    }

    private static String indent(String block) {
        StringBuilder sb = new StringBuilder();
        for (String line : block.split("\n")) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }
}
