package dev.dexd.vision;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The listener's counters: packets received, accepted, fused poses published, fusions without a
 * consensus, thread errors, and one counter per {@link Rejection}. Written by the listener thread
 * only, readable from any thread at any time (e.g. by the daemon's counters file or {@code dexd stat}).
 */
public final class VisionCounters {
    private static final int RECEIVED = 0;
    private static final int ACCEPTED = 1;
    private static final int FUSED = 2;
    private static final int NO_CONSENSUS = 3;
    private static final int ERRORS = 4;
    private static final int PROCESSED = 5;
    private static final int REJECTED = 6;

    private final AtomicLongArray values = new AtomicLongArray(REJECTED + Rejection.count());

    private void increment(final int i) {
        values.getAndIncrement(i);
    }

    void received() {
        increment(RECEIVED);
    }

    void accepted() {
        increment(ACCEPTED);
    }

    void fused() {
        increment(FUSED);
    }

    void noConsensus() {
        increment(NO_CONSENSUS);
    }

    void error() {
        increment(ERRORS);
    }

    void processed() {
        increment(PROCESSED);
    }

    void rejected(final Rejection reason) {
        increment(REJECTED + reason.ordinal());
    }

    /**
     * Datagrams whose handling is finished (rejected, or accepted and its fusion published): counted
     * after {@link #receivedCount()}, so a reader that sees N here sees every counter of those N.
     */
    public long processedCount() {
        return values.get(PROCESSED);
    }

    /** Datagrams taken off the socket. */
    public long receivedCount() {
        return values.get(RECEIVED);
    }

    /** Packets that passed validation (they may still be outliers in fusion). */
    public long acceptedCount() {
        return values.get(ACCEPTED);
    }

    /** Fused poses published. */
    public long fusedCount() {
        return values.get(FUSED);
    }

    /** Fusions where fewer than a strict majority of the fresh cameras agreed: nothing published. */
    public long noConsensusCount() {
        return values.get(NO_CONSENSUS);
    }

    /** Errors of the listener thread itself (see {@link VisionErrors}). */
    public long errorCount() {
        return values.get(ERRORS);
    }

    public long rejectedCount(final Rejection reason) {
        return values.get(REJECTED + reason.ordinal());
    }

    /** All rejections together. */
    public long rejectedTotal() {
        long sum = 0;
        for (int i = 0; i < Rejection.count(); i++) {
            sum += values.get(REJECTED + i);
        }
        return sum;
    }

    /** One line for people: {@code received=.. accepted=.. fused=.. no-consensus=.. errors=.. rejected: magic=1 ...}. */
    @Override
    public String toString() {
        final StringBuilder b = new StringBuilder()
            .append("received=").append(receivedCount())
            .append(" accepted=").append(acceptedCount())
            .append(" fused=").append(fusedCount())
            .append(" no-consensus=").append(noConsensusCount())
            .append(" errors=").append(errorCount())
            .append(" rejected:");
        for (int i = 0; i < Rejection.count(); i++) {
            b.append(' ').append(Rejection.of(i).key()).append('=').append(values.get(REJECTED + i));
        }
        return b.toString();
    }
}
