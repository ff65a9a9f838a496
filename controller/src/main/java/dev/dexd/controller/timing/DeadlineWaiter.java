package dev.dexd.controller.timing;

/** Blocks the calling thread until an absolute time on a clock; returns at once if it has passed. */
@FunctionalInterface
public interface DeadlineWaiter {
    /** Returns no earlier than {@code deadlineNs} (the clock's {@code nanoTime} scale). */
    void waitUntil(long deadlineNs);
}
