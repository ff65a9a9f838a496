package dev.dexd.common.concurrent;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Hands the latest value from one writer thread to one reader thread without locks and without
 * either side ever waiting for the other. The writer fills its own back buffer and swaps it into
 * the middle; the reader swaps the middle into its own front buffer when something new is there.
 * Each buffer is touched by one thread at a time, so a value is never read half-written, and a
 * preempted writer cannot stall the reader. The values are mutable holders copied in place: no
 * allocation after construction.
 *
 * @param <T> the holder type
 */
public final class TripleBuffer<T> {
    /** Copies one holder into another, e.g. {@code (from, into) -> into.copyFrom(from)}. */
    @FunctionalInterface
    public interface Copier<T> {
        void copy(T from, T into);
    }

    private static final int FRESH = 4;   // set in 'middle' when it holds a value the reader has not taken
    private static final int INDEX = 3;

    private final Object[] buffers;
    private final Copier<T> copier;
    private final AtomicInteger middle = new AtomicInteger(1);
    private int back;        // the writer's
    private int front = 2;   // the reader's

    /** @param factory makes the three buffers (each starts as the reader's "nothing yet") */
    public TripleBuffer(Supplier<T> factory, Copier<T> copier) {
        this.buffers = new Object[] {factory.get(), factory.get(), factory.get()};
        this.copier = copier;
    }

    /** Writer side: makes {@code value} the latest. */
    public void publish(T value) {
        copier.copy(value, buffer(back));
        back = middle.getAndSet(back | FRESH) & INDEX;
    }

    /** Reader side: copies the latest value into {@code out}. */
    public void read(T out) {
        if ((middle.get() & FRESH) != 0) {
            front = middle.getAndSet(front) & INDEX;
        }
        copier.copy(buffer(front), out);
    }

    @SuppressWarnings("unchecked")
    private T buffer(int i) {
        return (T) buffers[i];
    }
}
