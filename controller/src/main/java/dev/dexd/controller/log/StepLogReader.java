package dev.dexd.controller.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.PointerBytesStore;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;
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
 * <p>Every record is checked: its CRC32C against the one the logger stored, its length against the
 * layout, and at the end the records read against the trailer's counts (or, without a trailer,
 * against the queue's last index), so damage (random bytes, a truncated or zeroed file) is reported
 * as a {@link StepLogException} naming the first bad record ({@link #recordNumber()}, counting the
 * header as record 0) and its byte offset in the queue file, whatever Chronicle's own reader threw.
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
    private final CRC32C crc = new CRC32C();
    private final ReadMarshallable rawReader = w -> {
        storedCrc = w.read(LogFormat.CRC).int32();
        w.read(LogFormat.RAW).bytesSet(pointer);
    };
    private int storedCrc;
    private long recordNumber;
    private long byteOffset;
    private long endOffset;
    private long stepsRead;
    private long eventsRead;
    private String trailer;
    private boolean ended;
    private boolean retried;
    private UnsafeBuffer record = new UnsafeBuffer(new byte[4096]);
    private int recordLength;
    private long index = -1;
    private long unknownDocuments;

    static {
        ChronicleWarnings.install();
    }

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

    /**
     * Moves to the next step or event; documents of kinds this version does not know are skipped.
     *
     * @throws StepLogException (one line) at the first damaged record: the log cannot be trusted from there on
     */
    public Entry next() {
        return read(false);
    }

    /**
     * Tailing mode, for a log that is still being written: like {@link #next} but returns null when no
     * new record is there yet (call again later), and END only once the SHUTDOWN trailer has been read
     * and nothing follows it. A daemon that was killed writes no trailer: the caller decides when to
     * give up. Reads the same format as {@link #next}, with the same checks on every record.
     */
    public Entry poll() {
        return read(true);
    }

    private Entry read(boolean tailing) {
        if (ended) {
            return Entry.END;
        }
        while (true) {
            recordNumber++;
            byteOffset = nextDocument();
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    recordNumber--;
                    if (tailing && trailer == null) {
                        return null;
                    }
                    String missing = missingRecords();
                    if (missing != null && !retried) {
                        retried = true; // a log being written may have grown since the read: look once more
                        continue;
                    }
                    ended = true;
                    if (missing != null) {
                        recordNumber++;
                        byteOffset = nextDocument();
                        throw damaged(missing);
                    }
                    return Entry.END;
                }
                retried = false;
                index = dc.index();
                byteOffset = dc.wire().bytes().readPosition() - 4; // the 4-byte document header
                endOffset = dc.wire().bytes().readLimit();
                ValueIn in = dc.wire().read(name);
                boolean isStep = LogFormat.STEP.contentEquals(name);
                if (!isStep && !LogFormat.EVENT.contentEquals(name)) {
                    unknownDocuments++;
                    continue;
                }
                copyRaw(in);
                if (isStep) {
                    checkStep();
                    stepsRead++;
                    return Entry.STEP;
                }
                checkEvent();
                if (event.typeCode() == EventType.SHUTDOWN.code()) {
                    trailer = event.text();
                } else {
                    eventsRead++;
                }
                return Entry.EVENT;
            } catch (StepLogException e) {
                ended = true;
                throw e;
            } catch (RuntimeException | Error e) {
                // Chronicle's own reader may throw on damaged bytes: name the record instead
                ended = true;
                throw damaged("cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? ": " + firstLine(e.getMessage()) : "") + ")", e);
            }
        }
    }

    /**
     * Ordinal of the current record in the queue, the header being 0 (on a damage report: of the
     * first bad record).
     */
    public long recordNumber() {
        return recordNumber;
    }

    /** Byte offset of the current record's document in its queue file. */
    public long byteOffset() {
        return byteOffset;
    }

    /** The SHUTDOWN trailer's text once read, or null (no trailer yet, or the daemon was killed). */
    public String trailer() {
        return trailer;
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
            index = dc.index();
            endOffset = dc.wire().bytes().readLimit();
            long start = dc.wire().bytes().readPosition();
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
                if (version < StepLayout.SCHEMA_VERSION) {
                    throw new StepLogException("log format " + version + " is from an older dexd: " + dir
                        + " must be read with the dexd version that wrote it (this one reads format "
                        + StepLayout.SCHEMA_VERSION + ")");
                }
                if (version > StepLayout.SCHEMA_VERSION) {
                    throw new StepLogException("log format " + version + " is from a newer dexd: " + dir
                        + " needs a dexd that reads format " + version + " (this one reads format "
                        + StepLayout.SCHEMA_VERSION + ")");
                }
                out[0] = LogFormat.readHeaderBody(w, version);
            });
            long end = dc.wire().bytes().readPosition();
            int stored = dc.wire().read(LogFormat.CRC).int32();
            int actual = LogFormat.crc32c(dc.wire().bytes(), start, end);
            if (stored != actual) {
                throw new StepLogException(dir + " is damaged: record 0 (the header, byte offset " + (start - 4)
                    + " of its queue file) fails its CRC32C check (stored " + Integer.toUnsignedString(stored, 16)
                    + ", computed " + Integer.toUnsignedString(actual, 16) + ")");
            }
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
        crc.reset();
        crc.update(record.byteArray(), 0, recordLength);
        int actual = (int) crc.getValue();
        if (actual != storedCrc) {
            throw damaged("fails its CRC32C check (stored " + Integer.toUnsignedString(storedCrc, 16) + ", computed "
                + Integer.toUnsignedString(actual, 16) + ")");
        }
    }

    /**
     * At the end: a trailer promises how many steps and events precede it; without a trailer (the
     * daemon was killed) the queue must hold nothing beyond the last document read: its last index
     * and its last file's write position say so. Fewer records read means Chronicle stopped early at
     * damaged bytes (a zeroed document header looks like the end, and so does a truncated file).
     * Returns what is missing, or null.
     */
    private String missingRecords() {
        if (trailer != null) {
            Long steps = RunDigest.number(trailer, RunDigest.STEPS);
            Long events = RunDigest.number(trailer, RunDigest.EVENTS);
            if (steps != null && events != null && (steps != stepsRead || events != eventsRead)) {
                return "is missing: the trailer counts " + steps + " steps and " + events + " events, the log holds "
                    + stepsRead + " and " + eventsRead;
            }
            return null;
        }
        try {
            long last = queue.lastIndex();
            if (last > index) {
                return "cannot be read: the queue's index goes on to 0x" + Long.toHexString(last)
                    + " but its documents end at 0x" + Long.toHexString(index);
            }
            if (queue instanceof SingleChronicleQueue q && q.lastCycle() != Integer.MIN_VALUE) {
                SingleChronicleQueueStore store = q.storeForCycle(q.lastCycle(), q.epoch(), false, null);
                if (store != null) {
                    try {
                        long written = store.writePosition();
                        long length = store.file().length();
                        // Chronicle grows a file ahead of its writer and only shrinks it on a clean close,
                        // which leaves a trailer: a file ending where the records end was cut
                        if (written >= endOffset && length < written || length <= endOffset + 4) {
                            return "is missing: the queue file " + store.file().getName() + " ends at byte " + length
                                + ", where its records end, without a trailer (the file was truncated)";
                        }
                    } finally {
                        q.closeStore(store);
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            // the index past the last record read cannot be read: a memory fault means the file is shorter
            // than its own index says (truncated)
            return "cannot be read: Chronicle fails reading the queue's index past the last good record ("
                + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + firstLine(e.getMessage()) : "")
                + "; the file was truncated or overwritten)";
        }
        return null;
    }

    /** Where the document after the last one read starts: Chronicle aligns document headers to 4 bytes. */
    private long nextDocument() {
        return (endOffset + 3) & ~3L;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
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
        return damaged(what, null);
    }

    private StepLogException damaged(String what, Throwable cause) {
        return new StepLogException(dir + " is damaged: record " + recordNumber + " (byte offset " + byteOffset
            + " of its queue file) " + what, cause);
    }
}
