package dev.dexd.drivers.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.drivers.hand.HandDescription;
import org.junit.jupiter.api.Test;

class CubeTest {
    /** The palm's surface is 1.1 mm above the mount, which the model puts at 0.2 m. */
    private static final double PALM_Z = 0.2011;
    private static final double HALF_EDGE = 0.0285;

    private final WorldTruth truth = new WorldTruth();

    @Test
    void cubeRestsOnThePalmAtReset() {
        try (SimulatedHand hand = SimFixture.open()) {
            hand.readTruth(truth);
            double[] start = truth.cubePos.clone();
            assertEquals(PALM_Z + HALF_EDGE, start[2], 0.005, "cube starts on the palm");
            SimFixture.drive(hand, SimFixture.holdTargets(hand), 2.0);
            hand.readTruth(truth);
            double moved = Math.sqrt(Math.pow(truth.cubePos[0] - start[0], 2) + Math.pow(truth.cubePos[1] - start[1], 2)
                + Math.pow(truth.cubePos[2] - start[2], 2));
            assertTrue(moved < 0.003, "cube moved " + moved + " m while resting");
            assertEquals(PALM_Z + HALF_EDGE, truth.cubePos[2], 0.005);
            assertEquals(1.0, Math.abs(truth.cubeQuat[0]), 0.01, "still upright");
            for (double a : truth.faceAngles) {
                assertEquals(0.0, a, 0.01);
            }
            assertEquals(2.0e9, truth.timeNanos, 1e8);
        }
    }

    @Test
    void fingertipsAreReportedInTheHandFrame() {
        try (SimulatedHand hand = SimFixture.open()) {
            hand.step(1);
            hand.readTruth(truth);
            // Straight first finger: knuckle (0.033, 0, 0.095) on the palm, + 0.045 + 0.025 + 0.026 to the tip;
            // the palm is 0.29 m along the hand's z from the mount and 0.01 m along its y.
            assertEquals(0.033, truth.fingertipPos[0], 0.003);
            assertEquals(0.01, truth.fingertipPos[1], 0.005);
            assertEquals(0.29 + 0.095 + 0.096, truth.fingertipPos[2], 0.005);
        }
    }

    @Test
    void tiltingTheHandLetsTheCubeFall() {
        try (SimulatedHand hand = SimFixture.open(SimFixture.config().with("friction_scale", "0.3"))) {
            HandDescription desc = hand.describe();
            double[] t = SimFixture.holdTargets(hand);
            t[desc.actuatorIndex("A_WRJ0")] = desc.actuatorMin(desc.actuatorIndex("A_WRJ0"));
            SimFixture.drive(hand, t, 3.0);
            hand.readTruth(truth);
            assertTrue(truth.cubePos[2] < PALM_Z - 0.05, "cube fell below the palm: z=" + truth.cubePos[2]);
        }
    }

    @Test
    void faceLayerTurnsWhenTorquedAndReportsItsAngle() {
        try (SimulatedHand hand = SimFixture.open()) {
            double[] hold = SimFixture.holdTargets(hand);
            hand.write(hold);
            hand.setFaceTorque(SimulatedHand.U, 0.02);
            int steps = 0;
            do {
                hand.step(1);
                hand.readTruth(truth);
            } while (truth.faceAngles[SimulatedHand.U] < Math.PI / 4 && ++steps < 2000);
            assertTrue(steps < 2000, "U did not turn past 45 degrees");
            hand.setFaceTorque(SimulatedHand.U, 0.0);
            hand.step(1000);
            hand.readTruth(truth);
            double u = truth.faceAngles[SimulatedHand.U];
            double quarters = u / (Math.PI / 2);
            assertTrue(Math.abs(quarters - Math.rint(quarters)) < 0.03 && Math.rint(quarters) != 0,
                "the detent holds U at a quarter turn: " + u);
            for (int f = SimulatedHand.R; f <= SimulatedHand.B; f++) {
                assertEquals(0.0, truth.faceAngles[f], 0.02, "face " + f + " did not turn");
            }
        }
    }
}
