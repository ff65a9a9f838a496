package dev.dexd.controller.replay.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A small MCAP writer (the foxglove/mcap specification, major version 0) in the indexed layout,
 * streamed: magic, Header, the Schema and Channel records, then Chunks (uncompressed, a chunk closed
 * once its Message records pass {@code chunkBytes}, {@link #CHUNK_BYTES} by default) each followed by one MessageIndex per channel that
 * has messages in it, DataEnd with the data section's CRC-32; a summary section (Schema, Channel,
 * Statistics and ChunkIndex groups), one SummaryOffset per group, the Footer (summary start, summary
 * offset start, the summary's CRC-32) and the magic. Readers can seek by time and topic
 * ({@code McapIndexedReader}) or stream the file. Only the chunk being filled is held in memory, plus
 * a few dozen bytes per chunk for the chunk index. Records are {@code u8 opcode, u64 length,
 * content}; everything little-endian.
 */
final class McapWriter implements AutoCloseable {
    static final byte[] MAGIC = {(byte) 0x89, 'M', 'C', 'A', 'P', '0', '\r', '\n'};
    /** A chunk is closed once its records reach this size (the size the MCAP libraries use by default). */
    static final int CHUNK_BYTES = 1 << 20;
    private static final int HEADER = 0x01;
    private static final int FOOTER = 0x02;
    private static final int SCHEMA = 0x03;
    private static final int CHANNEL = 0x04;
    private static final int MESSAGE = 0x05;
    private static final int CHUNK = 0x06;
    private static final int MESSAGE_INDEX = 0x07;
    private static final int CHUNK_INDEX = 0x08;
    private static final int STATISTICS = 0x0B;
    private static final int SUMMARY_OFFSET = 0x0E;
    private static final int DATA_END = 0x0F;
    private static final int MAX_CHANNELS = 64;

    /** What the summary keeps of a chunk written. */
    private record ChunkIndex(long startTime, long endTime, long offset, long length, int[] channels,
                              long[] indexOffsets, long indexLength, long size) {
    }

    /** One channel's message index within the current chunk: log time and offset per message. */
    private static final class Index {
        long[] entries = new long[256]; // time, offset, time, offset, ...
        int size;

        void add(long time, long offset) {
            if (size + 2 > entries.length) {
                entries = Arrays.copyOf(entries, entries.length * 2);
            }
            entries[size++] = time;
            entries[size++] = offset;
        }
    }

    private final OutputStream out;
    private final CRC32 dataCrc = new CRC32();
    private final CRC32 chunkCrc = new CRC32();
    private ByteBuffer record = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private ByteBuffer chunk;
    private final List<byte[]> schemaRecords = new ArrayList<>();
    private final List<byte[]> channelRecords = new ArrayList<>();
    private final List<ChunkIndex> chunks = new ArrayList<>();
    private final long[] messagesPerChannel = new long[MAX_CHANNELS];
    private final boolean[] channelKnown = new boolean[MAX_CHANNELS];
    private final Index[] indexes = new Index[MAX_CHANNELS];
    private long position;
    private long messages;
    private long firstTime = Long.MAX_VALUE;
    private long lastTime = Long.MIN_VALUE;
    private long chunkMessages;
    private long chunkFirstTime;
    private long chunkLastTime;

    private final int chunkBytes;

    McapWriter(Path path, String library, int chunkBytes) throws IOException {
        this.chunkBytes = chunkBytes;
        chunk = ByteBuffer.allocate(chunkBytes + (1 << 16)).order(ByteOrder.LITTLE_ENDIAN);
        out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        write(MAGIC, 0, MAGIC.length, dataCrc);
        begin(HEADER);
        string("");
        string(library);
        end(null);
    }

    /** A JSON Schema ({@code jsonschema} encoding) under id {@code id > 0}. */
    void schema(int id, String name, String jsonSchema) throws IOException {
        begin(SCHEMA);
        record.putShort((short) id);
        string(name);
        string("jsonschema");
        bytes(jsonSchema.getBytes(StandardCharsets.UTF_8));
        end(schemaRecords);
    }

    /** A channel of JSON messages on {@code topic} with schema {@code schemaId}; ids 0 to 63. */
    void channel(int id, int schemaId, String topic) throws IOException {
        if (id < 0 || id >= MAX_CHANNELS || channelKnown[id]) {
            throw new IllegalArgumentException("channel id " + id + " is out of range or taken");
        }
        begin(CHANNEL);
        record.putShort((short) id);
        record.putShort((short) schemaId);
        string(topic);
        string("json");
        record.putInt(0); // metadata: an empty map
        end(channelRecords);
        channelKnown[id] = true;
        indexes[id] = new Index();
    }

    /** One message; times in nanoseconds since the epoch. */
    void message(int channel, long logTime, byte[] data, int length) throws IOException {
        if (!channelKnown[channel]) {
            throw new IllegalArgumentException("message on channel " + channel + " before its Channel record");
        }
        if (chunk.remaining() < length + 31) {
            // only a message larger than the slack past chunkBytes gets here; the chunk closes after it
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(chunk.capacity() * 2, chunk.position() + length + 31))
                .order(ByteOrder.LITTLE_ENDIAN);
            chunk.flip();
            chunk = bigger.put(chunk);
        }
        indexes[channel].add(logTime, chunk.position());
        chunk.put((byte) MESSAGE).putLong(2 + 4 + 8 + 8 + length).putShort((short) channel)
            .putInt((int) messagesPerChannel[channel]).putLong(logTime).putLong(logTime).put(data, 0, length);
        messagesPerChannel[channel]++;
        messages++;
        firstTime = Math.min(firstTime, logTime);
        lastTime = Math.max(lastTime, logTime);
        chunkFirstTime = chunkMessages == 0 ? logTime : Math.min(chunkFirstTime, logTime);
        chunkLastTime = chunkMessages == 0 ? logTime : Math.max(chunkLastTime, logTime);
        chunkMessages++;
        if (chunk.position() >= chunkBytes) {
            flushChunk();
        }
    }

    /** Writes the chunk being filled, then its message indexes (one per channel with messages, by id). */
    private void flushChunk() throws IOException {
        if (chunkMessages == 0) {
            return;
        }
        int size = chunk.position();
        chunkCrc.reset();
        chunkCrc.update(chunk.array(), 0, size);
        long start = position;
        record.clear();
        record.put((byte) CHUNK).putLong(8 + 8 + 8 + 4 + 4 + 8 + (long) size).putLong(chunkFirstTime)
            .putLong(chunkLastTime).putLong(size).putInt((int) chunkCrc.getValue()).putInt(0) // compression ""
            .putLong(size);
        write(record.array(), 0, record.position(), dataCrc);
        write(chunk.array(), 0, size, dataCrc);
        long length = position - start;

        int n = 0;
        for (Index ix : indexes) {
            n += ix != null && ix.size > 0 ? 1 : 0;
        }
        int[] channels = new int[n];
        long[] offsets = new long[n];
        long indexStart = position;
        int k = 0;
        for (int c = 0; c < MAX_CHANNELS; c++) {
            Index ix = indexes[c];
            if (ix == null || ix.size == 0) {
                continue;
            }
            channels[k] = c;
            offsets[k++] = position;
            begin(MESSAGE_INDEX);
            ensure(8 * ix.size);
            record.putShort((short) c).putInt(8 * ix.size);
            for (int i = 0; i < ix.size; i++) {
                record.putLong(ix.entries[i]);
            }
            end(null);
            ix.size = 0;
        }
        chunks.add(new ChunkIndex(chunkFirstTime, chunkLastTime, start, length, channels, offsets,
            position - indexStart, size));
        chunk.clear();
        chunkMessages = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            flushChunk();
            int crc = (int) dataCrc.getValue();
            begin(DATA_END);
            record.putInt(crc);
            end(null);

            CRC32 summaryCrc = new CRC32();
            long summaryStart = position;
            long[][] groups = new long[4][];
            groups[0] = group(SCHEMA, schemaRecords, summaryCrc);
            groups[1] = group(CHANNEL, channelRecords, summaryCrc);
            long statisticsStart = position;
            statistics(summaryCrc);
            groups[2] = new long[] {STATISTICS, statisticsStart, position - statisticsStart};
            long chunkIndexStart = position;
            for (ChunkIndex c : chunks) {
                begin(CHUNK_INDEX);
                ensure(10 * c.channels().length);
                record.putLong(c.startTime()).putLong(c.endTime()).putLong(c.offset()).putLong(c.length());
                record.putInt(10 * c.channels().length);
                for (int i = 0; i < c.channels().length; i++) {
                    record.putShort((short) c.channels()[i]).putLong(c.indexOffsets()[i]);
                }
                record.putLong(c.indexLength()).putInt(0) // compression ""
                    .putLong(c.size()).putLong(c.size());
                emit(summaryCrc);
            }
            groups[3] = new long[] {CHUNK_INDEX, chunkIndexStart, position - chunkIndexStart};

            long summaryOffsetStart = position;
            for (long[] g : groups) {
                if (g[2] > 0) {
                    begin(SUMMARY_OFFSET);
                    record.put((byte) g[0]).putLong(g[1]).putLong(g[2]);
                    emit(summaryCrc);
                }
            }
            record.clear();
            record.put((byte) FOOTER).putLong(20).putLong(summaryStart).putLong(summaryOffsetStart);
            summaryCrc.update(record.array(), 0, record.position());
            record.putInt((int) summaryCrc.getValue());
            write(record.array(), 0, record.position(), null);
            write(MAGIC, 0, MAGIC.length, null);
        } finally {
            out.close();
        }
    }

    /** Writes kept records as one summary group; returns {opcode, start, length}. */
    private long[] group(int opcode, List<byte[]> records, CRC32 crc) throws IOException {
        long start = position;
        for (byte[] r : records) {
            write(r, 0, r.length, crc);
        }
        return new long[] {opcode, start, position - start};
    }

    private void statistics(CRC32 crc) throws IOException {
        int channels = 0;
        for (boolean known : channelKnown) {
            channels += known ? 1 : 0;
        }
        begin(STATISTICS);
        ensure(10 * channels);
        record.putLong(messages).putShort((short) schemaRecords.size()).putInt(channels).putInt(0).putInt(0)
            .putInt(chunks.size()).putLong(messages == 0 ? 0 : firstTime).putLong(messages == 0 ? 0 : lastTime);
        record.putInt(10 * channels);
        for (int c = 0; c < MAX_CHANNELS; c++) {
            if (channelKnown[c]) {
                record.putShort((short) c).putLong(messagesPerChannel[c]);
            }
        }
        emit(crc);
    }

    private void begin(int opcode) {
        record.clear();
        record.put((byte) opcode).putLong(0);
    }

    /** Writes the record into the data section; a schema or channel is kept for the summary too. */
    private void end(List<byte[]> keep) throws IOException {
        emit(dataCrc);
        if (keep != null) {
            keep.add(Arrays.copyOf(record.array(), record.position()));
        }
    }

    /** Writes the record, its length filled in, adding it to {@code crc}. */
    private void emit(CRC32 crc) throws IOException {
        record.putLong(1, record.position() - 9);
        write(record.array(), 0, record.position(), crc);
    }

    private void write(byte[] b, int off, int len, CRC32 crc) throws IOException {
        out.write(b, off, len);
        if (crc != null) {
            crc.update(b, off, len);
        }
        position += len;
    }

    private void string(String s) {
        bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private void bytes(byte[] b) {
        ensure(b.length + 4);
        record.putInt(b.length).put(b);
    }

    private void ensure(int more) {
        if (record.remaining() < more + 64) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(record.capacity() * 2, record.position() + more + 64))
                .order(ByteOrder.LITTLE_ENDIAN);
            record.flip();
            bigger.put(record);
            record = bigger;
        }
    }
}
