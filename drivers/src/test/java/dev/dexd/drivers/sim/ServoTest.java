package dev.dexd.drivers.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.drivers.ClockMode;
import dev.dexd.drivers.hand.HandDescription;
import dev.dexd.drivers.hand.HandError;
import dev.dexd.drivers.hand.HandException;
import dev.dexd.drivers.hand.HandState;
import dev.dexd.drivers.hand.HandStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServoTest {
    private SimulatedHand hand;
    private HandDescription desc;
    private final HandState state = new HandState();

    @BeforeEach
    void open() {
        hand = SimFixture.open();
        desc = hand.describe();
    }

    @AfterEach
    void close() {
        hand.close();
    }

    @Test
    void describesTheAbiOrderAndRanges() {
        assertEquals(1, desc.abiVersion());
        assertTrue(desc.isSimulated());
        assertEquals(24, desc.jointNames().size());
        assertEquals("WRJ1", desc.jointNames().get(0));
        assertEquals("THJ0", desc.jointNames().get(23));
        assertEquals(20, desc.actuatorNames().size());
        assertEquals("A_WRJ1", desc.actuatorNames().get(0));
        assertEquals("A_THJ0", desc.actuatorNames().get(19));
        int ff1 = desc.actuatorIndex("A_FFJ1");
        assertEquals(4, ff1);
        assertEquals(0.0, desc.actuatorMin(ff1));
        assertEquals(3.1416, desc.actuatorMax(ff1), 1e-9);
        assertEquals(-0.489, desc.actuatorMin(0), 1e-9);
        assertEquals(0.14, desc.actuatorMax(0), 1e-9);
        assertEquals(2_000_000L, hand.timestepNanos());
        assertEquals(ClockMode.LOCKSTEP, hand.clock());
    }

    @Test
    void positionServoReachesItsTarget() {
        double[] t = SimFixture.holdTargets(hand);
        int ffj2 = desc.actuatorIndex("A_FFJ2");
        int thj3 = desc.actuatorIndex("A_THJ3");
        int wrj0 = desc.actuatorIndex("A_WRJ0");
        t[ffj2] = 1.0;
        t[thj3] = 0.6;
        t[wrj0] = 0.2;
        SimFixture.drive(hand, t, 1.5);
        hand.read(state);
        assertEquals(1.0, state.jointPos[desc.jointIndex("FFJ2")], 0.02);
        assertEquals(0.6, state.jointPos[desc.jointIndex("THJ3")], 0.02);
        assertEquals(0.2, state.jointPos[desc.jointIndex("WRJ0")], 0.02);
        assertEquals(0.6, state.actuatorPos[thj3], 0.02);
        assertEquals(1.5e9, state.stampNanos, 1e8);
    }

    @Test
    void coupledActuatorServoesJ1PlusJ0AndTheCouplingHolds() {
        double[] t = SimFixture.holdTargets(hand);
        int ff1 = desc.actuatorIndex("A_FFJ1");
        t[ff1] = 2.0;
        SimFixture.drive(hand, t, 1.5);
        hand.read(state);
        double j1 = state.jointPos[desc.jointIndex("FFJ1")];
        double j0 = state.jointPos[desc.jointIndex("FFJ0")];
        assertEquals(2.0, j1 + j0, 0.03);
        assertEquals(j1 + j0, state.actuatorPos[ff1], 1e-12);
        // The coupling tendon (0.00705 J0 - 0.00805 J1 within +-0.001) keeps J0 near 1.14 J1.
        assertTrue(Math.abs(0.00705 * j0 - 0.00805 * j1) <= 0.0011, "coupling violated: J1=" + j1 + " J0=" + j0);
        assertTrue(j1 > 0.8 && j0 > 0.8, "both distal joints flex: J1=" + j1 + " J0=" + j0);
    }

    @Test
    void outOfRangeTargetsAreClippedAndReported() {
        double[] t = SimFixture.holdTargets(hand);
        int ffj3 = desc.actuatorIndex("A_FFJ3");
        t[ffj3] = 5.0;
        assertEquals(1, hand.write(t));
        hand.step(500);
        hand.read(state);
        assertTrue(state.has(HandStatus.CLIPPED), HandStatus.describe(state.status));
        assertEquals(desc.actuatorMax(ffj3), state.actuatorPos[ffj3], 0.02);
        assertTrue(state.actuatorPos[ffj3] <= desc.jointMax(desc.jointIndex("FFJ3")) + 0.01);
        t[ffj3] = 0.0;
        assertEquals(0, hand.write(t));
        hand.read(state);
        assertFalse(state.has(HandStatus.CLIPPED));
    }

    @Test
    void nonFiniteTargetsAreRefusedAndThePreviousOnesKept() {
        double[] t = SimFixture.holdTargets(hand);
        int ffj2 = desc.actuatorIndex("A_FFJ2");
        t[ffj2] = 0.8;
        hand.write(t);
        double[] bad = t.clone();
        bad[ffj2] = Double.NaN;
        HandException e = assertThrows(HandException.class, () -> hand.write(bad));
        assertEquals(HandError.NOT_FINITE, e.error());
        assertEquals("hand write failed: target 3 (A_FFJ2) is NaN: all targets refused, the previous ones kept"
            + " (NOT_FINITE)", e.getMessage());
        bad[ffj2] = Double.POSITIVE_INFINITY;
        assertTrue(assertThrows(HandException.class, () -> hand.write(bad)).getMessage().contains("is infinite"));
        hand.step(500);
        hand.read(state);
        assertTrue(state.has(HandStatus.REJECTED));
        assertEquals(0.8, state.jointPos[desc.jointIndex("FFJ2")], 0.02);
        assertThrows(IllegalArgumentException.class, () -> hand.write(new double[19]));
    }

    @Test
    void holdRefusesWritesUntilResume() {
        double[] t = SimFixture.holdTargets(hand);
        hand.hold();
        hand.step(10);
        hand.read(state);
        assertTrue(state.has(HandStatus.HOLDING));
        HandException e = assertThrows(HandException.class, () -> hand.write(t));
        assertEquals(HandError.HOLDING, e.error());
        assertTrue(e.getMessage().contains("resume first"), e.getMessage());
        hand.resume();
        hand.write(t);
        hand.read(state);
        assertFalse(state.has(HandStatus.HOLDING));
    }

    @Test
    void watchdogHoldsPositionWhenWritesStop() {
        hand.close();
        hand = SimFixture.open(SimFixture.config().with("watchdog_ms", "100"));
        double[] t = SimFixture.holdTargets(hand);
        int ffj2 = desc.actuatorIndex("A_FFJ2");
        t[ffj2] = 1.2;
        hand.write(t);
        hand.step(60); // 120 ms: tripped while the finger is still on its way
        hand.read(state);
        assertTrue(state.has(HandStatus.WATCHDOG), HandStatus.describe(state.status));
        double heldAt = state.jointPos[desc.jointIndex("FFJ2")];
        assertTrue(heldAt < 1.1, "tripped before reaching the target: " + heldAt);
        hand.step(500);
        hand.read(state);
        assertEquals(heldAt, state.jointPos[desc.jointIndex("FFJ2")], 0.05);
        hand.write(t);
        hand.step(1);
        hand.read(state);
        assertFalse(state.has(HandStatus.WATCHDOG));
    }
}
