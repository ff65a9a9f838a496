package dev.dexd.drivers.kinematics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.drivers.HandDrivers;
import dev.dexd.drivers.hand.HandConfig;
import dev.dexd.drivers.hand.HandDescription;
import dev.dexd.drivers.hand.HandError;
import dev.dexd.drivers.hand.HandException;
import dev.dexd.drivers.hand.HandState;
import dev.dexd.drivers.sim.SimulatedHand;
import dev.dexd.drivers.sim.WorldTruth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fingertips from measured joints against the simulation's own truth, and the refusals. */
class FingertipKinematicsTest {
    static Path configsDir() {
        return Path.of(System.getProperty("dexd.configs.dir", "../configs")).toAbsolutePath().normalize();
    }

    static Path model() {
        return configsDir().resolve("sim/shadow_hand_cube.xml");
    }

    /** configs/sim.yaml as the daemon runs it (domain randomisation on), lockstep, library by path, no watchdog. */
    private static HandConfig simConfig() {
        Path lib = Path.of(System.getProperty("dexd.native.dir", "target/native"), "libdexd_mujoco.so").toAbsolutePath();
        return HandConfig.load(configsDir().resolve("sim.yaml")).withLibrary(lib.toString())
            .with("clock", "lockstep").with("watchdog_ms", "0");
    }

    /**
     * Random targets across the actuators' whole ranges, a new set every 30 physics steps (60 ms), over
     * three randomised episodes: at every step the kinematics of the measured joints must land on the
     * simulation's fingertips. The config's model is the one the simulation loaded.
     */
    @Test
    void fingertipsFromMeasuredJointsMatchTheSimulationsTruth() {
        HandConfig config = simConfig();
        assertEquals(model(), Path.of(config.option("model").orElseThrow()));
        HandState state = new HandState();
        WorldTruth truth = new WorldTruth();
        double[] tips = new double[15];
        double[] targets = new double[HandState.ACTUATORS];
        double[] start = new double[15];
        double worst = 0;
        double farthest = 0;
        int compared = 0;
        Random random = new Random(9);
        try (SimulatedHand hand = HandDrivers.openSimulated(config);
             FingertipKinematics fk = FingertipKinematics.open(model())) {
            HandDescription d = hand.describe();
            for (long seed = 1; seed <= 3; seed++) {
                hand.reset(seed);
                hand.readTruth(truth);
                System.arraycopy(truth.fingertipPos, 0, start, 0, 15);
                for (int step = 0; step < 600; step++) {
                    if (step % 30 == 0) {
                        for (int a = 0; a < targets.length; a++) {
                            targets[a] = d.actuatorMin(a) + random.nextDouble() * (d.actuatorMax(a) - d.actuatorMin(a));
                        }
                        hand.write(targets);
                    }
                    hand.step(1);
                    hand.read(state);
                    hand.readTruth(truth);
                    assertEquals(truth.timeNanos, state.stampNanos, "state and truth of the same step");
                    fk.compute(state.jointPos, tips);
                    for (int k = 0; k < 5; k++) {
                        worst = Math.max(worst, distance(tips, truth.fingertipPos, k));
                        farthest = Math.max(farthest, distance(truth.fingertipPos, start, k));
                    }
                    compared++;
                }
            }
        }
        System.out.printf("fk vs truth: %d steps, worst error %.3g m, tips moved up to %.3f m%n", compared, worst, farthest);
        assertTrue(farthest > 0.05, "the motion was too small to test anything: tips moved " + farthest + " m");
        assertTrue(worst <= 1e-3, "fingertip kinematics is off the truth by " + worst + " m");
    }

    private static double distance(double[] a, double[] b, int tip) {
        double dx = a[3 * tip] - b[3 * tip];
        double dy = a[3 * tip + 1] - b[3 * tip + 1];
        double dz = a[3 * tip + 2] - b[3 * tip + 2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /** The joints move the tips, and the same joints give the same tips whatever came before. */
    @Test
    void tipsFollowTheJointsAndDependOnlyOnThem() {
        double[] zero = new double[24];
        double[] bent = new double[24];
        bent[3] = 1.2; // FFJ2: first finger's middle joint
        double[] a = new double[15];
        double[] b = new double[15];
        double[] c = new double[15];
        try (FingertipKinematics fk = FingertipKinematics.open(model())) {
            fk.compute(zero, a);
            fk.compute(bent, b);
            fk.compute(zero, c);
        }
        assertArrayEquals(a, c);
        assertTrue(Math.abs(b[0] - a[0]) + Math.abs(b[1] - a[1]) + Math.abs(b[2] - a[2]) > 0.01, "FF tip did not move");
        assertArrayEquals(Arrays.copyOfRange(a, 3, 15), Arrays.copyOfRange(b, 3, 15), "other tips moved");
    }

    @Test
    void aNonFiniteJointIsRefusedNamingItAndLeavesTheOutputAlone() {
        double[] joints = new double[24];
        joints[3] = Double.NaN;
        double[] out = new double[15];
        Arrays.fill(out, 7.0);
        try (FingertipKinematics fk = FingertipKinematics.open(model())) {
            assertEquals(HandError.NOT_FINITE.code(), fk.tryCompute(joints, out));
            HandException e = assertThrows(HandException.class, () -> fk.compute(joints, out));
            assertEquals(HandError.NOT_FINITE, e.error());
            assertOneLine(e.getMessage());
            assertTrue(e.getMessage().contains("FFJ2"), e.getMessage());
            assertTrue(Arrays.stream(out).allMatch(v -> v == 7.0));
            joints[3] = 0.0;
            fk.compute(joints, out);
            assertFalse(out[0] == 7.0);
        }
    }

    @Test
    void aMissingModelIsOneLineNamingTheFileAndTheFix(@TempDir Path dir) {
        Path missing = dir.resolve("no_such_hand.xml");
        HandException e = assertThrows(HandException.class, () -> FingertipKinematics.open(missing));
        assertEquals(HandError.OPEN, e.error());
        assertOneLine(e.getMessage());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("shadow_hand_cube.xml"), e.getMessage());
    }

    @Test
    void aModelThatIsNotMjcfIsOneLineFromMuJoCo(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("hand.xml"), "<mujoco>\n  <worldbody>\n    <body>\n</mujoco>\n");
        HandException e = assertThrows(HandException.class, () -> FingertipKinematics.open(bad));
        assertEquals(HandError.OPEN, e.error());
        assertOneLine(e.getMessage());
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    }

    @Test
    void aModelWithoutTheHandsJointsNamesTheMissingOne(@TempDir Path dir) throws IOException {
        Path arm = Files.writeString(dir.resolve("arm.xml"), "<mujoco><worldbody><body name=\"hand_mount\">"
            + "<joint name=\"WRJ1\"/><geom size=\"0.01\"/></body></worldbody></mujoco>");
        HandException e = assertThrows(HandException.class, () -> FingertipKinematics.open(arm));
        assertOneLine(e.getMessage());
        assertTrue(e.getMessage().contains(arm.toString()) && e.getMessage().contains("'WRJ0'"), e.getMessage());
    }

    @Test
    void closedIsClosed() {
        FingertipKinematics fk = FingertipKinematics.open(model());
        fk.close();
        fk.close();
        HandException e = assertThrows(HandException.class, () -> fk.compute(new double[24], new double[15]));
        assertEquals(HandError.STATE, e.error());
        try (FingertipKinematics other = FingertipKinematics.open(model())) {
            assertThrows(IllegalArgumentException.class, () -> other.compute(new double[20], new double[15]));
        }
    }

    private static void assertOneLine(String message) {
        assertFalse(message.contains("\n") || message.contains("\r"), message);
        assertFalse(message.isBlank());
    }
}
