package dev.dexd.drivers.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.drivers.ClockMode;
import dev.dexd.drivers.hand.HandError;
import dev.dexd.drivers.hand.HandException;
import dev.dexd.drivers.hand.HandState;
import org.junit.jupiter.api.Test;

class RealtimeTest {
    @Test
    void aLibraryThreadStepsThePhysicsAtWallClockPace() throws InterruptedException {
        try (SimulatedHand hand = SimFixture.open(SimFixture.config().with("clock", "realtime"))) {
            assertEquals(ClockMode.REALTIME, hand.clock());
            HandState s = new HandState();
            WorldTruth w = new WorldTruth();
            double[] t = SimFixture.holdTargets(hand);
            int a = hand.describe().actuatorIndex("A_FFJ2");
            t[a] = 0.8;
            hand.write(t);
            hand.readTruth(w);
            long sim0 = w.timeNanos;
            long wall0 = System.nanoTime();
            Thread.sleep(700);
            hand.read(s);
            hand.readTruth(w);
            double simElapsed = (w.timeNanos - sim0) * 1e-9;
            double wallElapsed = (System.nanoTime() - wall0) * 1e-9;
            assertTrue(simElapsed > 0.5 * wallElapsed && simElapsed <= wallElapsed + 0.01,
                "sim " + simElapsed + " s in " + wallElapsed + " s of wall time");
            assertTrue(Math.abs(s.stampNanos - System.nanoTime()) < 100_000_000L, "stamps are CLOCK_MONOTONIC");
            assertEquals(0.8, s.actuatorPos[a], 0.05);
            HandException e = assertThrows(HandException.class, () -> hand.step(1));
            assertEquals(HandError.STATE, e.error());
        }
    }
}
