package dev.dexd.policy.bench;

import java.lang.management.ManagementFactory;

/** Bytes allocated by the calling thread so far (HotSpot's per-thread allocation counter). */
public final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    /** Bytes the current thread has allocated since it started; this call itself allocates nothing. */
    public static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}
