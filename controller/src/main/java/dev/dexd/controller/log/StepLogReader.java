package dev.dexd.controller.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.PointerBytesStore;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.ReadMarshallable;
import net.openhft.chronicle.wire.ValueIn;
import net.openhft.chronicle.wire.WireIn;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads a run's log in order: the header, then steps and events as they were appended. One
 * {@link StepRecord} and one {@link EventRecord} flyweight are reused, over a private copy of the
 * current record, valid until the next {@link #next}. Opens the queue read-only, so it can read a
 * log while the daemon writes it, or after the daemon was killed (an unfinished last record is not
 * returned).
 *
 * <pre>{@code
 * try (StepLogReader r = StepLogReader.open(dir)) {
 *     for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
 *         if (e == StepLogReader.Entry.STEP) use(r.step()); else use(r.event());
 *     }
 * }
 * }</pre>
 */
public final class StepLogReader implements AutoCloseable {
    /** What {@link #next} found. */
    public enum Entry { STEP, EVENT, END }

    private final Path dir;
    private final ChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final HeaderRecord header;
    private final StepRecord step;
    private final EventRecord event = new EventRecord();
    private final StringBuilder name = new StringBuilder();
    private final PointerBytesStore pointer = new PointerBytesStore();
    private final UnsafeBuffer source = new UnsafeBuffer(0, 0);
    /** Where {@link #pointer} points (with length 0) before each read, to tell a missing raw field. */
    private final ByteBuffer empty = ByteBuffer.allocateDirect(8);
    private final long emptyAddress = BufferUtil.address(empty);
    private final ReadMarshallable rawReader = w -> w.read(LogFormat.RAW).bytesSet(pointer);
    private UnsafeBuffer record = new UnsafeBuffer(new byte[4096]);
    private int recordLength;
    private long index = -1;
    private long unknownDocuments;

    private StepLogReader(Path dir, ChronicleQueue queue) {
        this.dir = dir;
        this.queue = queue;
        this.tailer = queue.createTailer();
        this.header = readHeader();
        this.step = new StepRecord(header.layout());
    }

    /**
     * Opens the log in {@code dir} and reads its header.
     *
     * @throws StepLogException (one line) if the directory is missing, is not a dexd log, or was
     *     written with a schema version this code does not read
     */
    public static StepLogReader open(Path dir) {
        if (!Files.exists(dir)) {
            throw new StepLogException("log directory " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new StepLogException(dir + " is not a dexd log: it is a file, expected a run's log directory");
        }
        try (Stream<Path> files = Files.list(dir)) {
            if (files.noneMatch(f -> f.getFileName().toString().endsWith(".cq4"))) {
                throw new StepLogException(dir + " is not a dexd log: it holds no Chronicle Queue files (*.cq4)");
            }
        } catch (IOException e) {
            throw new StepLogException("cannot list the log directory " + dir + ": " + e.getMessage(), e);
        }
        ChronicleQueue queue;
        try {
            queue = SingleChronicleQueueBuilder.binary(dir).rollCycle(LogFormat.ROLL_CYCLE).readOnly(true).build();
        } catch (RuntimeException e) {
            throw new StepLogException(dir + " is not a readable Chronicle Queue: " + e.getMessage(), e);
        }
        try {
            return new StepLogReader(dir, queue);
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
    }

    public HeaderRecord header() {
        return header;
    }

    public StepLayout layout() {
        return header.layout();
    }

    public Path directory() {
        return dir;
    }

    /** Moves to the next step or event; documents of kinds this version does not know are skipped. */
    public Entry next() {
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return Entry.END;
                }
                index = dc.index();
                ValueIn in = dc.wire().read(name);
                boolean isStep = LogFormat.STEP.contentEquals(name);
                if (!isStep && !LogFormat.EVENT.contentEquals(name)) {
                    unknownDocuments++;
                    continue;
                }
                copyRaw(in);
                if (isStep) {
                    checkStep();
                    return Entry.STEP;
                }
                checkEvent();
                return Entry.EVENT;
            }
        }
    }

    /** The current step record (after {@link #next} returned STEP). */
    public StepRecord step() {
        return step;
    }

    /** The current event record (after {@link #next} returned EVENT). */
    public EventRecord event() {
        return event;
    }

    /** The current record's bytes start at offset 0 of this buffer. */
    public UnsafeBuffer recordBuffer() {
        return record;
    }

    public int recordLength() {
        return recordLength;
    }

    /** Chronicle's index of the current document (for {@code ChronicleReaderMain -n}). */
    public long index() {
        return index;
    }

    /** Documents skipped because their kind is not step or event. */
    public long unknownDocuments() {
        return unknownDocuments;
    }

    @Override
    public void close() {
        tailer.close();
        queue.close();
    }

    private HeaderRecord readHeader() {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                throw new StepLogException(dir + " is not a dexd log: the queue is empty (no header record)");
            }
            ValueIn in = dc.wire().read(name);
            if (!LogFormat.HEADER.contentEquals(name)) {
                throw new StepLogException(dir + " is not a dexd log: its first record is '" + name
                    + "', expected the dexd header");
            }
            HeaderRecord[] out = new HeaderRecord[1];
            in.marshallable((WireIn w) -> {
                if (!LogFormat.MAGIC.equals(LogFormat.readMagic(w))) {
                    throw new StepLogException(dir + " is not a dexd log: its header lacks the dexd magic");
                }
                int version = LogFormat.readSchemaVersion(w);
                if (version != StepLayout.SCHEMA_VERSION) {
                    throw new StepLogException(dir + " was written with log schema version " + version
                        + "; this dexd reads version " + StepLayout.SCHEMA_VERSION + " (use the dexd that wrote it)");
                }
                out[0] = LogFormat.readHeaderBody(w, version);
            });
            return out[0];
        } catch (StepLogException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StepLogException(dir + " is not a dexd log: its header cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private void copyRaw(ValueIn in) {
        pointer.set(emptyAddress, 0);
        in.marshallable(rawReader);
        long length = pointer.readRemaining();
        if (length <= 0 || length > Integer.MAX_VALUE - 8) {
            throw damaged("has no record bytes");
        }
        recordLength = (int) length;
        if (record.capacity() < recordLength) {
            record = new UnsafeBuffer(new byte[Integer.highestOneBit(recordLength) << 1]);
        }
        source.wrap(pointer.addressForRead(pointer.readPosition()), recordLength);
        record.putBytes(0, source, 0, recordLength);
    }

    private void checkStep() {
        step.wrap(record, 0);
        if (recordLength != header.layout().length()) {
            throw damaged("is a step record of " + recordLength + " bytes; the header's layout gives "
                + header.layout().length());
        }
        if (step.schemaVersion() != header.schemaVersion()) {
            throw damaged("has schema version " + step.schemaVersion() + ", the header " + header.schemaVersion());
        }
    }

    private void checkEvent() {
        event.wrap(record, 0);
        if (recordLength < EventRecord.HEADER_LENGTH || event.length() != recordLength) {
            throw damaged("is an event record of " + recordLength + " bytes that does not match its text length");
        }
    }

    private StepLogException damaged(String what) {
        return new StepLogException("record 0x" + Long.toHexString(index) + " in " + dir + " " + what);
    }
}
