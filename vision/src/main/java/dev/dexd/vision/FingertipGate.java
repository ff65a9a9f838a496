package dev.dexd.vision;

import org.agrona.DirectBuffer;

/**
 * Decodes and validates DXFT datagrams from one configured motion-capture source, with the same
 * rules and the same {@link Rejection} reasons as the pose packets: length, magic, version, finite
 * coordinates, the configured source id ({@link Rejection#UNKNOWN_CAMERA}), the rate limit (flood),
 * a newer sequence number (a source silent for a second may restart), a capture time within
 * max_age_ms of now. Counts into a {@link VisionCounters}. Single-threaded, allocation free.
 */
public final class FingertipGate {
    private final FingertipPacket packet = new FingertipPacket();
    private final int source;
    private final long maxAgeNanos;
    private final double ratePerNano;
    private final double burst;
    private final VisionCounters counters;
    private double tokens;
    private long refilledNanos = Long.MIN_VALUE;
    private boolean seen;
    private long lastSequence;
    private long lastAcceptedNanos;

    /**
     * @param source      the configured source id
     * @param maxAgeMs    older samples are refused (too-old)
     * @param maxRateHz   packets per second allowed (a burst of a tenth of a second, at least 4)
     */
    public FingertipGate(final int source, final long maxAgeMs, final double maxRateHz, final VisionCounters counters) {
        this.source = source;
        this.maxAgeNanos = maxAgeMs * 1_000_000L;
        this.ratePerNano = maxRateHz / 1e9;
        this.burst = Math.max(4.0, maxRateHz / 10.0);
        this.counters = counters;
    }

    /**
     * Decodes {@code buffer[offset..offset+length)}, taken off the socket at {@code arrivalNanos}
     * ({@code System.nanoTime()}), into {@code out}; true when accepted. Every datagram is counted
     * as received, and as accepted or rejected by reason.
     */
    public boolean accept(final DirectBuffer buffer, final int offset, final int length, final long arrivalNanos,
                          final long nowEpochNanos, final FingertipSample out) {
        counters.received();
        final Rejection reason = check(buffer, offset, length, arrivalNanos, nowEpochNanos, out);
        if (reason != null) {
            counters.rejected(reason);
            return false;
        }
        counters.accepted();
        return true;
    }

    private Rejection check(final DirectBuffer buffer, final int offset, final int length, final long arrivalNanos,
                            final long nowEpochNanos, final FingertipSample out) {
        if (length != FingertipPacket.LENGTH) {
            return Rejection.LENGTH;
        }
        packet.wrap(buffer, offset);
        if (packet.magic() != FingertipPacket.MAGIC) {
            return Rejection.MAGIC;
        }
        if (packet.version() != FingertipPacket.VERSION) {
            return Rejection.VERSION;
        }
        for (int i = 0; i < out.positions.length; i++) {
            final double v = packet.position(i);
            if (!Double.isFinite(v)) {
                return Rejection.NOT_FINITE;
            }
        }
        if (packet.source() != source) {
            return Rejection.UNKNOWN_CAMERA;
        }
        tokens = refilledNanos == Long.MIN_VALUE ? burst
            : Math.min(burst, tokens + Math.max(0L, arrivalNanos - refilledNanos) * ratePerNano);
        refilledNanos = arrivalNanos;
        if (tokens < 1.0) {
            return Rejection.FLOOD;
        }
        tokens -= 1.0;
        final long seq = packet.sequence();
        final boolean restarted = !seen || arrivalNanos - lastAcceptedNanos > PoseGate.RESTART_NANOS;
        if (!restarted && (int) (seq - lastSequence) <= 0) {
            return Rejection.SEQUENCE;
        }
        final long age = nowEpochNanos - packet.captureNanos();
        if (age > maxAgeNanos || age < -maxAgeNanos) {
            return Rejection.TOO_OLD;
        }
        seen = true;
        lastSequence = seq;
        lastAcceptedNanos = arrivalNanos;
        out.source = packet.source();
        out.sequence = seq;
        out.captureNanos = packet.captureNanos();
        out.captureMonotonicNanos = arrivalNanos - age;
        for (int i = 0; i < out.positions.length; i++) {
            out.positions[i] = packet.position(i);
        }
        return null;
    }
}
