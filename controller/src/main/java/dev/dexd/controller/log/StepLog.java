package dev.dexd.controller.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.FileStore;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * A run's step log, the writer side. The control thread claims a step record in an Agrona ring
 * ({@link #claimStep}), fills it in place through the {@link StepRecord} flyweight and commits it:
 * no copy, no allocation, no lock, and no wait (unless {@link StepLogConfig#lossless} asks for
 * one, for lockstep runs). Other threads (and the control thread) add events
 * through their own {@link EventWriter}. When the ring is full a record is dropped and counted
 * ({@link #lostRecords}). A logger thread ({@link #start}) drains the ring into a Chronicle Queue in
 * the run's directory; {@link #close} drains everything before closing, so a clean shutdown loses
 * nothing, and because Chronicle appends to memory-mapped files every record appended before a
 * {@code kill -9} stays readable.
 *
 * <p>Nothing is lost silently: {@link #lostRecords} counts every record that is not in the log,
 * whether the ring was full (the producer's claim failed) or the logger failed to append it (a full
 * disk); {@link #failing} latches once the logger failed. The run directory is created 0750 and
 * every queue file made 0640 when Chronicle acquires it; secrets in the header's config copy are
 * redacted ({@link ConfigRedaction}).
 */
public final class StepLog implements AutoCloseable {
    /** How long a lossless producer waits for a logger that makes no progress before dropping. */
    static final long STALL_NANOS = 1_000_000_000L;
    private final StepLogConfig config;
    private final HeaderRecord header;
    private final ManyToOneRingBuffer ring;
    private final LogWriterAgent agent;
    static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwxr-x---");
    static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-r-----");
    private final AtomicLong lostRecords = new AtomicLong();
    private final AtomicLong lostSteps = new AtomicLong();
    private final StepRecord step;
    private final int stepLength;
    private int claimedStep = -1;
    private AgentRunner runner;
    private volatile boolean running;
    private volatile boolean closed;
    /** The consumer position at which a lossless wait last gave up; no new wait until the logger moves on. */
    private volatile long stalledAt = -1;

    static {
        ChronicleWarnings.install();
    }

    private StepLog(StepLogConfig config, HeaderRecord header, ChronicleQueue queue, FileStore store) {
        this.config = config;
        this.header = header;
        ByteBuffer memory = ByteBuffer.allocateDirect(config.ringBytes() + RingBufferDescriptor.TRAILER_LENGTH);
        this.ring = new ManyToOneRingBuffer(new UnsafeBuffer(memory));
        this.step = new StepRecord(header.layout());
        this.stepLength = header.layout().length();
        if (stepLength > ring.maxMsgLength()) {
            queue.close();
            throw new IllegalArgumentException("a step record of " + stepLength + " bytes does not fit a log ring of "
                + config.ringBytes() + " bytes (at most " + ring.maxMsgLength() + "); use a ring of at least "
                + Integer.highestOneBit(stepLength) * 16 + " bytes");
        }
        this.agent = new LogWriterAgent(queue, ring, memory, header, lostRecords, lostSteps, SystemNanoClock.INSTANCE,
            store, config.warnFreeBytes());
    }

    /**
     * Creates the run's queue directory (0750) and the ring. Records are accepted at once; they reach
     * the disk once the logger runs ({@link #start}) or at {@link #close}. The header's config copy
     * is written with its secrets redacted.
     *
     * @throws StepLogException (one line) if the directory already holds a log or cannot be created,
     *     or its file system has less free space than {@link StepLogConfig#minFreeBytes}
     */
    public static StepLog open(StepLogConfig config, HeaderRecord header) {
        Path dir = config.directory();
        FileStore store;
        try {
            if (dir.getParent() != null) {
                Files.createDirectories(dir.getParent());
            }
            checkFreeSpace(dir.getParent() != null ? dir.getParent() : dir, config.minFreeBytes());
            if (!Files.isDirectory(dir)) {
                Files.createDirectory(dir);
            }
            Files.setPosixFilePermissions(dir, DIRECTORY_PERMISSIONS); // not left to the umask
            try (Stream<Path> files = Files.list(dir)) {
                if (files.anyMatch(f -> f.getFileName().toString().endsWith(".cq4"))) {
                    throw new StepLogException(dir + " already holds a log: give each run its own directory");
                }
            }
            store = Files.getFileStore(dir);
        } catch (IOException | UnsupportedOperationException e) {
            throw new StepLogException("cannot create the log directory " + dir + ": " + e, e);
        }
        ChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir).rollCycle(LogFormat.ROLL_CYCLE)
            .storeFileListener(new Permissions()).build();
        restrictFiles(dir);
        return new StepLog(config, header.withConfigYaml(ConfigRedaction.redact(header.configYaml())), queue, store);
    }

    private static void checkFreeSpace(Path dir, long minFreeBytes) throws IOException {
        if (minFreeBytes <= 0) {
            return;
        }
        long free = Files.getFileStore(dir).getUsableSpace();
        if (free < minFreeBytes) {
            throw new StepLogException("the log directory " + dir + " has " + free / (1024 * 1024) + " MB free, less than"
                + " log.min_free_mb " + minFreeBytes / (1024 * 1024) + ": free some space or lower log.min_free_mb");
        }
    }

    /** Makes every file in {@code dir} 0640 (Chronicle creates them with the process umask). */
    static void restrictFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile).forEach(StepLog::restrict);
        } catch (IOException e) {
            // the directory is 0750 already; a file we cannot chmod stays as Chronicle made it
        }
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, FILE_PERMISSIONS);
        } catch (IOException | UnsupportedOperationException e) {
            // as above
        }
    }

    /** Restricts each queue file as Chronicle acquires it (the first file and every roll). */
    private static final class Permissions implements StoreFileListener {
        @Override
        public void onAcquired(int cycle, java.io.File file) {
            restrict(file.toPath());
        }

        @Override
        public void onReleased(int cycle, java.io.File file) {
            // nothing to do
        }
    }

    /** Starts the logger thread. */
    public StepLog start() {
        return start(r -> new Thread(r, agent.roleName()));
    }

    /** Starts the logger on a thread from {@code threads} (to name it, pin it or make it a daemon). */
    public synchronized StepLog start(ThreadFactory threads) {
        if (runner != null || closed) {
            throw new IllegalStateException(closed ? "step log closed" : "step log already started");
        }
        runner = new AgentRunner(new BackoffIdleStrategy(10, 20, 1_000, 1_000_000), agent::countError, null, agent);
        running = true;
        // whatever still escapes the agent (an asynchronous InternalError after its last step) is counted, not printed
        AgentRunner.startOnThread(runner, r -> {
            Thread t = threads.newThread(r);
            t.setUncaughtExceptionHandler((thread, e) -> agent.countError(e));
            return t;
        });
        return this;
    }

    public HeaderRecord header() {
        return header;
    }

    public StepLayout layout() {
        return header.layout();
    }

    public Path directory() {
        return config.directory();
    }

    /**
     * Claims the next step record in the ring and returns the flyweight over it, zeroed and stamped
     * with the schema version; fill it and {@link #commitStep}. Returns null when the ring is full
     * (the record is counted as lost) or the log is closed. Control thread only, one claim at a time.
     */
    public StepRecord claimStep() {
        if (claimedStep >= 0) {
            throw new IllegalStateException("the previous step record was neither committed nor aborted");
        }
        int index = claim(LogFormat.MSG_STEP, stepLength);
        if (index < 0) {
            return null;
        }
        claimedStep = index;
        return step.wrap(ring.buffer(), index).clear();
    }

    /** Publishes the claimed step record to the logger. */
    public void commitStep() {
        int index = claimedStep;
        claimedStep = -1;
        ring.commit(index);
    }

    /** Gives the claimed step record back unwritten (it is not counted as lost). */
    public void abortStep() {
        int index = claimedStep;
        claimedStep = -1;
        ring.abort(index);
    }

    /** Gives back a step record left claimed by a failed tick, if any (control thread). */
    public void abortStepIfClaimed() {
        if (claimedStep >= 0) {
            abortStep();
        }
    }

    /** A writer for events, for the calling thread only (each producing thread takes its own). */
    public EventWriter newEventWriter() {
        return new EventWriter(this, ring);
    }

    /** Shows each appended step's timings to {@code o} on the logger thread (metrics); null for none. */
    public void observeSteps(StepObserver o) {
        agent.observer(o);
    }

    /**
     * Records not in the log: dropped because the ring was full or the log closed, or not appended
     * because the logger failed (see {@link #writeErrors}).
     */
    public long lostRecords() {
        return lostRecords.get();
    }

    /** The step records among {@link #lostRecords}. */
    public long lostSteps() {
        return lostSteps.get();
    }

    /** Whether the logger has failed to append a record in this run (latched). */
    public boolean failing() {
        return agent.failing();
    }

    /** Free bytes on the log's file system at the logger's last check (once a second), or -1. */
    public long freeDiskBytes() {
        return agent.freeBytes();
    }

    /** Free MB on the log's file system at the logger's last check, or -1; a volatile read, for the control thread. */
    public long freeDiskMb() {
        long b = agent.freeBytes();
        return b < 0 ? -1 : b >> 20;
    }

    /** Step records appended to the queue so far. */
    public long stepsAppended() {
        return agent.stepsAppended();
    }

    /** Event records appended to the queue so far (the trailer included). */
    public long eventsAppended() {
        return agent.eventsAppended();
    }

    /** Errors of the logger (a record it failed to append: disk full, I/O error); see {@link #lastWriteError}. */
    public long writeErrors() {
        return agent.writeErrors();
    }

    public Throwable lastWriteError() {
        return agent.lastError();
    }

    /**
     * Waits until every record committed before this call is in the queue. Not for the control
     * thread. Returns false on timeout or when no logger thread is running.
     */
    public boolean flush(long timeoutNanos) {
        long target = ring.producerPosition();
        long deadline = System.nanoTime() + timeoutNanos;
        while (ring.consumerPosition() < target) {
            if (!running || System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.yield();
        }
        return true;
    }

    /**
     * Stops accepting records, drains the ring into the queue, appends the SHUTDOWN trailer (lost
     * records, records appended, the run's digest: see {@link RunDigest}) and closes the queue. Stop the producers first: records
     * claimed after this starts are dropped.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (runner != null) {
            // a logger draining onto a failing disk may take a while: wait for it quietly (no interrupt,
            // which would break a Chronicle write mid-record)
            runner.close(AgentRunner.RETRY_CLOSE_TIMEOUT_MS, t -> { });
            running = false;
        }
        agent.onClose(); // does nothing when the logger thread closed it; otherwise drains here
        agent.discardRemaining(); // and anything its thread left behind counts as lost
        restrictFiles(config.directory());
    }

    /**
     * Lossless mode: waits for the logger to make room. Gives up (the record is dropped and counted)
     * when the logger is not running or has made no progress for {@link #STALL_NANOS}, so a dead
     * logger or a stuck disk cannot hang the loop for good; later claims do not wait again until the
     * logger has moved on.
     */
    private int awaitSpace(int msgTypeId, int length) {
        long consumed = ring.consumerPosition();
        long progressAt = System.nanoTime();
        int index = -1;
        while (running && !closed && (index = ring.tryClaim(msgTypeId, length)) < 0) {
            long now = System.nanoTime();
            long c = ring.consumerPosition();
            if (c != consumed) {
                consumed = c;
                progressAt = now;
            } else if (now - progressAt > STALL_NANOS) {
                stalledAt = c; // a stuck or dead logger costs the loop one wait, not one per record
                break;
            }
            Thread.yield();
        }
        return index;
    }

    /** The writer agent, for tests that drive the duty cycle by hand instead of {@link #start}. */
    LogWriterAgent agent() {
        return agent;
    }

    /** Claims {@code length} bytes for a message; a negative result means dropped and counted. */
    int claim(int msgTypeId, int length) {
        if (closed) {
            lostRecords.incrementAndGet();
            if (msgTypeId == LogFormat.MSG_STEP) {
                lostSteps.incrementAndGet();
            }
            return -1;
        }
        int index = ring.tryClaim(msgTypeId, length);
        if (index < 0 && config.lossless() && ring.consumerPosition() != stalledAt) {
            index = awaitSpace(msgTypeId, length);
        }
        if (index < 0) {
            lostRecords.incrementAndGet();
            if (msgTypeId == LogFormat.MSG_STEP) {
                lostSteps.incrementAndGet();
            }
        }
        return index;
    }

}
