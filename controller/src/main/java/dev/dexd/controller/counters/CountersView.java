package dev.dexd.controller.counters;

import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

/**
 * A read-only view of a daemon's counters file, from any process: the header (pid, start time)
 * and every counter with its label, through Agrona's {@link CountersReader}. This is what
 * {@code dexd stat} uses; values are read live, so each read sees the daemon's latest store.
 */
public final class CountersView implements AutoCloseable {
    /** One counter as read: its id, type id, label and value. */
    public record Entry(int id, int typeId, String label, long value) {
    }

    private final Path file;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer header;
    private final CountersReader reader;
    private boolean closed;

    private CountersView(Path file, MappedByteBuffer mapped) {
        this.file = file;
        this.mapped = mapped;
        this.header = new UnsafeBuffer(mapped, 0, CountersFile.HEADER_LENGTH);
        long magic = header.getLong(CountersFile.MAGIC_OFFSET, ByteOrder.LITTLE_ENDIAN);
        int metaLength = header.getInt(CountersFile.METADATA_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
        int valuesLength = header.getInt(CountersFile.VALUES_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (magic != CountersFile.MAGIC || metaLength <= 0 || valuesLength <= 0
            || (long) CountersFile.HEADER_LENGTH + metaLength + valuesLength > mapped.capacity()) {
            IoUtil.unmap(mapped);
            throw new IllegalStateException(file + " is not a dexd counters file");
        }
        reader = new CountersReader(new UnsafeBuffer(mapped, CountersFile.HEADER_LENGTH, metaLength),
            new UnsafeBuffer(mapped, CountersFile.HEADER_LENGTH + metaLength, valuesLength));
    }

    /**
     * Maps {@code file} read-only; empty when there is no such file.
     *
     * @throws IllegalStateException if the file is not a dexd counters file
     */
    public static Optional<CountersView> open(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        MappedByteBuffer mapped;
        try {
            long size = Files.size(file);
            if (size < CountersFile.HEADER_LENGTH) {
                throw new IllegalStateException(file + " is not a dexd counters file (" + size + " bytes)");
            }
            mapped = IoUtil.mapExistingFile(file.toFile(), FileChannel.MapMode.READ_ONLY, "dexd counters");
        } catch (java.io.IOException | IllegalStateException e) {
            if (!Files.exists(file)) {
                return Optional.empty(); // removed while we looked: the daemon has just stopped
            }
            throw e instanceof IllegalStateException ise ? ise : new IllegalStateException(e.getMessage(), e);
        }
        return Optional.of(new CountersView(file, mapped));
    }

    public Path file() {
        return file;
    }

    /** False while the daemon is still setting the file up (layout version not yet published). */
    public boolean isReady() {
        return version() != 0;
    }

    public int version() {
        return header.getIntVolatile(CountersFile.VERSION_OFFSET);
    }

    public long pid() {
        return header.getLong(CountersFile.PID_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    public long startTimeMs() {
        return header.getLong(CountersFile.START_TIME_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** The Agrona reader over the file's buffers. */
    public CountersReader reader() {
        return reader;
    }

    /** The value of one of the daemon's own counters (found by type id), or 0 if absent. */
    public long value(DexdCounter counter) {
        for (Entry e : entries()) {
            if (e.typeId() == counter.typeId()) {
                return e.value();
            }
        }
        return 0;
    }

    /** The value of the counter with this label. */
    public OptionalLong valueOf(String label) {
        for (Entry e : entries()) {
            if (e.label().equals(label)) {
                return OptionalLong.of(e.value());
            }
        }
        return OptionalLong.empty();
    }

    /** Every allocated counter, in id order. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        reader.forEach((value, id, label) -> out.add(new Entry(id, reader.getCounterTypeId(id), label, value)));
        return out;
    }

    /** The daemon's state, or null if the counter holds an unknown value. */
    public DaemonState state() {
        return DaemonState.ofCode(value(DexdCounter.STATE));
    }

    /** Milliseconds since the daemon last stored its heartbeat. */
    public long heartbeatAgeMs(long nowEpochMs) {
        return nowEpochMs - value(DexdCounter.HEARTBEAT_MS);
    }

    /**
     * Whether the process that wrote the file is still alive: its pid is alive and, where the system
     * says when that process started, it started when the file says (a reused pid is another process).
     */
    public boolean ownerAlive() {
        long started = startTimeMs();
        return ProcessHandle.of(pid()).filter(ProcessHandle::isAlive)
            .map(p -> p.info().startInstant().map(i -> Math.abs(i.toEpochMilli() - started) < 2_000).orElse(true))
            .orElse(false);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            IoUtil.unmap(mapped);
        }
    }
}
