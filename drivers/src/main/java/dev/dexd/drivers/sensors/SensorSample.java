package dev.dexd.drivers.sensors;

/**
 * What every simulated sensor sample carries besides its values: a sequence number and the times it
 * was captured and became visible. Preallocated and overwritten in place by its sensor.
 */
public abstract class SensorSample {
    private long sequence;
    private long captureTimeNanos;
    private long publishTimeNanos;

    /** 1 for the episode's first sample, then counting up; 0 while there is none yet. */
    public final long sequence() {
        return sequence;
    }

    /** Whether the sample holds data (the sensor has published at least once this episode). */
    public final boolean isValid() {
        return sequence > 0;
    }

    /** Simulation time of the truth this sample reflects, ns. Age at time t is {@code t - captureTimeNanos()}. */
    public final long captureTimeNanos() {
        return captureTimeNanos;
    }

    /** Simulation time of the tick at which it became visible, ns (capture time + latency, rounded up to a tick). */
    public final long publishTimeNanos() {
        return publishTimeNanos;
    }

    final void publish(final long captureTimeNanos, final long publishTimeNanos) {
        this.captureTimeNanos = captureTimeNanos;
        this.publishTimeNanos = publishTimeNanos;
        sequence++;
    }

    final void copyStampFrom(final SensorSample other) {
        sequence = other.sequence;
        captureTimeNanos = other.captureTimeNanos;
        publishTimeNanos = other.publishTimeNanos;
    }

    /** Empties the sample for a new episode (sequence 0). */
    abstract void clear();

    final void clearStamp() {
        sequence = 0;
        captureTimeNanos = 0;
        publishTimeNanos = 0;
    }
}
