package dev.dexd.controller.log;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * is left and appends the SHUTDOWN trailer with the lost-record count. Write failures are counted,
 * never thrown out of the loop. All Chronicle objects are created and used on the logger thread.
 */
final class LogWriterAgent implements Agent, MessageHandler {
    /** Records drained per duty cycle, so the idle work (touching pages) still gets its turn. */
    static final int BATCH = 256;
    private static final int DRAIN_PATIENCE = 10_000;
    private static final long PRETOUCH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
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
    private final NanoClock clock;
    private final StepRecord step;
    private final EventRecord event = new EventRecord();
    private final AtomicLong stepsAppended = new AtomicLong();
    private final AtomicLong eventsAppended = new AtomicLong();
    private final AtomicLong writeErrors = new AtomicLong();
    private final WriteMarshallable stepDocument = this::writeStepFields;
    private final WriteMarshallable eventDocument = this::writeEventFields;
    private volatile Throwable lastError;
    private ExcerptAppender appender;
    private MicroTouched microTouched;
    private Bytes<ByteBuffer> raw;
    private Bytes<ByteBuffer> text;
    private long lastPretouchNanos;
    private long lastStep = -1;
    private long lastSimTimeNanos;
    private boolean closed;

    LogWriterAgent(ChronicleQueue queue, RingBuffer ring, ByteBuffer ringMemory, HeaderRecord header,
        AtomicLong lostRecords, NanoClock clock) {
        this.queue = queue;
        this.ring = ring;
        this.ringMemory = ringMemory;
        this.header = header;
        this.lostRecords = lostRecords;
        this.clock = clock;
        this.step = new StepRecord(header.layout());
    }

    @Override
    public String roleName() {
        return "dexd-logger";
    }

    @Override
    public void onStart() {
        open();
    }

    @Override
    public int doWork() {
        open();
        int work = ring.read(this, BATCH);
        if (work > 0) {
            touchAhead();
        } else if (PRETOUCH_AVAILABLE) {
            long now = clock.nanoTime();
            if (now - lastPretouchNanos >= PRETOUCH_INTERVAL_NANOS) {
                lastPretouchNanos = now;
                appender.pretouch();
            }
        }
        return work;
    }

    /** Drains everything left, appends the trailer and closes the queue. */
    @Override
    public void onClose() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            open();
            drain();
            writeTrailer();
            drain();
        } catch (RuntimeException | Error e) {
            countError(e);
        } finally {
            if (appender != null) {
                appender.close();
            }
            queue.close();
        }
    }

    @Override
    public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
        try {
            if (msgTypeId == LogFormat.MSG_STEP) {
                step.wrap(buffer, index);
                raw.readPositionRemaining(index, length);
                append(LogFormat.STEP, stepDocument);
                lastStep = step.step();
                lastSimTimeNanos = step.simTimeNanos();
                stepsAppended.lazySet(stepsAppended.get() + 1);
            } else if (msgTypeId == LogFormat.MSG_EVENT) {
                event.wrap(buffer, index);
                raw.readPositionRemaining(index, length);
                text.readPositionRemaining(index + EventRecord.HEADER_LENGTH, event.textLength());
                append(LogFormat.EVENT, eventDocument);
                eventsAppended.lazySet(eventsAppended.get() + 1);
            } else {
                throw new IllegalStateException("unknown ring message type " + msgTypeId);
            }
        } catch (RuntimeException e) {
            countError(e);
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

    private void open() {
        if (appender != null || queue.isClosed()) {
            return;
        }
        raw = Bytes.wrapForRead(ringMemory);
        text = Bytes.wrapForRead(ringMemory);
        appender = queue.createAppender();
        microTouched = appender instanceof MicroTouched m ? m : null;
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().write(LogFormat.HEADER).marshallable(w -> LogFormat.writeHeader(w, header));
        }
        lastPretouchNanos = clock.nanoTime();
    }

    private void append(String kind, WriteMarshallable document) {
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().write(kind).marshallable(document);
        }
    }

    private void writeStepFields(WireOut w) {
        w.write("step").int64(step.step());
        w.write("simTimeNanos").int64(step.simTimeNanos());
        w.write("episode").int32(step.episode());
        w.write("flags").int32(step.flags());
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
        String summary = "lost_records=" + lostRecords.get() + " write_errors=" + writeErrors.get();
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
    }
}
