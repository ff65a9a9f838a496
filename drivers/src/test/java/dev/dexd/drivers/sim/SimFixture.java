package dev.dexd.drivers.sim;

import dev.dexd.drivers.HandDrivers;
import dev.dexd.drivers.hand.HandConfig;
import dev.dexd.drivers.hand.HandState;
import java.nio.file.Path;

/**
 * Opens the simulation the way the daemon does (the project's configs/sim.yaml, library by path),
 * with test overrides. Paths come from the build (system properties set by surefire).
 */
final class SimFixture {
    private SimFixture() {
    }

    static Path configsDir() {
        return Path.of(System.getProperty("dexd.configs.dir", "../configs")).toAbsolutePath().normalize();
    }

    static Path library() {
        return Path.of(System.getProperty("dexd.native.dir", "target/native"), "libdexd_mujoco.so").toAbsolutePath();
    }

    /** configs/sim.yaml, loading the built library by path, without randomisation, watchdog off. */
    static HandConfig config() {
        return HandConfig.load(configsDir().resolve("sim.yaml"))
            .withLibrary(library().toString())
            .with("friction_scale", "1").with("mass_scale", "1").with("damping_scale", "1").with("gain_scale", "1")
            .with("cube_position_noise", "0").with("cube_yaw_noise", "0")
            .with("watchdog_ms", "0");
    }

    static SimulatedHand open(HandConfig config) {
        return HandDrivers.openSimulated(config);
    }

    static SimulatedHand open() {
        return open(config());
    }

    /** Targets that hold the current actuator positions. */
    static double[] holdTargets(SimulatedHand hand) {
        HandState s = new HandState();
        hand.read(s);
        return s.actuatorPos.clone();
    }

    /** Writes targets every 80 ms of simulated time for {@code seconds}, like the control loop. */
    static void drive(SimulatedHand hand, double[] targets, double seconds) {
        int periods = (int) Math.round(seconds / 0.08);
        for (int i = 0; i < periods; i++) {
            hand.write(targets);
            hand.step(hand.stepsFor(80_000_000L));
        }
    }
}
