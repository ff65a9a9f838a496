package dev.dexd.common.sensing;

/**
 * What every sensor sample carries besides its values: the time it was captured, on the control
 * clock (CLOCK_MONOTONIC in real time, simulated time in lockstep), and a count of samples. A
 * mutable holder overwritten in place, never allocated per sample.
 */
public abstract class TimedSample {
    /** Capture time of a sample that does not exist yet. */
    public static final long NONE = Long.MIN_VALUE;

    /** Control-clock capture time, ns, or {@link #NONE}. For a fused sample: the oldest input used. */
    public long captureNanos = NONE;
    /** Samples of this kind the source has published (0: none yet). */
    public long sequence;

    /** Whether a sample was captured. */
    public final boolean present() {
        return captureNanos != NONE;
    }

    /** Age at {@code nowNanos}, or Long.MAX_VALUE when there is no sample. */
    public final long ageNanos(long nowNanos) {
        return captureNanos == NONE ? Long.MAX_VALUE : nowNanos - captureNanos;
    }

    /** Forgets the sample (a new episode). */
    public void clear() {
        captureNanos = NONE;
        sequence = 0;
    }

    final void copyStamp(TimedSample o) {
        captureNanos = o.captureNanos;
        sequence = o.sequence;
    }
}
