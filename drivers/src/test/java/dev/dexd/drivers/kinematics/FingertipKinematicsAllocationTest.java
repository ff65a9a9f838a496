package dev.dexd.drivers.kinematics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** compute runs on the control thread every tick: after warm-up it allocates nothing. */
class FingertipKinematicsAllocationTest {
    private static final int CALLS = 10_000;

    /**
     * The JIT may allocate a few bytes once in a while as it swaps compiled code, which is not
     * compute's doing; so a run may be repeated, but every run stays below one byte per call (a
     * per-call allocation costs at least 16 bytes) and one run must be exactly zero.
     */
    @Test
    void computeAllocatesNothingAfterWarmUp() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] joints = new double[24];
        double[] tips = new double[15];
        try (FingertipKinematics fk = FingertipKinematics.open(FingertipKinematicsTest.model())) {
            double sum = 0;
            for (int i = 0; i < 20_000; i++) {
                sum += call(fk, joints, tips, i);
            }
            long best = Long.MAX_VALUE;
            for (int attempt = 0; attempt < 3 && best != 0; attempt++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < CALLS; i++) {
                    sum += call(fk, joints, tips, i);
                }
                long bytes = threads.getCurrentThreadAllocatedBytes() - before;
                assertTrue(bytes < CALLS, bytes + " bytes in " + CALLS + " computes: something allocates per call");
                best = Math.min(best, bytes);
            }
            assertEquals(0, best, "bytes allocated over " + CALLS + " computes (" + sum + ")");
        }
    }

    /** New joint values every call, so the native side really recomputes. */
    private static double call(FingertipKinematics fk, double[] joints, double[] tips, int i) {
        for (int j = 0; j < joints.length; j++) {
            joints[j] = 0.3 * Math.sin(0.001 * i + j);
        }
        fk.compute(joints, tips);
        return tips[0];
    }
}
