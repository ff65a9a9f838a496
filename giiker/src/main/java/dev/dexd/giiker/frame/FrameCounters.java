package dev.dexd.giiker.frame;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters of one cube link: frames received and accepted, one counter per {@link FrameRejection},
 * and what the {@link StateFrameFilter} made of the accepted state frames. Written by the one thread
 * that decodes, readable from any thread at any time (e.g. by {@code dexd stat}).
 */
public final class FrameCounters {
    private static final int RECEIVED = 0;
    private static final int ACCEPTED = 1;
    private static final int REPEATS = 2;
    private static final int MOVES = 3;
    private static final int JUMPS = 4;
    private static final int UNCHANGED = 5;
    private static final int REJECTED = 6;

    private final AtomicLongArray values = new AtomicLongArray(REJECTED + FrameRejection.count());

    void received() {
        values.getAndIncrement(RECEIVED);
    }

    void accepted() {
        values.getAndIncrement(ACCEPTED);
    }

    void rejected(final FrameRejection reason) {
        values.getAndIncrement(REJECTED + reason.ordinal());
    }

    void repeat() {
        values.getAndIncrement(REPEATS);
    }

    void move() {
        values.getAndIncrement(MOVES);
    }

    void jump() {
        values.getAndIncrement(JUMPS);
    }

    void unchanged() {
        values.getAndIncrement(UNCHANGED);
    }

    /** Frames handed to a decoder. */
    public long receivedCount() {
        return values.get(RECEIVED);
    }

    /** Frames that passed every check. */
    public long acceptedCount() {
        return values.get(ACCEPTED);
    }

    public long rejectedCount(final FrameRejection reason) {
        return values.get(REJECTED + reason.ordinal());
    }

    /** All rejections together. */
    public long rejectedTotal() {
        long sum = 0;
        for (int i = 0; i < FrameRejection.count(); i++) {
            sum += values.get(REJECTED + i);
        }
        return sum;
    }

    /** State frames dropped by the filter because their data bytes equal the previous frame's. */
    public long repeatCount() {
        return values.get(REPEATS);
    }

    /** State changes that are exactly the frame's newest move. */
    public long moveCount() {
        return values.get(MOVES);
    }

    /** State changes that are not one move (a reset to solved, a frame missed). */
    public long jumpCount() {
        return values.get(JUMPS);
    }

    /** Valid state frames that did not change the state (the echo after a reset). */
    public long unchangedCount() {
        return values.get(UNCHANGED);
    }

    /** One line: {@code received=.. accepted=.. repeats=.. moves=.. jumps=.. unchanged=.. rejected: length=0 ...}. */
    @Override
    public String toString() {
        final StringBuilder b = new StringBuilder()
            .append("received=").append(receivedCount())
            .append(" accepted=").append(acceptedCount())
            .append(" repeats=").append(repeatCount())
            .append(" moves=").append(moveCount())
            .append(" jumps=").append(jumpCount())
            .append(" unchanged=").append(unchangedCount())
            .append(" rejected:");
        for (int i = 0; i < FrameRejection.count(); i++) {
            b.append(' ').append(FrameRejection.of(i).key()).append('=').append(values.get(REJECTED + i));
        }
        return b.toString();
    }
}
