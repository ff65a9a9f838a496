package dev.dexd.vision;

/** Five fingertip positions from motion capture (hand frame, m, FF MF RF LF TH x y z), with capture time. Mutable, reused. */
public final class FingertipSample {
    public int source;
    public long sequence;
    /** ns since the epoch (CLOCK_REALTIME). */
    public long captureNanos;
    /** The same on {@code System.nanoTime()}'s clock (CLOCK_MONOTONIC, the daemon's realtime control clock). */
    public long captureMonotonicNanos;
    public final double[] positions = new double[3 * FingertipPacket.FINGERTIPS];
    /** Samples published by the listener so far; this one's number (0: none yet). */
    public long count;

    public void copyFrom(final FingertipSample o) {
        source = o.source;
        sequence = o.sequence;
        captureNanos = o.captureNanos;
        captureMonotonicNanos = o.captureMonotonicNanos;
        System.arraycopy(o.positions, 0, positions, 0, positions.length);
        count = o.count;
    }
}
