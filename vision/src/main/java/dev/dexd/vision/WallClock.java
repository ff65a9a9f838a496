package dev.dexd.vision;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;

/**
 * CLOCK_REALTIME in ns, as the senders stamp their capture times, read without allocating: Agrona's
 * {@link OffsetEpochNanoClock} (the monotonic clock plus a sampled offset), re-sampled once a second
 * so that NTP's slewing of the wall clock (up to 0.5 ms per second) cannot add up against the
 * cameras' max ages. One thread.
 */
public final class WallClock implements EpochNanoClock {
    private static final long RESAMPLE_NANOS = 1_000_000_000L;
    private final OffsetEpochNanoClock clock = new OffsetEpochNanoClock();
    private long sampledNanos = System.nanoTime();

    @Override
    public long nanoTime() {
        final long now = System.nanoTime();
        if (now - sampledNanos > RESAMPLE_NANOS) {
            clock.sample();
            sampledNanos = now;
        }
        return clock.nanoTime();
    }
}
