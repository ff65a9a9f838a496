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

    /**
     * The fewest bytes the current thread allocated in one run of {@code work}, over up to
     * {@code windows} runs (stopping at the first that allocates nothing). A per-step allocation shows
     * in every window; a one-off of the JIT recompiling on a loaded machine does not.
     */
    public static long leastAllocated(int windows, Runnable work) {
        long least = Long.MAX_VALUE;
        for (int w = 0; w < windows && least > 0; w++) {
            long before = allocatedBytes();
            work.run();
            least = Math.min(least, allocatedBytes() - before);
        }
        return least;
    }
}
