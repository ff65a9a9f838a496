package dev.dexd.controller.log;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.wire.ReadMarshallable;
import net.openhft.chronicle.wire.ValueIn;
import net.openhft.chronicle.wire.WireIn;
import net.openhft.chronicle.wire.WireOut;
import net.openhft.chronicle.wire.WriteMarshallable;

/**
 * How records sit in the Chronicle Queue: one document per record, named by its kind, with a few
 * fields repeated by name for people reading the queue with Chronicle's own tools, and the record's
 * exact bytes under {@code raw} (what dexd reads back):
 * <pre>
 * header: { magic: dexd-step-log, schemaVersion: 2, observationSize: .., ..., configYaml: "...",
 *           fields: [ { name: cube_pos, type: float64, count: 3, offset: .., unit: m, meaning: "..." }, ... ] }
 * step:   { step: 42, simTimeNanos: .., episode: 0, flags: 0, crc32c: .., raw: &lt;step record bytes&gt; }
 * event:  { step: 42, simTimeNanos: .., type: SUBGOAL_SUCCESS, text: "...", crc32c: .., raw: &lt;event record bytes&gt; }
 * </pre>
 * {@code crc32c} is the CRC32C of {@code raw}, computed by the logger thread as it appends; the
 * header document carries one too, after the header, over the header field's encoded bytes. The
 * last event of a cleanly closed log is the SHUTDOWN trailer, whose text is
 * {@code lost_records=N write_errors=M steps=S events=E digest=<sha256 hex>}: the records appended
 * before it and the run's digest (see {@link RunSummary#digest}).
 */
final class LogFormat {
    static final String MAGIC = "dexd-step-log";
    static final String HEADER = "header";
    static final String STEP = "step";
    static final String EVENT = "event";
    static final String RAW = "raw";
    static final String CRC = "crc32c";
    static final String FIELDS = "fields";

    /** Ring message type ids. */
    static final int MSG_STEP = 1;
    static final int MSG_EVENT = 2;

    /**
     * Hourly files: at 1 kHz with 2 KB records a file stays near 7 GB, long runs can be archived or
     * trimmed an hour at a time, and an hour holds up to 2^32 records.
     */
    static final RollCycle ROLL_CYCLE = RollCycles.FAST_HOURLY;

    private LogFormat() {
    }

    static void writeHeader(WireOut w, HeaderRecord h) {
        StepLayout l = h.layout();
        w.write("magic").text(MAGIC);
        w.write("schemaVersion").int32(h.schemaVersion());
        w.write("observationSize").int32(l.observationSize());
        w.write("actuators").int32(l.actuators());
        w.write("bins").int32(l.bins());
        w.write("joints").int32(l.joints());
        w.write("stepRecordLength").int32(l.length());
        w.write("deterministicLength").int32(l.deterministicLength());
        w.write("periodNanos").int64(h.periodNanos());
        w.write("clockMode").text(h.clockMode());
        w.write("seed").int64(h.seed());
        w.write("hostName").text(h.hostName());
        w.write("startEpochMillis").int64(h.startEpochMillis());
        w.write("dexdVersion").text(h.dexdVersion());
        w.write("modelSha256").text(h.modelSha256());
        w.write("actuatorNames").sequence(h.actuatorNames());
        w.write("jointNames").sequence(h.jointNames());
        w.write("actuatorRanges").text(ranges(h.actuatorLow(), h.actuatorHigh()));
        w.write("smoothing").float64(h.smoothing());
        w.write("manifestYaml").text(h.manifestYaml());
        w.write("configYaml").text(h.configYaml());
        w.write(FIELDS).sequence(l.fields(), (fields, out) -> {
            for (StepField f : fields) {
                out.marshallable((WriteMarshallable) m -> {
                    m.write("name").text(f.name());
                    m.write("type").text(f.type().label());
                    m.write("count").int32(f.count());
                    m.write("offset").int32(f.offset());
                    m.write("unit").text(f.unit());
                    m.write("meaning").text(f.meaning());
                });
            }
        });
    }

    /** CRC32C of the bytes {@code [from, to)} of a document (for the header; allocates: once per log). */
    static int crc32c(RandomDataInput bytes, long from, long to) {
        CRC32C crc = new CRC32C();
        byte[] chunk = new byte[4096];
        for (long p = from; p < to; ) {
            int n = (int) Math.min(chunk.length, to - p);
            for (int i = 0; i < n; i++) {
                chunk[i] = bytes.readByte(p + i);
            }
            crc.update(chunk, 0, n);
            p += n;
        }
        return (int) crc.getValue();
    }

    /** The magic string, or null when the document has none (not a dexd header). */
    static String readMagic(WireIn w) {
        return w.read("magic").text();
    }

    static int readSchemaVersion(WireIn w) {
        return w.read("schemaVersion").int32();
    }

    /** Reads the fields after {@code magic} and {@code schemaVersion}. */
    static HeaderRecord readHeaderBody(WireIn w, int schemaVersion) {
        int n = w.read("observationSize").int32();
        int a = w.read("actuators").int32();
        int b = w.read("bins").int32();
        int j = w.read("joints").int32();
        int recordLength = w.read("stepRecordLength").int32();
        w.read("deterministicLength").int32();
        long period = w.read("periodNanos").int64();
        String clock = w.read("clockMode").text();
        long seed = w.read("seed").int64();
        String host = w.read("hostName").text();
        long start = w.read("startEpochMillis").int64();
        String version = w.read("dexdVersion").text();
        String sha = w.read("modelSha256").text();
        List<String> actuators = readStrings(w.read("actuatorNames"));
        List<String> joints = readStrings(w.read("jointNames"));
        double[][] ranges = ranges(w.read("actuatorRanges").text());
        double smoothing = w.read("smoothing").float64();
        String manifest = w.read("manifestYaml").text();
        String config = w.read("configYaml").text();
        List<StepField> table = readFields(w.read(FIELDS));
        // the optional sensor fields are in the records when the field table names them
        StepLayout layout = StepLayout.of(n, a, b, j, hasField(table, "fingertips"), hasField(table, "cube_state"));
        if (recordLength != layout.length()) {
            throw new IllegalStateException("header says step records are " + recordLength + " bytes, its layout gives "
                + layout.length());
        }
        checkFields(layout, table);
        return new HeaderRecord(schemaVersion, layout, period, clock, seed, host, start, version, sha, manifest, config,
            actuators, joints, ranges[0], ranges[1], smoothing);
    }

    private static boolean hasField(List<StepField> table, String name) {
        return table.stream().anyMatch(f -> f.name().equals(name));
    }

    /** "lo:hi,lo:hi,..." with exact (round-trip) decimal doubles. */
    private static String ranges(double[] low, double[] high) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < low.length; i++) {
            sb.append(i == 0 ? "" : ",").append(low[i]).append(':').append(high[i]);
        }
        return sb.toString();
    }

    private static double[][] ranges(String text) {
        if (text == null || text.isEmpty()) {
            return new double[][] {new double[0], new double[0]};
        }
        String[] pairs = text.split(",");
        double[][] out = new double[2][pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            int colon = pairs[i].indexOf(':');
            out[0][i] = Double.parseDouble(pairs[i].substring(0, colon));
            out[1][i] = Double.parseDouble(pairs[i].substring(colon + 1));
        }
        return out;
    }

    /** The header's field table as written. */
    private static List<StepField> readFields(ValueIn in) {
        List<StepField> out = new ArrayList<>();
        in.sequence(out, (list, v) -> {
            while (v.hasNextSequenceItem()) {
                v.marshallable((ReadMarshallable) m -> {
                    String name = m.read("name").text();
                    String type = m.read("type").text();
                    int count = m.read("count").int32();
                    int offset = m.read("offset").int32();
                    String unit = m.read("unit").text();
                    String meaning = m.read("meaning").text();
                    StepField.Type t = StepField.Type.ofLabel(type);
                    if (t == null) {
                        throw new StepLogException("the header's field table gives field '" + name + "' the unknown type '"
                            + type + "'");
                    }
                    list.add(new StepField(name, t, count, offset, unit == null ? "" : unit, meaning == null ? "" : meaning));
                });
            }
        });
        return out;
    }

    /**
     * The table must describe the layout this code reads for the header's N, A, B, J: the same
     * fields at the same offsets. A difference means a writer this version does not know.
     */
    private static void checkFields(StepLayout layout, List<StepField> table) {
        List<StepField> expected = layout.fields();
        for (int i = 0; i < Math.max(expected.size(), table.size()); i++) {
            StepField want = i < expected.size() ? expected.get(i) : null;
            StepField got = i < table.size() ? table.get(i) : null;
            if (want == null || got == null || !want.name().equals(got.name()) || want.type() != got.type()
                || want.count() != got.count() || want.offset() != got.offset()) {
                throw new StepLogException("the header's field table differs from this dexd's step layout at row " + i
                    + " (log: " + describe(got) + ", expected: " + describe(want) + "): the log was written by another dexd");
            }
        }
    }

    private static String describe(StepField f) {
        return f == null ? "none" : f.name() + " " + f.type().label() + "[" + f.count() + "] @" + f.offset();
    }

    private static List<String> readStrings(ValueIn in) {
        List<String> out = new ArrayList<>();
        in.sequence(out, (list, v) -> {
            while (v.hasNextSequenceItem()) {
                list.add(v.text());
            }
        });
        return out;
    }
}
