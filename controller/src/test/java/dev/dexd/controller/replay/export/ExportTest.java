package dev.dexd.controller.replay.export;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dexd.controller.daemon.Daemon;
import dev.dexd.controller.daemon.SimRig;
import dev.dexd.controller.log.HeaderRecord;
import dev.dexd.controller.log.StepField;
import dev.dexd.controller.log.StepLayout;
import dev.dexd.controller.log.StepLogReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every export format, written from a real lockstep run of the simulated hand and read back by a
 * reader that is not our writer (CSV by plain parsing, Parquet and LeRobot by npm's hyparquet, MCAP
 * by npm's @mcap/core), compared with the log record by record.
 */
class ExportTest {
    @TempDir
    static Path tmp;

    static Path log;
    static HeaderRecord header;
    static StepLayout layout;
    static final List<UnsafeBuffer> steps = new ArrayList<>();
    static long events;
    /** First index of each run of equal dexd episode numbers, then the step count. */
    static final List<Integer> episodeStarts = new ArrayList<>();

    @BeforeAll
    static void runTheHand() throws Exception {
        SimRig rig = new SimRig(tmp);
        Path config = rig.config("export", null, null, null,
            "sequence: \"R U\"\nrepeat_episodes: true\nsubgoal_timeout_steps: 40", null);
        Daemon d = SimRig.runLockstep(config, 4, 7L);
        log = d.logDirectory();
        try (StepLogReader r = StepLogReader.open(log)) {
            header = r.header();
            layout = r.layout();
            StepField episode = layout.field("episode");
            for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                if (e == StepLogReader.Entry.STEP) {
                    UnsafeBuffer copy = new UnsafeBuffer(Arrays.copyOf(r.recordBuffer().byteArray(), r.recordLength()));
                    if (steps.isEmpty() || episode.getLong(copy, 0, 0) != episode.getLong(steps.get(steps.size() - 1), 0, 0)) {
                        episodeStarts.add(steps.size());
                    }
                    steps.add(copy);
                } else {
                    events++;
                }
            }
        }
        episodeStarts.add(steps.size());
        assertTrue(steps.size() >= 150, "steps: " + steps.size());
        assertTrue(episodeStarts.size() >= 3, "the run should hold at least two episodes: " + episodeStarts);
    }

    static double value(int row, String field, int i) {
        return layout.field(field).getDouble(steps.get(row), 0, i);
    }

    static int[] sampleRows() {
        int n = steps.size();
        return new int[] {0, 1, episodeStarts.get(1), n / 2, n - 1};
    }

    static String rowsArg() {
        return Arrays.stream(sampleRows()).mapToObj(Integer::toString).reduce((a, b) -> a + "," + b).orElseThrow();
    }

    static long export(ExportFormat f, Path out) throws Exception {
        long[] lastProgress = {0};
        long n = f.export(log, out, c -> lastProgress[0] = c);
        assertEquals(steps.size(), n);
        assertEquals(steps.size() + events, lastProgress[0], "progress reaches every record");
        return n;
    }

    @Test
    void csvHasOneRowPerStepWithTheLogsValues() throws Exception {
        Path out = tmp.resolve("run.csv");
        export(ExportFormat.CSV, out);
        List<String> lines = Files.readAllLines(out);
        assertEquals(steps.size() + 1, lines.size());
        List<ExportColumns.Column> columns = ExportColumns.of(layout).columns();
        assertEquals(columns.stream().map(ExportColumns.Column::name).toList(), List.of(lines.get(0).split(",")));
        assertTrue(lines.get(0).contains(",joint_positions_0,") && lines.get(0).contains(",joint_positions_23,"));
        for (int row : sampleRows()) {
            String[] cells = lines.get(row + 1).split(",", -1);
            assertEquals(columns.size(), cells.length);
            for (int c = 0; c < cells.length; c++) {
                ExportColumns.Column col = columns.get(c);
                StepField f = col.field();
                long bits = f.getBits(steps.get(row), 0, col.element());
                switch (f.type()) {
                    case FLOAT32 -> assertEquals((int) bits, Float.floatToRawIntBits(Float.parseFloat(cells[c])), col.name());
                    case FLOAT64 -> assertEquals(bits, Double.doubleToRawLongBits(Double.parseDouble(cells[c])), col.name());
                    default -> assertEquals(bits, Long.parseLong(cells[c]), col.name());
                }
            }
        }
    }

    @Test
    void parquetIsTypedAndReadsBackExactly() throws Exception {
        Path out = tmp.resolve("run.parquet");
        export(ExportFormat.PARQUET, out);
        JsonNode p = NodeReaders.read("parquet", out, rowsArg());
        assertEquals(steps.size(), p.get("rows").asLong());
        assertEquals(steps.size(), p.get("read").asLong());
        List<ExportColumns.Column> columns = ExportColumns.of(layout).columns();
        assertEquals(columns.size(), p.get("columns").size());
        for (int c = 0; c < columns.size(); c++) {
            JsonNode col = p.get("columns").get(c);
            ExportColumns.Column expected = columns.get(c);
            assertEquals(expected.name(), col.get("name").asText());
            String physical = switch (expected.field().type()) {
                case INT8, INT32 -> "INT32";
                case INT64 -> "INT64";
                case FLOAT32 -> "FLOAT";
                case FLOAT64 -> "DOUBLE";
            };
            assertEquals(physical, col.get("type").asText(), expected.name());
            if (expected.field().type() == StepField.Type.INT8) {
                assertEquals("INT_8", col.get("converted").asText(), expected.name());
            }
        }
        for (int row : sampleRows()) {
            JsonNode r = p.get("picked").get(Integer.toString(row));
            assertNotNull(r, "row " + row);
            for (ExportColumns.Column col : columns) {
                StepField f = col.field();
                JsonNode v = r.get(col.name());
                switch (f.type()) {
                    case FLOAT32, FLOAT64 -> assertEquals(f.getDouble(steps.get(row), 0, col.element()), v.asDouble(),
                        0.0, col.name() + " row " + row);
                    default -> assertEquals(f.getLong(steps.get(row), 0, col.element()), Long.parseLong(v.asText()),
                        col.name() + " row " + row);
                }
            }
        }
    }

    @Test
    void lerobotDatasetHasTheV3LayoutAndTheLogsFrames() throws Exception {
        Path out = tmp.resolve("lerobot");
        export(ExportFormat.LEROBOT, out);
        JsonNode d = NodeReaders.read("lerobot", out, rowsArg());
        int frames = steps.size();
        int episodes = episodeStarts.size() - 1;

        JsonNode info = d.get("info");
        List<String> keys = new ArrayList<>();
        info.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("codebase_version", "robot_type", "total_episodes", "total_frames", "total_tasks",
            "chunks_size", "data_files_size_in_mb", "video_files_size_in_mb", "fps", "splits", "data_path",
            "video_path", "features"), keys);
        assertEquals("v3.0", info.get("codebase_version").asText());
        assertEquals("shadow_hand", info.get("robot_type").asText());
        assertEquals(50, info.get("fps").asInt(), "20 ms period");
        assertTrue(info.get("fps").isIntegralNumber());
        assertEquals(frames, info.get("total_frames").asLong());
        assertEquals(episodes, info.get("total_episodes").asInt());
        assertEquals(d.get("tasks").get("rows").asInt(), info.get("total_tasks").asInt());
        assertEquals(1000, info.get("chunks_size").asInt());
        assertEquals("data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet", info.get("data_path").asText());
        assertTrue(info.get("video_path").isNull());
        assertEquals("0:" + episodes, info.get("splits").get("train").asText());

        JsonNode features = info.get("features");
        List<String> featureKeys = new ArrayList<>();
        features.fieldNames().forEachRemaining(featureKeys::add);
        // the simulated run has a fingertip source, so its log has the fingertips field
        assertTrue(layout.hasFingertips());
        assertEquals(List.of("observation.state", "observation.cube_pose", "observation.face_angles",
            "observation.fingertips", "action", "timestamp", "frame_index", "episode_index", "index", "task_index"),
            featureKeys);
        assertFeature(features.get("observation.fingertips"), "float32", 15, List.of("ff_x", "ff_y", "ff_z", "mf_x",
            "mf_y", "mf_z", "rf_x", "rf_y", "rf_z", "lf_x", "lf_y", "lf_z", "th_x", "th_y", "th_z"));
        assertFeature(features.get("observation.state"), "float32", 24, header.jointNames());
        assertFeature(features.get("observation.cube_pose"), "float32", 7, List.of("x", "y", "z", "qw", "qx", "qy", "qz"));
        assertFeature(features.get("observation.face_angles"), "float32", 6, List.of("U", "R", "F", "D", "L", "B"));
        assertFeature(features.get("action"), "float32", layout.actuators(), header.actuatorNames());
        assertFeature(features.get("timestamp"), "float32", 1, null);
        for (String k : List.of("frame_index", "episode_index", "index", "task_index")) {
            assertFeature(features.get(k), "int64", 1, null);
        }

        JsonNode data = d.get("data");
        assertEquals(frames, data.get("rows").asLong());
        List<String> dataColumns = new ArrayList<>();
        data.get("columns").forEach(c -> dataColumns.add(c.get("name").asText()));
        assertEquals(featureKeys, dataColumns);

        // episode boundaries: one LeRobot episode per run of one dexd episode number
        JsonNode eps = d.get("episodes").get("all");
        assertEquals(episodes, eps.size());
        List<String> taskTexts = new ArrayList<>();
        d.get("tasks").get("all").forEach(t -> taskTexts.add(t.get("task").asText()));
        for (int e = 0; e < episodes; e++) {
            JsonNode ep = eps.get(e);
            int from = episodeStarts.get(e);
            int to = episodeStarts.get(e + 1);
            assertEquals(e, ep.get("episode_index").asInt());
            assertEquals(to - from, ep.get("length").asInt());
            assertEquals(from, ep.get("dataset_from_index").asInt());
            assertEquals(to, ep.get("dataset_to_index").asInt());
            assertEquals(0, ep.get("data/chunk_index").asInt());
            assertEquals(0, ep.get("data/file_index").asInt());
            assertEquals(1, ep.get("tasks").size());
            assertTrue(taskTexts.contains(ep.get("tasks").get(0).asText()), ep.get("tasks").toString());
            assertEquals(to - from, ep.get("stats/observation.state/count").get(0).asInt());
            assertEquals(24, ep.get("stats/observation.state/mean").size());
            double min0 = Double.POSITIVE_INFINITY;
            for (int row = from; row < to; row++) {
                min0 = Math.min(min0, (float) value(row, "joint_positions", 0));
            }
            assertEquals(min0, ep.get("stats/observation.state/min").get(0).asDouble(), 0.0);
        }
        assertTrue(taskTexts.get(0).contains("ROTATION") || taskTexts.get(0).contains("FLIP")
            || taskTexts.get(0).equals(LeRobotExporter.NO_SUBGOAL), taskTexts.toString());

        JsonNode stats = d.get("stats");
        assertEquals(frames, stats.get("observation.state").get("count").get(0).asLong());
        JsonNode tipStats = stats.get("observation.fingertips");
        assertEquals(frames, tipStats.get("count").get(0).asLong());
        for (String k : List.of("min", "max", "mean", "std")) {
            assertEquals(15, tipStats.get(k).size(), "fingertips " + k);
        }
        double tipMax = Double.NEGATIVE_INFINITY;
        for (int row = 0; row < frames; row++) {
            tipMax = Math.max(tipMax, (float) value(row, "fingertips", 14));
        }
        assertEquals(tipMax, tipStats.get("max").get(14).asDouble(), 0.0, "th_z max over the run");
        assertEquals(15, eps.get(0).get("stats/observation.fingertips/mean").size());
        assertEquals(layout.actuators(), stats.get("action").get("mean").size());
        assertEquals(frames - 1, stats.get("index").get("max").get(0).asLong());

        for (int row : sampleRows()) {
            JsonNode r = data.get("picked").get(Integer.toString(row));
            int episode = episodeOf(row);
            assertFloats(r.get("observation.state"), row, "joint_positions");
            assertFloats(r.get("action"), row, "commanded_targets");
            assertFloats(r.get("observation.face_angles"), row, "face_angles");
            assertFloats(r.get("observation.fingertips"), row, "fingertips");
            JsonNode pose = r.get("observation.cube_pose");
            for (int i = 0; i < 3; i++) {
                assertEquals((float) value(row, "cube_pos", i), pose.get(i).asDouble(), 0.0);
            }
            for (int i = 0; i < 4; i++) {
                assertEquals((float) value(row, "cube_quat", i), pose.get(3 + i).asDouble(), 0.0);
            }
            int frame = row - episodeStarts.get(episode);
            assertEquals(row, Long.parseLong(r.get("index").asText()));
            assertEquals(episode, Long.parseLong(r.get("episode_index").asText()));
            assertEquals(frame, Long.parseLong(r.get("frame_index").asText()));
            assertEquals((float) (frame * 0.02), r.get("timestamp").asDouble(), 0.0);
            String task = eps.get(episode).get("tasks").get(0).asText();
            assertEquals(taskTexts.indexOf(task), Integer.parseInt(r.get("task_index").asText()));
        }
    }

    private static int episodeOf(int row) {
        int e = 0;
        while (episodeStarts.get(e + 1) <= row) {
            e++;
        }
        return e;
    }

    private static void assertFloats(JsonNode array, int row, String field) {
        int n = layout.field(field).count();
        assertEquals(n, array.size(), field);
        for (int i = 0; i < n; i++) {
            assertEquals((float) value(row, field, i), array.get(i).asDouble(), 0.0, field + "[" + i + "] row " + row);
        }
    }

    private static void assertFeature(JsonNode f, String dtype, int size, List<String> names) {
        assertEquals(dtype, f.get("dtype").asText());
        assertEquals(1, f.get("shape").size());
        assertEquals(size, f.get("shape").get(0).asInt());
        if (names == null) {
            assertTrue(f.get("names").isNull());
        } else {
            List<String> got = new ArrayList<>();
            f.get("names").forEach(n -> got.add(n.asText()));
            assertEquals(names, got);
        }
    }

    /**
     * A log without the fingertips field (a run whose sensors.fingertips.source is none; here the
     * test fixtures' layout, which has none) exports without observation.fingertips and without
     * the /fingertips channel.
     */
    @Test
    void aLogWithoutFingertipsExportsWithoutThem() throws Exception {
        Path plain = tmp.resolve("no-fingertips-log");
        dev.dexd.controller.log.LogFixtures.writeRun(plain, 120);
        assertFalse(dev.dexd.controller.log.LogFixtures.LAYOUT.hasFingertips());
        Path lerobot = tmp.resolve("no-fingertips-lerobot");
        assertEquals(120, ExportFormat.LEROBOT.export(plain, lerobot, c -> { }));
        JsonNode d = NodeReaders.read("lerobot", lerobot, "0,119");
        List<String> featureKeys = new ArrayList<>();
        d.get("info").get("features").fieldNames().forEachRemaining(featureKeys::add);
        assertEquals(List.of("observation.state", "observation.cube_pose", "observation.face_angles", "action",
            "timestamp", "frame_index", "episode_index", "index", "task_index"), featureKeys);
        assertFalse(d.get("stats").has("observation.fingertips"));
        List<String> dataColumns = new ArrayList<>();
        d.get("data").get("columns").forEach(c -> dataColumns.add(c.get("name").asText()));
        assertEquals(featureKeys, dataColumns);
        assertEquals(120, d.get("data").get("rows").asLong());

        Path mcap = tmp.resolve("no-fingertips.mcap");
        assertEquals(120, ExportFormat.MCAP.export(plain, mcap, c -> { }));
        JsonNode m = NodeReaders.read("mcap", mcap, "");
        List<String> topics = new ArrayList<>();
        m.get("channels").forEach(c -> topics.add(c.get("topic").asText()));
        assertEquals(List.of("/joints", "/targets", "/cube_pose", "/face_angles", "/policy", "/events"), topics);
        JsonNode stats = m.get("indexed").get("statistics");
        // events: the subgoal's start and success, and the log's SHUTDOWN trailer
        assertEquals(5 * 120 + 3, Long.parseLong(stats.get("messageCount").asText()), "5 step channels, 3 events");
        assertFalse(stats.get("channelMessageCounts").has("6"));
        assertEquals(3, stats.get("channelMessageCounts").get(EVENTS_CHANNEL).asLong());
    }

    /** The step channels' ids (RunChannels: joints, targets, cube pose, face angles, policy, fingertips). */
    static final int STEP_CHANNELS = 6;
    static final String EVENTS_CHANNEL = "7";

    static long sim0() {
        return (long) value(0, "sim_time_ns", 0);
    }

    /** A step's MCAP log time: the run's start plus control time since the first step. */
    static long logTime(int row) {
        return header.startEpochMillis() * 1_000_000L + (long) value(row, "sim_time_ns", 0) - sim0();
    }

    @Test
    void mcapIsValidWithEveryChannelAndMessage() throws Exception {
        assertTrue(layout.hasFingertips(), "the simulated run has a fingertip source (sensors.fingertips: sim)");
        Path out = tmp.resolve("run.mcap");
        export(ExportFormat.MCAP, out);
        JsonNode m = NodeReaders.read("mcap", out, "");
        assertTrue(m.get("done").asBoolean(), "the stream reader reached the closing magic");
        assertEquals("dexd", m.get("header").get("library").asText());
        assertEquals(7, m.get("schemas").size());
        m.get("schemas").forEach(s -> assertEquals("jsonschema", s.get("encoding").asText()));
        assertEquals("foxglove.PoseInFrame", m.get("schemas").get(2).get("name").asText());
        assertEquals("foxglove.PosesInFrame", m.get("schemas").get(5).get("name").asText());
        List<String> topics = new ArrayList<>();
        m.get("channels").forEach(c -> {
            topics.add(c.get("topic").asText());
            assertEquals("json", c.get("messageEncoding").asText());
        });
        assertEquals(List.of("/joints", "/targets", "/cube_pose", "/face_angles", "/policy", "/fingertips", "/events"),
            topics);
        for (int ch = 1; ch <= STEP_CHANNELS; ch++) {
            assertEquals(steps.size(), m.get("counts").get(Integer.toString(ch)).asLong(), "channel " + ch);
        }
        assertEquals(events, m.get("counts").get(EVENTS_CHANNEL).asLong(), "events");
        assertEquals(STEP_CHANNELS * (long) steps.size() + events,
            Long.parseLong(m.get("statistics").get("messageCount").asText()));
        assertNotEquals(0, m.get("dataEnd").get("dataSectionCrc").asLong(), "the data section carries its CRC");
        assertMcapIndexed(m, McapWriter.CHUNK_BYTES, STEP_CHANNELS);

        JsonNode joints = m.get("first").get("1").get("data");
        assertEquals((long) value(0, "step", 0), joints.get("step").asLong());
        for (int i = 0; i < layout.joints(); i++) {
            assertEquals(value(0, "joint_positions", i), joints.get("position").get(i).asDouble(), 0.0);
        }
        assertEquals(logTime(0), Long.parseLong(m.get("first").get("1").get("logTime").asText()));
        int last = steps.size() - 1;
        assertEquals(logTime(last), Long.parseLong(m.get("last").get("1").get("logTime").asText()));
        JsonNode pose = m.get("last").get("3").get("data");
        assertEquals("world", pose.get("frame_id").asText());
        assertEquals(value(last, "cube_pos", 2), pose.get("pose").get("position").get("z").asDouble(), 0.0);
        assertEquals(value(last, "cube_quat", 0), pose.get("pose").get("orientation").get("w").asDouble(), 0.0);
        assertEquals(value(last, "face_angles", 1), m.get("last").get("4").get("data").get("R").asDouble(), 0.0);
        JsonNode policy = m.get("last").get("5").get("data");
        for (int i = 0; i < layout.actuators(); i++) {
            assertEquals((long) value(last, "bins", i), policy.get("bins").get(i).asLong());
        }
        assertEquals((long) value(last, "episode", 0), policy.get("episode").asLong());
        JsonNode targets = m.get("last").get("2").get("data");
        assertEquals(value(last, "commanded_targets", 3), targets.get("commanded").get(3).asDouble(), 0.0);
        assertEquals(value(last, "policy_targets", 3), targets.get("policy").get(3).asDouble(), 0.0);
        assertEquals(value(last, "actuator_positions", 3), targets.get("measured").get(3).asDouble(), 0.0);
        JsonNode tips = m.get("last").get("6").get("data");
        assertEquals("hand", tips.get("frame_id").asText());
        assertEquals(5, tips.get("poses").size());
        for (int t = 0; t < 5; t++) {
            JsonNode p = tips.get("poses").get(t).get("position");
            assertEquals(value(last, "fingertips", 3 * t), p.get("x").asDouble(), 0.0);
            assertEquals(value(last, "fingertips", 3 * t + 1), p.get("y").asDouble(), 0.0);
            assertEquals(value(last, "fingertips", 3 * t + 2), p.get("z").asDouble(), 0.0);
        }
        assertFalse(m.get("last").get(EVENTS_CHANNEL).get("data").get("type").asText().isEmpty());
    }

    @Test
    void mcapWithSmallChunksIsIndexedChunkByChunk() throws Exception {
        Path out = tmp.resolve("small-chunks.mcap");
        int chunkBytes = 16 * 1024;
        assertEquals(steps.size(), McapExporter.export(log, out, c -> { }, chunkBytes));
        JsonNode m = NodeReaders.read("mcap", out, "");
        assertTrue(m.get("done").asBoolean());
        assertTrue(m.get("indexed").get("chunkIndexes").size() >= 10, "many chunks: " + m.get("types"));
        for (int ch = 1; ch <= STEP_CHANNELS; ch++) {
            assertEquals(steps.size(), m.get("counts").get(Integer.toString(ch)).asLong(), "streamed, channel " + ch);
        }
        assertMcapIndexed(m, chunkBytes, STEP_CHANNELS);
    }

    /**
     * The indexed layout as npm's McapIndexedReader reads it (it refuses a file without a summary):
     * chunks with their message indexes, the summary's Statistics and ChunkIndex records, the
     * summary offsets, and the data section's CRC as recomputed by the reader script.
     */
    private static void assertMcapIndexed(JsonNode m, int chunkBytes, int stepChannels) {
        JsonNode x = m.get("indexed");
        int chunks = x.get("chunkIndexes").size();
        long expectedMessages = stepChannels * (long) steps.size() + events;
        assertTrue(chunks >= 1, "at least one chunk");
        assertEquals(chunks, m.get("types").get("Chunk").asInt(), "every chunk is indexed once");
        assertEquals(chunks, m.get("types").get("ChunkIndex").asInt());
        assertEquals(List.of(0x03, 0x04, 0x08, 0x0B), listOfInts(x.get("summaryOffsets")),
            "summary offsets: Schema, Channel, ChunkIndex, Statistics groups");
        assertEquals(m.get("types").get("SummaryOffset").asInt(), x.get("summaryOffsets").size());
        int messageIndexes = 0;
        long previousOffset = 0;
        for (JsonNode c : x.get("chunkIndexes")) {
            assertEquals("", c.get("compression").asText());
            assertEquals(c.get("uncompressedSize").asLong(), c.get("compressedSize").asLong());
            assertTrue(c.get("uncompressedSize").asLong() < chunkBytes + 4096, "a chunk ends past its limit: " + c);
            long start = Long.parseLong(c.get("messageStartTime").asText());
            long end = Long.parseLong(c.get("messageEndTime").asText());
            long offset = c.get("chunkStartOffset").asLong();
            assertTrue(start <= end && offset > previousOffset, "chunks follow each other: " + c);
            previousOffset = offset;
            messageIndexes += c.get("messageIndexChannels").size();
        }
        assertEquals(messageIndexes, m.get("types").get("MessageIndex").asInt(),
            "one MessageIndex per channel with messages in each chunk");
        JsonNode stats = x.get("statistics");
        assertEquals(expectedMessages, Long.parseLong(stats.get("messageCount").asText()));
        assertEquals(stepChannels + 1, stats.get("schemaCount").asInt());
        assertEquals(stepChannels + 1, stats.get("channelCount").asInt());
        assertEquals(chunks, stats.get("chunkCount").asInt());
        long t0 = logTime(0);
        long t1 = logTime(steps.size() - 1);
        assertEquals(t0, Long.parseLong(stats.get("messageStartTime").asText()), "first step's log time");
        assertTrue(Long.parseLong(stats.get("messageEndTime").asText()) >= t1, "last step's log time or a later event");
        for (int ch = 1; ch <= 7; ch++) {
            if (ch > stepChannels && ch < 7) {
                assertFalse(stats.get("channelMessageCounts").has(Integer.toString(ch)), "no channel " + ch);
                continue;
            }
            long expected = ch == 7 ? events : steps.size();
            String id = Integer.toString(ch);
            assertEquals(expected, Long.parseLong(stats.get("channelMessageCounts").get(id).asText()), "statistics, channel " + ch);
            assertEquals(expected, x.get("counts").get(id).asLong(), "indexed read, channel " + ch);
            assertEquals(expected - 1, x.get("last").get(id).get("sequence").asLong(), "sequence numbers, channel " + ch);
        }
        assertEquals(t0, Long.parseLong(x.get("first").get("1").get("logTime").asText()));
        assertEquals(t1, Long.parseLong(x.get("last").get("1").get("logTime").asText()));
        assertEquals((long) value(steps.size() - 1, "step", 0), x.get("last").get("1").get("data").get("step").asLong());
        assertTrue(x.get("ordered").asBoolean(), "the indexed reader yields messages in log-time order");
        assertTrue(x.get("window").get("count").asLong() > 0, "a time window read through the indexes");
        assertEquals(x.get("dataSectionCrcComputed").asLong(), x.get("dataSectionCrc").asLong(),
            "DataEnd's CRC is the CRC-32 of the data section");
        assertNotEquals(0, x.get("footer").get("summaryCrc").asLong(), "the summary carries its CRC (checked by the reader)");
    }

    private static List<Integer> listOfInts(JsonNode a) {
        List<Integer> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asInt()));
        return out;
    }
}
