package dev.dexd.controller.counters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.agrona.IoUtil;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

/**
 * The daemon's live counters ({@link DexdCounter}) in a memory-mapped file that {@code dexd stat}
 * reads from another process (see {@link CountersFile} for the layout). Writers update the
 * {@link AtomicCounter}s with release stores ({@code setRelease}, {@code incrementRelease},
 * {@code proposeMaxRelease}): single writer per counter, no locks, no allocation.
 *
 * <p>Created at start-up, before the threads that write to it; {@link #close()} unmaps and deletes
 * the file and must come after those threads have stopped (a write to an unmapped counter crashes
 * the JVM). After a crash the file stays with a stale heartbeat; the next daemon replaces it.
 */
public final class DaemonCounters implements AutoCloseable {
    private final Path file;
    private final MappedByteBuffer mapped;
    private final CountersManager manager;
    private final EpochClock clock;
    private final AtomicCounter[] counters = new AtomicCounter[DexdCounter.values().length];
    private boolean closed;

    private DaemonCounters(Path file, MappedByteBuffer mapped, CountersManager manager, EpochClock clock) {
        this.file = file;
        this.mapped = mapped;
        this.manager = manager;
        this.clock = clock;
        for (DexdCounter c : DexdCounter.values()) {
            counters[c.ordinal()] = manager.newCounter(c.label(), c.typeId());
        }
    }

    /**
     * Creates {@code directory}/dexd-counters.dat for this process, with every counter at 0 and the
     * state CONFIGURE. A file left by a dead process is replaced.
     *
     * @throws CountersFileInUseException if a live process other than this one owns the file
     * @throws CountersDirectoryException if another user owns the directory or may write to it
     * @throws UncheckedIOException if the directory or file cannot be created
     */
    public static DaemonCounters create(Path directory, EpochClock clock) {
        Path file = CountersFile.in(directory);
        long pid = ProcessHandle.current().pid();
        CountersDirectory.prepare(directory);
        try {
            refuseIfOwnedByLiveProcess(file, pid);
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the counters file " + file + ": " + e.getMessage()
                + " (choose another counters directory)", e);
        }
        int capacity = CountersFile.CAPACITY;
        MappedByteBuffer mapped = IoUtil.mapNewFile(file.toFile(), CountersFile.fileLength(capacity), true);
        UnsafeBuffer all = new UnsafeBuffer(mapped);
        int metaLength = CountersFile.metadataLength(capacity);
        int valuesLength = CountersFile.valuesLength(capacity);
        all.putLong(CountersFile.MAGIC_OFFSET, CountersFile.MAGIC, ByteOrder.LITTLE_ENDIAN);
        all.putInt(CountersFile.METADATA_LENGTH_OFFSET, metaLength, ByteOrder.LITTLE_ENDIAN);
        all.putInt(CountersFile.VALUES_LENGTH_OFFSET, valuesLength, ByteOrder.LITTLE_ENDIAN);
        all.putLong(CountersFile.PID_OFFSET, pid, ByteOrder.LITTLE_ENDIAN);
        long startMs = ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(clock.time());
        all.putLong(CountersFile.START_TIME_OFFSET, startMs, ByteOrder.LITTLE_ENDIAN);
        UnsafeBuffer meta = new UnsafeBuffer(mapped, CountersFile.HEADER_LENGTH, metaLength);
        UnsafeBuffer values = new UnsafeBuffer(mapped, CountersFile.HEADER_LENGTH + metaLength, valuesLength);
        DaemonCounters counters = new DaemonCounters(file, mapped, new CountersManager(meta, values), clock);
        counters.state(DaemonState.CONFIGURE);
        counters.heartbeat();
        all.putIntRelease(CountersFile.VERSION_OFFSET, CountersFile.VERSION);
        return counters;
    }

    /** The file these counters live in. */
    public Path file() {
        return file;
    }

    /** The counter for {@code c} (an array lookup; keep the reference where it is used every tick). */
    public AtomicCounter counter(DexdCounter c) {
        return counters[c.ordinal()];
    }

    public AtomicCounter steps() {
        return counters[DexdCounter.STEPS.ordinal()];
    }

    public AtomicCounter overruns() {
        return counters[DexdCounter.OVERRUNS.ordinal()];
    }

    public AtomicCounter worstLatenessNs() {
        return counters[DexdCounter.WORST_LATENESS_NS.ordinal()];
    }

    public AtomicCounter worstInferenceNs() {
        return counters[DexdCounter.WORST_INFERENCE_NS.ordinal()];
    }

    public AtomicCounter staleSensorHolds() {
        return counters[DexdCounter.STALE_SENSOR_HOLDS.ordinal()];
    }

    public AtomicCounter safetyClips() {
        return counters[DexdCounter.SAFETY_CLIPS.ordinal()];
    }

    public AtomicCounter lostLogRecords() {
        return counters[DexdCounter.LOST_LOG_RECORDS.ordinal()];
    }

    /** 1 once the logger failed to write a record (set by the logger thread). */
    public AtomicCounter logFailing() {
        return counters[DexdCounter.LOG_FAILING.ordinal()];
    }

    /** Free space on the log's file system in MB (set by the logger thread once a second). */
    public AtomicCounter logFreeMb() {
        return counters[DexdCounter.LOG_FREE_MB.ordinal()];
    }

    public AtomicCounter subgoalsDone() {
        return counters[DexdCounter.SUBGOALS_DONE.ordinal()];
    }

    public AtomicCounter subgoalsFailed() {
        return counters[DexdCounter.SUBGOALS_FAILED.ordinal()];
    }

    public AtomicCounter episode() {
        return counters[DexdCounter.EPISODE.ordinal()];
    }

    public AtomicCounter estopLatched() {
        return counters[DexdCounter.ESTOP_LATCHED.ordinal()];
    }

    /** Times the e-stop was latched, for metrics (set by the control thread each tick). */
    public AtomicCounter estops() {
        return counters[DexdCounter.ESTOPS.ordinal()];
    }

    /** Steps held because the observation, or the policy's logits or carried state, were not finite. */
    public AtomicCounter nonFiniteHolds() {
        return counters[DexdCounter.NONFINITE_HOLDS.ordinal()];
    }

    /** Failed hand calls and reads that reported FAULT (one event per burst; this counts them all). */
    public AtomicCounter driverErrors() {
        return counters[DexdCounter.DRIVER_ERRORS.ordinal()];
    }

    /** Steps held because running the policy failed (ORT or its binding threw). */
    public AtomicCounter policyErrors() {
        return counters[DexdCounter.POLICY_ERRORS.ordinal()];
    }

    /** Times a following error latched the e-stop. */
    public AtomicCounter followingErrorTrips() {
        return counters[DexdCounter.FOLLOWING_ERROR_TRIPS.ordinal()];
    }

    /**
     * The per-tick bookkeeping of the control loop in one call: one more step, the scheduler's
     * overrun total, the worst lateness so far, and the heartbeat. No allocation.
     */
    public void onTick(long latenessNs, long overrunsTotal) {
        counters[DexdCounter.STEPS.ordinal()].incrementRelease();
        counters[DexdCounter.OVERRUNS.ordinal()].setRelease(overrunsTotal);
        counters[DexdCounter.WORST_LATENESS_NS.ordinal()].proposeMaxRelease(latenessNs);
        heartbeat();
    }

    /** Stores the current wall-clock time (epoch ms) as the heartbeat; {@code dexd stat} flags a stale one. */
    public void heartbeat() {
        counters[DexdCounter.HEARTBEAT_MS.ordinal()].setRelease(clock.time());
    }

    public void state(DaemonState state) {
        counters[DexdCounter.STATE.ordinal()].setRelease(state.code());
    }

    /**
     * Adds a counter beyond {@link DexdCounter} (for other parts of the daemon), shown by
     * {@code dexd stat} with its label. Start-up only: this allocates.
     */
    public AtomicCounter newCounter(String label) {
        return manager.newCounter(label);
    }

    /** Adds a sensor counter ({@link SensorCounter}) for {@code subject}. Start-up only: this allocates. */
    public AtomicCounter newCounter(SensorCounter kind, String subject, String detail) {
        return manager.newCounter(kind.label(subject, detail), kind.typeId());
    }

    /** Every counter as (type id, label, value), for the metrics; any thread, not the control thread. */
    public void forEach(CounterConsumer consumer) {
        manager.forEach((value, id, label) -> consumer.accept(manager.getCounterTypeId(id), label, value));
    }

    /** What {@link #forEach} hands over. */
    @FunctionalInterface
    public interface CounterConsumer {
        void accept(int typeId, String label, long value);
    }

    /** Unmaps and deletes the file. Only after every writer has stopped. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        IoUtil.unmap(mapped);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the counters file " + file, e);
        }
    }

    private static void refuseIfOwnedByLiveProcess(Path file, long ownPid) {
        if (!Files.exists(file)) {
            return;
        }
        long owner;
        try (CountersView view = CountersView.open(file).orElse(null)) {
            if (view == null) {
                return;
            }
            owner = view.pid();
        } catch (IllegalStateException e) {
            return; // not a counters file we understand: replace it
        }
        if (owner != ownPid && ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
            throw new CountersFileInUseException("another dexd (pid " + owner + ") is running with counters at "
                + file + ": stop it first, or give this one another counters directory (if pid " + owner
                + " is not a dexd, delete the file)");
        }
    }
}
