package dev.dexd.drivers.hand;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.drivers.ClockMode;
import dev.dexd.drivers.HandDrivers;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bench hand (native/test/bench_hand.c), a hand library that is not a simulation, through the
 * same driver path as a real hand: opened as a plain {@link NativeHandDriver}, described like the
 * simulation, servos that follow their targets on CLOCK_MONOTONIC, and the ABI's defences (clip,
 * non-finite, hold, watchdog, strict keys). Waits only have lower bounds.
 */
class BenchHandTest {
    private static final int A_FFJ1 = 4;
    private static final int A_THJ4 = 15;

    static Path library() {
        return Path.of(System.getProperty("dexd.native.test.dir", "target/native-test"), "libdexd_bench_hand.so")
            .toAbsolutePath();
    }

    private static HandDriver open(String tauMs, String watchdogMs) {
        return HandDrivers.open(HandConfig.of(library().toString(), Map.of("tau_ms", tauMs, "watchdog_ms", watchdogMs)));
    }

    private static HandState read(HandDriver hand) {
        HandState s = new HandState();
        hand.read(s);
        return s;
    }

    @Test
    void itIsARealHandWithTheSimulationsNamesAndRanges() {
        Path model = Path.of(System.getProperty("dexd.configs.dir", "../configs"), "sim", "shadow_hand_cube.xml")
            .toAbsolutePath().normalize();
        Path sim = Path.of(System.getProperty("dexd.native.dir", "target/native"), "libdexd_mujoco.so").toAbsolutePath();
        HandDescription simulated;
        try (HandDriver s = HandDrivers.open(HandConfig.of(sim.toString(), Map.of("model", model.toString())))) {
            simulated = s.describe();
        }
        try (HandDriver hand = HandDrivers.open(HandConfig.of(library().toString(), Map.of()), ClockMode.REALTIME)) {
            assertInstanceOf(NativeHandDriver.class, hand);
            assertFalse(((NativeHandDriver) hand).library().hasSimulation(), "no dexd_sim.h");
            HandDescription d = hand.describe();
            assertFalse(d.isSimulated());
            assertEquals("dexd bench hand (test fixture)", d.library());
            assertEquals(simulated.jointNames(), d.jointNames());
            assertEquals(simulated.actuatorNames(), d.actuatorNames());
            assertArrayEquals(simulated.actuatorMins(), d.actuatorMins());
            assertArrayEquals(simulated.actuatorMaxs(), d.actuatorMaxs());
            for (int j = 0; j < HandState.JOINTS; j++) {
                assertEquals(simulated.jointMin(j), d.jointMin(j), d.jointNames().get(j));
                assertEquals(simulated.jointMax(j), d.jointMax(j), d.jointNames().get(j));
            }
            long before = System.nanoTime();
            HandState s = read(hand);
            assertTrue(s.stampNanos >= before && s.stampNanos <= System.nanoTime(), "stamped on CLOCK_MONOTONIC");
            assertEquals(HandStatus.describe(0), HandStatus.describe(s.status), "at rest, nothing to report");
        }
    }

    @Test
    void servosFollowTheirTargetsAndCoupledActuatorsSplitIntoJ1AndJ0() throws InterruptedException {
        try (HandDriver hand = open("10", "0")) {
            double[] targets = new double[HandState.ACTUATORS];
            targets[A_FFJ1] = 2.0;
            targets[A_THJ4] = -0.5;
            assertEquals(0, hand.write(targets));
            HandState early = read(hand);
            Thread.sleep(200); // 20 time constants at least
            HandState s = read(hand);
            assertEquals(2.0, s.actuatorPos[A_FFJ1], 1e-6);
            assertEquals(1.0, s.jointPos[4], 1e-6, "FFJ1");
            assertEquals(1.0, s.jointPos[5], 1e-6, "FFJ0");
            assertEquals(-0.5, s.jointPos[19], 1e-6, "THJ4");
            assertEquals(0.0, s.jointVel[19], 1e-3, "settled");
            assertTrue(s.stampNanos > early.stampNanos);
        }
    }

    @Test
    void outOfRangeIsClippedAndNonFiniteIsRefusedWhole() throws InterruptedException {
        try (HandDriver hand = open("5", "0")) {
            double[] targets = new double[HandState.ACTUATORS];
            targets[A_FFJ1] = 9.0;
            targets[A_THJ4] = -9.0;
            assertEquals(2, hand.write(targets));
            assertTrue(read(hand).has(HandStatus.CLIPPED));
            targets[A_THJ4] = Double.NaN;
            HandException e = assertThrows(HandException.class, () -> hand.write(targets));
            assertEquals(HandError.NOT_FINITE, e.error());
            assertTrue(e.getMessage().contains("target 15 (A_THJ4) is NaN: all targets refused"), e.getMessage());
            Thread.sleep(100);
            HandState s = read(hand);
            assertTrue(s.has(HandStatus.REJECTED));
            assertEquals(3.1416, s.actuatorPos[A_FFJ1], 1e-6, "the clipped targets stay");
            assertEquals(-1.047, s.actuatorPos[A_THJ4], 1e-6);
        }
    }

    @Test
    void holdLatchesWhereTheHandIsUntilResume() throws InterruptedException {
        try (HandDriver hand = open("1000", "0")) {
            double[] targets = new double[HandState.ACTUATORS];
            targets[A_THJ4] = 1.0;
            hand.write(targets);
            Thread.sleep(20);
            hand.hold();
            double held = read(hand).actuatorPos[A_THJ4];
            assertTrue(held > 0 && held < 1.0, "moving toward the target, stopped on the way: " + held);
            HandException e = assertThrows(HandException.class, () -> hand.write(targets));
            assertEquals(HandError.HOLDING, e.error());
            Thread.sleep(100);
            HandState s = read(hand);
            assertTrue(s.has(HandStatus.HOLDING | HandStatus.REJECTED));
            assertEquals(held, s.actuatorPos[A_THJ4], 1e-9, "held where it was");
            hand.resume();
            assertFalse(read(hand).has(HandStatus.HOLDING));
            assertEquals(0, hand.write(targets));
        }
    }

    @Test
    void theWatchdogStopsASilentControllerUntilItsNextWrite() throws InterruptedException {
        try (HandDriver hand = open("1000", "30")) {
            double[] targets = new double[HandState.ACTUATORS];
            targets[A_THJ4] = 1.0;
            hand.write(targets);
            Thread.sleep(100);
            HandState first = read(hand);
            assertTrue(first.has(HandStatus.WATCHDOG), HandStatus.describe(first.status));
            Thread.sleep(50);
            assertEquals(first.actuatorPos[A_THJ4], read(hand).actuatorPos[A_THJ4], 1e-12, "holding");
            hand.write(targets);
            assertFalse(read(hand).has(HandStatus.WATCHDOG));
        }
    }

    @Test
    void configKeysAreStrictAndNamedInOneLine() {
        for (var bad : Map.of("clock", "config: unknown key 'clock' (known: tau_ms, watchdog_ms)",
            "tau_ms", "config: tau_ms: expected a number of ms in 1..10000, got 'soon'").entrySet()) {
            HandException e = assertThrows(HandException.class,
                () -> HandDrivers.open(HandConfig.of(library().toString(), Map.of(bad.getKey(), "soon"))).close());
            assertEquals(HandError.CONFIG, e.error());
            assertEquals("cannot open the hand (library " + library() + "): " + bad.getValue() + " (CONFIG)", e.getMessage());
        }
    }
}
