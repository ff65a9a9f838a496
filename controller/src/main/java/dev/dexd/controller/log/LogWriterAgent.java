package dev.dexd.controller.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.util.MicroTouched;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.WireOut;
import net.openhft.chronicle.wire.WriteMarshallable;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The logger thread's duty cycle: drains the ring into the Chronicle Queue, one document per record
 * (see {@link LogFormat}), and keeps the pages ahead of the write position touched so the control
 * thread's records never wait on a page fault. Writes the header first and, on close, drains what
 * is left and appends the SHUTDOWN trailer (lost records, records appended, the run's digest).
 *
 * <p>Integrity is computed here, off the control thread: the CRC32C of each record's bytes goes into
 * its document, and the SHA-256 run digest (see {@link RunSummary#digest}) is folded in as records
 * are appended. Nothing is lost silently: any {@code Throwable} from an append (an I/O error, the
 * {@code InternalError} a full disk raises through Chronicle's memory mapping) is caught, the record
 * is counted as lost and the log is marked failing (a latched flag). For {@link #RETRY_NANOS} after
 * a failure records are counted as lost without trying, so a full disk cannot slow the drain; then
 * the logger tries again with a fresh appender. The logger also watches the free space of the log's
 * file system and writes a DISK_LOW warning event when it falls below the configured threshold.
 * All Chronicle objects are created and used on the logger thread.
 */
final class LogWriterAgent implements Agent, MessageHandler {
    /** Records drained per duty cycle, so the idle work (touching pages) still gets its turn. */
    static final int BATCH = 256;
    private static final int DRAIN_PATIENCE = 10_000;
    private static final long PRETOUCH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** After a failed append, records are counted as lost without trying for this long. */
    static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long DISK_CHECK_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final byte STEP_TAG = 'S';
    private static final byte EVENT_TAG = 'E';
    /**
     * {@code ExcerptAppender.pretouch()} needs Chronicle Enterprise: in the open-source build it
     * recurses until the stack overflows (chronicle-queue 2026.4). Without Enterprise we use the
     * open-source {@link MicroTouched#microTouch()}, which touches the page after the write position.
     */
    private static final boolean PRETOUCH_AVAILABLE = SingleChronicleQueueBuilder.areEnterpriseFeaturesAvailable();

    private final ChronicleQueue queue;
    private final RingBuffer ring;
    private final ByteBuffer ringMemory;
    private final HeaderRecord header;
    private final AtomicLong lostRecords;
    private final AtomicLong lostSteps;
    private final NanoClock clock;
    private final FileStore store;
    private final long warnFreeBytes;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer crcView;
    private final ByteBuffer digestView;
    private final MessageDigest digest;
    private final int deterministicLength;
    private final StepRecord step;
    private final EventRecord event = new EventRecord();
    private final AtomicLong stepsAppended = new AtomicLong();
    private final AtomicLong eventsAppended = new AtomicLong();
    private final AtomicLong writeErrors = new AtomicLong();
    private final WriteMarshallable stepDocument = this::writeStepFields;
    private final WriteMarshallable eventDocument = this::writeEventFields;
    private volatile Throwable lastError;
    private volatile boolean failing;
    private volatile long freeBytes = -1;
    private long failedAtNanos;
    private boolean inFailurePause;
    private boolean diskLowReported;
    private long lastDiskCheckNanos;
    private int currentCrc;
    private ExcerptAppender appender;
    private MicroTouched microTouched;
    private Bytes<ByteBuffer> raw;
    private Bytes<ByteBuffer> text;
    private long lastPretouchNanos;
    private long lastStep = -1;
    private long lastSimTimeNanos;
    private boolean closed;
    private boolean headerWritten;
    private volatile StepObserver observer = StepObserver.NONE;

    /**
     * @param store the log's file system, watched for free space (null: not watched)
     * @param warnFreeBytes below this many free bytes a DISK_LOW event is written (0: never)
     */
    LogWriterAgent(ChronicleQueue queue, RingBuffer ring, ByteBuffer ringMemory, HeaderRecord header,
        AtomicLong lostRecords, AtomicLong lostSteps, NanoClock clock, FileStore store, long warnFreeBytes) {
        this.queue = queue;
        this.ring = ring;
        this.ringMemory = ringMemory;
        this.header = header;
        this.lostRecords = lostRecords;
        this.lostSteps = lostSteps;
        this.clock = clock;
        this.store = store;
        this.warnFreeBytes = warnFreeBytes;
        this.step = new StepRecord(header.layout());
        this.crcView = ringMemory.duplicate();
        this.digestView = ringMemory.duplicate();
        this.deterministicLength = header.layout().deterministicLength();
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String roleName() {
        return "dexd-logger";
    }

    /** Opens the queue; a failure here is counted and retried like any other, so the logger never dies at start. */
    @Override
    public void onStart() {
        openOrRetry();
    }

    /**
     * One duty cycle. Catches every Throwable itself: Agrona's runner rethrows an {@code Error}
     * (which would end the logger thread), and the {@code InternalError} of a memory fault on a
     * full disk is raised asynchronously, at any later point of this thread's code.
     */
    @Override
    public int doWork() {
        try {
            return dutyCycle();
        } catch (Throwable e) {
            countError(e);
            failedAtNanos = clock.nanoTime();
            inFailurePause = true;
            closeAppender();
            return 0;
        }
    }

    private int dutyCycle() {
        openOrRetry();
        int work = ring.read(this, BATCH);
        checkDisk();
        if (work > 0) {
            touchAhead();
        } else if (PRETOUCH_AVAILABLE) {
            long now = clock.nanoTime();
            if (appender != null && now - lastPretouchNanos >= PRETOUCH_INTERVAL_NANOS) {
                lastPretouchNanos = now;
                appender.pretouch();
            }
        }
        return work;
    }

    /**
     * Drains everything left, appends the trailer and closes the queue. Each step is guarded on its
     * own: a memory fault's {@code InternalError} may surface in any of them.
     */
    @Override
    public void onClose() {
        if (closed) {
            return;
        }
        closed = true;
        guarded(() -> {
            inFailurePause = false; // one last try for what is left and the trailer
            openOrRetry();
            drain();
            writeTrailer();
            drain();
        });
        guarded(this::discardRemaining);
        guarded(this::closeAppender);
        guarded(queue::close);
    }

    private void guarded(Runnable step) {
        try {
            step.run();
        } catch (Throwable e) {
            countError(e);
        }
    }

    /** Counts every record still in the ring as lost (the drain failed or gave up): none vanishes uncounted. */
    void discardRemaining() {
        MessageHandler discard = (type, buffer, index, length) -> lost(type == LogFormat.MSG_STEP);
        for (int guard = 0; guard < 1_000_000 && ring.consumerPosition() < ring.producerPosition(); guard++) {
            if (ring.read(discard, Integer.MAX_VALUE) == 0) {
                Thread.yield(); // a record claimed but not yet committed, or the padding at the ring's end
            }
        }
    }

    /** Who sees each appended step's timings (metrics); any thread may set it. */
    void observer(StepObserver o) {
        observer = o == null ? StepObserver.NONE : o;
    }

    @Override
    public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
        boolean isStep = msgTypeId == LogFormat.MSG_STEP;
        if (appender == null || inFailurePause) {
            lost(isStep);
            return;
        }
        try {
            currentCrc = crc32c(index, length);
            if (isStep) {
                step.wrap(buffer, index);
                raw.readPositionRemaining(index, length);
                append(LogFormat.STEP, stepDocument);
                lastStep = step.step();
                lastSimTimeNanos = step.simTimeNanos();
                digest(STEP_TAG, index, deterministicLength);
                stepsAppended.lazySet(stepsAppended.get() + 1);
                observer.onStep(step.latenessNanos(), step.inferenceNanos());
            } else if (msgTypeId == LogFormat.MSG_EVENT) {
                event.wrap(buffer, index);
                raw.readPositionRemaining(index, length);
                text.readPositionRemaining(index + EventRecord.HEADER_LENGTH, event.textLength());
                append(LogFormat.EVENT, eventDocument);
                if (RunDigest.covers(event.typeCode())) {
                    digest(EVENT_TAG, index, EventRecord.WALL_TIMES_OFFSET);
                    int rest = EventRecord.WALL_TIMES_OFFSET + EventRecord.WALL_TIMES_LENGTH;
                    digestView.clear();
                    digestView.position(index + rest).limit(index + length);
                    this.digest.update(digestView);
                }
                eventsAppended.lazySet(eventsAppended.get() + 1);
            } else {
                throw new IllegalStateException("unknown ring message type " + msgTypeId);
            }
        } catch (Throwable e) {
            countError(e);
            lost(isStep);
            // a failed append may leave the appender unusable (a full disk): pause, then a fresh one
            failedAtNanos = clock.nanoTime();
            inFailurePause = true;
            closeAppender();
        }
    }

    long stepsAppended() {
        return stepsAppended.get();
    }

    long eventsAppended() {
        return eventsAppended.get();
    }

    long writeErrors() {
        return writeErrors.get();
    }

    Throwable lastError() {
        return lastError;
    }

    /** Whether an append has failed in this run (latched: records were lost). */
    boolean failing() {
        return failing;
    }

    /** Free bytes on the log's file system at the last check, or -1 when not known. */
    long freeBytes() {
        return freeBytes;
    }

    /** The run's digest so far (hex); logger thread only. */
    String digestHex() {
        try {
            return RunDigest.hex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
        }
    }

    /** Opens the appender (and writes the header) the first time, and again after a failure pause. */
    private void openOrRetry() {
        if (inFailurePause) {
            if (clock.nanoTime() - failedAtNanos < RETRY_NANOS) {
                return;
            }
            inFailurePause = false;
        }
        if (appender != null || queue.isClosed()) {
            return;
        }
        try {
            open();
        } catch (Throwable e) {
            countError(e);
            failedAtNanos = clock.nanoTime();
            inFailurePause = true;
            closeAppender();
        }
    }

    private void open() {
        if (raw == null) {
            raw = Bytes.wrapForRead(ringMemory);
            text = Bytes.wrapForRead(ringMemory);
        }
        appender = queue.createAppender();
        microTouched = appender instanceof MicroTouched m ? m : null;
        if (!headerWritten) {
            writeHeaderDocument();
            headerWritten = true;
        }
        lastPretouchNanos = clock.nanoTime();
    }

    /** The header, then the CRC32C of its encoded bytes. */
    private void writeHeaderDocument() {
        DocumentContext dc = appender.writingDocument();
        try {
            Bytes<?> bytes = dc.wire().bytes();
            long start = bytes.writePosition();
            dc.wire().write(LogFormat.HEADER).marshallable(w -> LogFormat.writeHeader(w, header));
            int crc = LogFormat.crc32c(bytes, start, bytes.writePosition());
            dc.wire().write(LogFormat.CRC).int32(crc);
        } catch (Throwable e) {
            dc.rollbackOnClose();
            throw e;
        } finally {
            dc.close();
        }
    }

    private void closeAppender() {
        ExcerptAppender a = appender;
        appender = null;
        microTouched = null;
        if (a != null) {
            try {
                a.close();
            } catch (Throwable ignored) {
                // the appender already failed; its error is counted
            }
        }
    }

    /** Appends one document; on any failure it is rolled back (not committed) and the error rethrown. */
    private void append(String kind, WriteMarshallable document) {
        DocumentContext dc = appender.writingDocument();
        try {
            dc.wire().write(kind).marshallable(document);
        } catch (Throwable e) {
            dc.rollbackOnClose();
            throw e;
        } finally {
            dc.close();
        }
    }

    private int crc32c(int index, int length) {
        crcView.clear();
        crcView.position(index).limit(index + length);
        crc.reset();
        crc.update(crcView);
        return (int) crc.getValue();
    }

    private void digest(byte tag, int index, int length) {
        digest.update(tag);
        digestView.clear();
        digestView.position(index).limit(index + length);
        digest.update(digestView);
    }

    private void lost(boolean isStep) {
        lostRecords.incrementAndGet();
        if (isStep) {
            lostSteps.incrementAndGet();
        }
    }

    /** Once a second: the free space of the log's file system, and a DISK_LOW event when it is below the threshold. */
    private void checkDisk() {
        long now = clock.nanoTime();
        if (store == null || now - lastDiskCheckNanos < DISK_CHECK_INTERVAL_NANOS) {
            return;
        }
        lastDiskCheckNanos = now;
        long free;
        try {
            free = store.getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return; // the next check tries again; a failing disk shows up as failed appends
        }
        freeBytes = free;
        if (warnFreeBytes > 0 && free < warnFreeBytes && !diskLowReported) {
            diskLowReported = true;
            writeOwnEvent(EventType.DISK_LOW, "log disk has " + free / (1024 * 1024) + " MB free, below log.warn_free_mb "
                + warnFreeBytes / (1024 * 1024) + ": records will be lost when it is full");
        } else if (free > warnFreeBytes + warnFreeBytes / 10) {
            diskLowReported = false; // re-arm once space was freed
        }
    }

    /** An event from the logger itself, through the ring like any other (dropped and counted when it is full). */
    private void writeOwnEvent(EventType type, String message) {
        int index = ring.tryClaim(LogFormat.MSG_EVENT, EventRecord.lengthFor(message.length()));
        if (index < 0) {
            lost(false);
            return;
        }
        event.wrap(ring.buffer(), index).stampVersion().type(type).step(lastStep).simTimeNanos(lastSimTimeNanos)
            .wallTimes(0, 0).text(message);
        ring.commit(index);
    }

    private void writeStepFields(WireOut w) {
        w.write("step").int64(step.step());
        w.write("simTimeNanos").int64(step.simTimeNanos());
        w.write("episode").int32(step.episode());
        w.write("flags").int32(step.flags());
        w.write(LogFormat.CRC).int32(currentCrc);
        w.write(LogFormat.RAW).bytes(raw);
    }

    private void writeEventFields(WireOut w) {
        w.write("step").int64(event.step());
        w.write("simTimeNanos").int64(event.simTimeNanos());
        EventType type = event.type();
        if (type != null) {
            w.write("type").text(type.name());
        } else {
            w.write("type").int32(event.typeCode());
        }
        w.write("text").text(text);
        w.write(LogFormat.CRC).int32(currentCrc);
        w.write(LogFormat.RAW).bytes(raw);
    }

    private void touchAhead() {
        if (microTouched != null) {
            microTouched.microTouch();
        }
    }

    /**
     * Reads until the ring is empty. A read that only skips the padding at the end of the ring
     * returns 0 messages, so emptiness is judged by positions; a record claimed but never committed
     * (a producer stopped mid-write) is waited for only briefly.
     */
    private void drain() {
        int idle = 0;
        while (idle < DRAIN_PATIENCE) {
            if (ring.read(this, Integer.MAX_VALUE) > 0) {
                touchAhead();
                idle = 0;
            } else if (ring.consumerPosition() >= ring.producerPosition()) {
                return;
            } else {
                idle++;
                Thread.yield();
            }
        }
    }

    private void writeTrailer() {
        String summary = RunDigest.trailerText(lostRecords.get(), lostSteps.get(), writeErrors.get(), stepsAppended.get(),
            eventsAppended.get(), digestHex());
        int index = ring.tryClaim(LogFormat.MSG_EVENT, EventRecord.lengthFor(summary.length()));
        if (index < 0) {
            throw new IllegalStateException("no room in the drained ring for the shutdown record");
        }
        event.wrap(ring.buffer(), index).stampVersion().type(EventType.SHUTDOWN).step(lastStep)
            .simTimeNanos(lastSimTimeNanos).wallTimes(0, 0).text(summary);
        ring.commit(index);
    }

    /** Counts a failure (also the runner's error handler, for errors outside a single record). */
    void countError(Throwable e) {
        writeErrors.incrementAndGet();
        lastError = e;
        failing = true;
    }
}
