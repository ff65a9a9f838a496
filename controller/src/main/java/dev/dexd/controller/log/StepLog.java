package dev.dexd.controller.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ChronicleQueue;
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
 */
public final class StepLog implements AutoCloseable {
    /** How long a lossless producer waits for a logger that makes no progress before dropping. */
    static final long STALL_NANOS = 1_000_000_000L;
    private final StepLogConfig config;
    private final HeaderRecord header;
    private final ManyToOneRingBuffer ring;
    private final LogWriterAgent agent;
    private final AtomicLong lostRecords = new AtomicLong();
    private final StepRecord step;
    private final int stepLength;
    private int claimedStep = -1;
    private AgentRunner runner;
    private volatile boolean running;
    private volatile boolean closed;

    private StepLog(StepLogConfig config, HeaderRecord header, ChronicleQueue queue) {
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
        this.agent = new LogWriterAgent(queue, ring, memory, header, lostRecords, SystemNanoClock.INSTANCE);
    }

    /**
     * Creates the run's queue directory and the ring. Records are accepted at once; they reach the
     * disk once the logger runs ({@link #start}) or at {@link #close}.
     *
     * @throws StepLogException if the directory already holds a log or cannot be created
     */
    public static StepLog open(StepLogConfig config, HeaderRecord header) {
        Path dir = config.directory();
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                if (files.anyMatch(f -> f.getFileName().toString().endsWith(".cq4"))) {
                    throw new StepLogException(dir + " already holds a log: give each run its own directory");
                }
            }
        } catch (IOException e) {
            throw new StepLogException("cannot create the log directory " + dir + ": " + e.getMessage(), e);
        }
        ChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir).rollCycle(LogFormat.ROLL_CYCLE).build();
        return new StepLog(config, header, queue);
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
        AgentRunner.startOnThread(runner, threads);
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

    /** Records dropped because the ring was full or the log closed. */
    public long lostRecords() {
        return lostRecords.get();
    }

    /** Step records appended to the queue so far. */
    public long stepsAppended() {
        return agent.stepsAppended();
    }

    /** Event records appended to the queue so far (the trailer included). */
    public long eventsAppended() {
        return agent.eventsAppended();
    }

    /** Records the logger failed to append (disk full, I/O error); see {@link #lastWriteError}. */
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
     * Stops accepting records, drains the ring into the queue, appends the SHUTDOWN trailer (text
     * {@code lost_records=N write_errors=M}) and closes the queue. Stop the producers first: records
     * claimed after this starts are dropped.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (runner != null) {
            runner.close();
            running = false;
        } else {
            agent.onClose();
        }
    }

    /**
     * Lossless mode: waits for the logger to make room. Gives up (the record is dropped and counted)
     * when the logger is not running or has made no progress for {@link #STALL_NANOS}, so a dead
     * logger or a stuck disk cannot hang the loop for good.
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
            return -1;
        }
        int index = ring.tryClaim(msgTypeId, length);
        if (index < 0 && config.lossless()) {
            index = awaitSpace(msgTypeId, length);
        }
        if (index < 0) {
            lostRecords.incrementAndGet();
        }
        return index;
    }

}
