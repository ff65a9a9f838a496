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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * A small MCAP writer (the foxglove/mcap specification, version 0): magic, Header, Schema and
 * Channel records, Message records, DataEnd with the data section's CRC-32, then a summary section
 * (the schemas and channels again and a Statistics record, with its CRC-32), the Footer and the
 * magic. No chunks and no message indexes: readers stream the file (Foxglove opens it whole).
 * Records are {@code u8 opcode, u64 length, content}; everything little-endian.
 */
final class McapWriter implements AutoCloseable {
    static final byte[] MAGIC = {(byte) 0x89, 'M', 'C', 'A', 'P', '0', '\r', '\n'};
    private static final int HEADER = 0x01;
    private static final int FOOTER = 0x02;
    private static final int SCHEMA = 0x03;
    private static final int CHANNEL = 0x04;
    private static final int MESSAGE = 0x05;
    private static final int STATISTICS = 0x0B;
    private static final int DATA_END = 0x0F;

    private final OutputStream out;
    private final CRC32 crc = new CRC32();
    private ByteBuffer record = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private final List<byte[]> summaryRecords = new ArrayList<>();
    private final Map<Integer, long[]> messagesPerChannel = new TreeMap<>();
    private long position;
    private long messages;
    private long firstTime = Long.MAX_VALUE;
    private long lastTime;
    private int schemas;

    McapWriter(Path path, String library) throws IOException {
        out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        write(MAGIC, 0, MAGIC.length);
        begin(HEADER);
        string("");
        string(library);
        end(false);
    }

    /** A JSON Schema ({@code jsonschema} encoding) under id {@code id > 0}. */
    void schema(int id, String name, String jsonSchema) throws IOException {
        begin(SCHEMA);
        record.putShort((short) id);
        string(name);
        string("jsonschema");
        bytes(jsonSchema.getBytes(StandardCharsets.UTF_8));
        end(true);
        schemas++;
    }

    /** A channel of JSON messages on {@code topic} with schema {@code schemaId}. */
    void channel(int id, int schemaId, String topic) throws IOException {
        begin(CHANNEL);
        record.putShort((short) id);
        record.putShort((short) schemaId);
        string(topic);
        string("json");
        record.putInt(0); // metadata: an empty map
        end(true);
        messagesPerChannel.put(id, new long[1]);
    }

    /** One message; times in nanoseconds. */
    void message(int channel, long logTime, byte[] data, int length) throws IOException {
        long[] count = messagesPerChannel.get(channel);
        begin(MESSAGE);
        ensure(length);
        record.putShort((short) channel);
        record.putInt((int) count[0]);
        record.putLong(logTime);
        record.putLong(logTime);
        record.put(data, 0, length);
        end(false);
        count[0]++;
        messages++;
        firstTime = Math.min(firstTime, logTime);
        lastTime = Math.max(lastTime, logTime);
    }

    @Override
    public void close() throws IOException {
        try {
            int dataCrc = (int) crc.getValue();
            begin(DATA_END);
            record.putInt(dataCrc);
            end(false);
            long summaryStart = position;
            crc.reset();
            for (byte[] r : summaryRecords) {
                write(r, 0, r.length);
            }
            begin(STATISTICS);
            ensure(16 * messagesPerChannel.size());
            record.putLong(messages).putShort((short) schemas).putInt(messagesPerChannel.size()).putInt(0).putInt(0)
                .putInt(0).putLong(messages == 0 ? 0 : firstTime).putLong(lastTime);
            record.putInt(10 * messagesPerChannel.size());
            for (Map.Entry<Integer, long[]> e : messagesPerChannel.entrySet()) {
                record.putShort((short) (int) e.getKey()).putLong(e.getValue()[0]);
            }
            end(false);
            record.clear();
            record.put((byte) FOOTER).putLong(20).putLong(summaryStart).putLong(0);
            crc.update(record.array(), 0, record.position());
            record.putInt((int) crc.getValue());
            write(record.array(), 0, record.position());
            out.write(MAGIC);
        } finally {
            out.close();
        }
    }

    private void begin(int opcode) {
        record.clear();
        record.put((byte) opcode).putLong(0);
    }

    /** Writes the record; a schema or channel is kept for the summary too. */
    private void end(boolean keepForSummary) throws IOException {
        record.putLong(1, record.position() - 9);
        write(record.array(), 0, record.position());
        if (keepForSummary) {
            summaryRecords.add(java.util.Arrays.copyOf(record.array(), record.position()));
        }
    }

    private void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        crc.update(b, off, len);
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
