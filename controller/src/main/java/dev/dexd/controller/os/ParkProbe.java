package dev.dexd.controller.os;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * How late {@code LockSupport.parkNanos} wakes the calling thread: the overshoot of many short
 * parks, measured for at most a given time. The p99 is the least spin margin for the scheduler
 * to start ticks on time.
 */
public record ParkProbe(int samples, long requestNs, long p50Ns, long p99Ns, long maxNs) {
    /** Parks for {@code requestNs} repeatedly (at most 1,000 times, at most {@code budgetNs}). */
    public static ParkProbe measure(long requestNs, long budgetNs) {
        long[] overshoot = new long[1000];
        int n = 0;
        long end = System.nanoTime() + budgetNs;
        while (n < overshoot.length) {
            long t0 = System.nanoTime();
            if (t0 >= end && n > 0) {
                break;
            }
            LockSupport.parkNanos(requestNs);
            overshoot[n++] = Math.max(0, System.nanoTime() - t0 - requestNs);
        }
        long[] s = Arrays.copyOf(overshoot, n);
        Arrays.sort(s);
        return new ParkProbe(n, requestNs, s[rank(n, 0.50)], s[rank(n, 0.99)], s[n - 1]);
    }

    private static int rank(int n, double q) {
        return Math.min(n - 1, Math.max(0, (int) Math.ceil(q * n) - 1));
    }

    /** "parkNanos(10 us) wakes late by p50 55 us, p99 90 us, max 130 us (400 samples)". */
    public String describe() {
        return String.format("parkNanos(%d us) wakes late by p50 %d us, p99 %d us, max %d us (%d samples)",
            requestNs / 1000, p50Ns / 1000, p99Ns / 1000, maxNs / 1000, samples);
    }
}
