package dev.dexd.drivers.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.drivers.hand.HandState;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class NoAllocationTest {
    @Test
    void readWriteStepAndTruthAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (SimulatedHand hand = SimFixture.open()) {
            HandState s = new HandState();
            WorldTruth w = new WorldTruth();
            double[] t = SimFixture.holdTargets(hand);
            for (int i = 0; i < 20_000; i++) {
                tick(hand, s, w, t);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 10_000; i++) {
                tick(hand, s, w, t);
            }
            long bytes = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(bytes < 10_000, bytes + " bytes allocated in 10,000 ticks");
        }
    }

    private static void tick(SimulatedHand hand, HandState s, WorldTruth w, double[] t) {
        hand.read(s);
        hand.write(t);
        hand.step(1);
        hand.readTruth(w);
    }
}
