package dev.dexd.drivers.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.drivers.hand.HandDescription;
import dev.dexd.drivers.hand.HandException;
import dev.dexd.drivers.hand.HandState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultTest {
    private SimulatedHand hand;
    private HandDescription desc;
    private final HandState state = new HandState();
    private final WorldTruth truth = new WorldTruth();

    @BeforeEach
    void open() {
        hand = SimFixture.open();
        desc = hand.describe();
    }

    @AfterEach
    void close() {
        hand.close();
    }

    private double joint(String name) {
        hand.read(state);
        return state.jointPos[desc.jointIndex(name)];
    }

    @Test
    void lockedJointDoesNotMove() {
        double[] t = SimFixture.holdTargets(hand);
        int a = desc.actuatorIndex("A_FFJ2");
        t[a] = 0.5;
        SimFixture.drive(hand, t, 1.0);
        double at = joint("FFJ2");
        hand.lockJoint(desc.jointIndex("FFJ2"), true);
        t[a] = 1.4;
        SimFixture.drive(hand, t, 1.0);
        assertEquals(at, joint("FFJ2"), 0.005);
        t[a] = 0.0;
        SimFixture.drive(hand, t, 1.0);
        assertEquals(at, joint("FFJ2"), 0.005);
        hand.lockJoint(desc.jointIndex("FFJ2"), false);
        SimFixture.drive(hand, t, 1.0);
        assertEquals(0.0, joint("FFJ2"), 0.02);
    }

    @Test
    void frozenReadingStaysWhileTheJointMoves() {
        double[] t = SimFixture.holdTargets(hand);
        hand.readTruth(truth);
        double tipX = truth.fingertipPos[0];
        double before = joint("FFJ3");
        hand.freezeJoint(desc.jointIndex("FFJ3"), true);
        t[desc.actuatorIndex("A_FFJ3")] = 0.3;
        SimFixture.drive(hand, t, 1.0);
        assertEquals(before, joint("FFJ3"), 0.0);
        assertEquals(0.0, state.jointVel[desc.jointIndex("FFJ3")]);
        hand.readTruth(truth);
        assertTrue(Math.abs(truth.fingertipPos[0] - tipX) > 0.01, "the finger really moved");
        hand.freezeJoint(desc.jointIndex("FFJ3"), false);
        hand.step(1);
        assertEquals(0.3, joint("FFJ3"), 0.02);
    }

    @Test
    void delayedActuatorAppliesOlderCommands() {
        double[] t = SimFixture.holdTargets(hand);
        int a = desc.actuatorIndex("A_FFJ2");
        hand.delayActuator(a, 2);
        double[] sequence = {0.3, 0.6, 0.9, 0.9, 0.9};
        double[] expected = {0.0, 0.0, 0.3, 0.6, 0.9};
        for (int i = 0; i < sequence.length; i++) {
            t[a] = sequence[i];
            hand.write(t);
            hand.step(400);
            assertEquals(expected[i], joint("FFJ2"), 0.03, "after write " + i);
        }
        assertThrows(HandException.class, () -> hand.delayActuator(a, 16));
    }

    @Test
    void resetClearsFaults() {
        hand.lockJoint(desc.jointIndex("FFJ2"), true);
        hand.freezeJoint(desc.jointIndex("FFJ3"), true);
        hand.reset(1);
        double[] t = SimFixture.holdTargets(hand);
        t[desc.actuatorIndex("A_FFJ2")] = 0.7;
        t[desc.actuatorIndex("A_FFJ3")] = 0.2;
        SimFixture.drive(hand, t, 1.0);
        assertEquals(0.7, joint("FFJ2"), 0.02);
        assertEquals(0.2, joint("FFJ3"), 0.02);
    }

    @Test
    void anInjectedFaultIsReportedByEveryReadUntilTurnedOffClearedOrReset() {
        hand.read(state);
        assertTrue(!state.has(dev.dexd.drivers.hand.HandStatus.FAULT), "no fault at first");
        hand.injectFault(true);
        for (int i = 0; i < 3; i++) {
            hand.read(state);
            assertTrue(state.has(dev.dexd.drivers.hand.HandStatus.FAULT), "read " + i + " reports FAULT");
        }
        SimFixture.drive(hand, SimFixture.holdTargets(hand), 0.1); // the physics runs on
        hand.injectFault(false);
        hand.read(state);
        assertTrue(!state.has(dev.dexd.drivers.hand.HandStatus.FAULT), "off");
        hand.injectFault(true);
        hand.clearFaults();
        hand.read(state);
        assertTrue(!state.has(dev.dexd.drivers.hand.HandStatus.FAULT), "cleared");
        hand.injectFault(true);
        hand.reset(2);
        hand.read(state);
        assertTrue(!state.has(dev.dexd.drivers.hand.HandStatus.FAULT), "reset");
    }

    @Test
    void badFaultIndicesAreNamed() {
        HandException e = assertThrows(HandException.class, () -> hand.lockJoint(24, true));
        assertEquals("hand lock joint failed: lock_joint: joint index 24 is outside 0..23 (ARG)", e.getMessage());
    }
}
