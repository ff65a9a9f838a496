package dev.dexd.controller.log;

import java.nio.file.Path;
import java.util.Objects;
import org.agrona.BitUtil;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

/**
 * Where and how a run's step log is written.
 *
 * @param directory the run's queue directory (created 0750 if missing; must not already hold a log)
 * @param ringBytes capacity of the ring between the control thread and the logger, a power of two
 * @param lossless when the ring is full, producers wait for the logger instead of dropping the
 *     record. Only for lockstep runs, which have no deadline and need every record to be
 *     deterministic; a real-time loop must keep the default (drop and count). A logger that makes
 *     no progress for a second (dead, or a stuck disk) ends the wait: the record is then dropped.
 * @param minFreeBytes the log is not opened when its file system has less free space than this
 *     ({@code log.min_free_mb}; 0: no check)
 * @param warnFreeBytes the logger writes a DISK_LOW event when free space falls below this
 *     ({@code log.warn_free_mb}; 0: no warning)
 */
public record StepLogConfig(Path directory, int ringBytes, boolean lossless, long minFreeBytes, long warnFreeBytes) {
    /** 8 MiB: seconds of records at 1 kHz, so a logger stall of that length loses nothing. */
    public static final int DEFAULT_RING_BYTES = 8 << 20;

    public StepLogConfig {
        Objects.requireNonNull(directory, "directory");
        if (ringBytes < ManyToOneRingBuffer.MIN_CAPACITY || !BitUtil.isPowerOfTwo(ringBytes)) {
            throw new IllegalArgumentException("log ring size must be a power of two of at least "
                + ManyToOneRingBuffer.MIN_CAPACITY + " bytes (e.g. " + DEFAULT_RING_BYTES + " for 8 MiB), got " + ringBytes);
        }
        if (minFreeBytes < 0 || warnFreeBytes < 0) {
            throw new IllegalArgumentException("free-space limits must be >= 0, got " + minFreeBytes + " and " + warnFreeBytes);
        }
    }

    /** No free-space check or warning. */
    public StepLogConfig(Path directory, int ringBytes, boolean lossless) {
        this(directory, ringBytes, lossless, 0, 0);
    }

    /** The defaults: an 8 MiB ring that drops (and counts) records when full; no free-space limits. */
    public static StepLogConfig of(Path directory) {
        return new StepLogConfig(directory, DEFAULT_RING_BYTES, false);
    }
}
