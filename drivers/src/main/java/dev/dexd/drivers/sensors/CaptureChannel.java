package dev.dexd.drivers.sensors;

/**
 * The timing of one simulated sensor: it captures at a fixed rate (with a per-episode phase) and
 * each capture becomes visible a per-episode latency later. Captured values wait in a preallocated
 * ring (the delay line) until their release time; a release publishes the newest one that is due.
 *
 * <p>Captures happen on the caller's ticks: the first tick at or after a capture slot captures the
 * truth of that tick, and slots that fall between two ticks are skipped and counted, so a sensor
 * runs at its rate or at the tick rate, whichever is lower. Because values are computed at capture
 * time, noise is drawn once per capture whatever the tick rate.
 */
final class CaptureChannel {
    private final long periodNanos;
    private final int width;
    private final int capacity;
    private final double[] values;
    private final long[] captureTimes;

    private long phaseNanos;
    private long latencyNanos;
    private boolean started;
    private long nextCaptureNanos;
    private int head;
    private int size;
    private long releasedCaptureNanos;
    private long missedCaptures;
    private long droppedCaptures;

    /**
     * @param periodNanos     time between capture slots
     * @param maxLatencyNanos the largest latency {@link #reset} will be given; sizes the ring
     * @param width           doubles per captured sample
     */
    CaptureChannel(final long periodNanos, final long maxLatencyNanos, final int width) {
        final long slots = maxLatencyNanos / periodNanos + 3;
        if (slots * width > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                "sensor latency " + maxLatencyNanos + " ns at period " + periodNanos + " ns needs too long a delay line");
        }
        this.periodNanos = periodNanos;
        this.width = width;
        this.capacity = (int)slots;
        this.values = new double[capacity * width];
        this.captureTimes = new long[capacity];
    }

    /** Starts an episode: empties the ring; the first tick seen afterwards starts the capture clock. */
    void reset(final long phaseNanos, final long latencyNanos) {
        this.phaseNanos = phaseNanos;
        this.latencyNanos = latencyNanos;
        started = false;
        nextCaptureNanos = 0;
        head = 0;
        size = 0;
        releasedCaptureNanos = 0;
        missedCaptures = 0;
        droppedCaptures = 0;
    }

    /** Whether the sensor captures on this tick; if so the clock moves to the next slot after it. */
    boolean captureDue(final long nowNanos) {
        if (!started) {
            started = true;
            nextCaptureNanos = nowNanos + phaseNanos;
        }
        if (nowNanos < nextCaptureNanos) {
            return false;
        }
        final long skipped = (nowNanos - nextCaptureNanos) / periodNanos;
        missedCaptures += skipped;
        nextCaptureNanos += (skipped + 1) * periodNanos;
        return true;
    }

    /** Queues {@code width} values from {@code src} captured at {@code captureNanos}. */
    void push(final long captureNanos, final double[] src) {
        if (size == capacity) {
            head = next(head);
            size--;
            droppedCaptures++;
        }
        final int slot = (head + size) % capacity;
        captureTimes[slot] = captureNanos;
        System.arraycopy(src, 0, values, slot * width, width);
        size++;
    }

    /**
     * Releases every queued capture whose latency has elapsed by {@code nowNanos} and copies the newest
     * of them into {@code dst}.
     *
     * @return whether anything was released
     */
    boolean release(final long nowNanos, final double[] dst) {
        int newest = -1;
        while (size > 0 && captureTimes[head] + latencyNanos <= nowNanos) {
            newest = head;
            head = next(head);
            size--;
        }
        if (newest < 0) {
            return false;
        }
        releasedCaptureNanos = captureTimes[newest];
        System.arraycopy(values, newest * width, dst, 0, width);
        return true;
    }

    /** Capture time of the values last copied out by {@link #release}. */
    long releasedCaptureNanos() {
        return releasedCaptureNanos;
    }

    long periodNanos() {
        return periodNanos;
    }

    long latencyNanos() {
        return latencyNanos;
    }

    long phaseNanos() {
        return phaseNanos;
    }

    /** The next capture slot, or 0 before the first tick of the episode. */
    long nextCaptureNanos() {
        return nextCaptureNanos;
    }

    /** Capture slots skipped this episode because ticks were further apart than the sensor period. */
    long missedCaptures() {
        return missedCaptures;
    }

    /** Captures lost this episode because the ring was full (should stay 0; the ring is sized for it). */
    long droppedCaptures() {
        return droppedCaptures;
    }

    private int next(final int index) {
        return index + 1 == capacity ? 0 : index + 1;
    }
}
