package dev.dexd.controller.replay.export;

import dev.dexd.controller.log.EventRecord;
import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.HeaderRecord;
import dev.dexd.controller.log.StepField;
import dev.dexd.controller.log.StepLayout;
import dev.dexd.controller.log.StepRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * {@code --format mcap}: an MCAP file for Foxglove with one JSON channel (and JSON Schema) per view
 * of the run: {@code /joints} measured joint positions, {@code /targets} the policy's and the
 * commanded targets, {@code /cube_pose} as a {@code foxglove.PoseInFrame}, {@code /face_angles},
 * {@code /policy/bins} the arg-max bin per actuator, and {@code /events}. A message's log time is the
 * run's wall-clock start plus the step's control time, so Foxglove shows the run's real date.
 * Non-finite numbers (which JSON lacks) are written as null.
 */
final class McapExporter {
    static final String[] TOPICS = {"/joints", "/targets", "/cube_pose", "/face_angles", "/policy/bins", "/events"};
    private static final int JOINTS = 1;
    private static final int TARGETS = 2;
    private static final int CUBE_POSE = 3;
    private static final int FACE_ANGLES = 4;
    private static final int BINS = 5;
    private static final int EVENTS = 6;
    private static final String FACES = "URFDLB";

    private final McapWriter mcap;
    private final StringBuilder json = new StringBuilder(4096);
    private byte[] bytes = new byte[4096];
    private long epochNanos;
    private StepField step;
    private StepField simTime;
    private StepField joints;
    private StepField policyTargets;
    private StepField commanded;
    private StepField cubePos;
    private StepField cubeQuat;
    private StepField faces;
    private StepField bins;

    private McapExporter(McapWriter mcap) {
        this.mcap = mcap;
    }

    static long export(Path log, Path out, LongConsumer progress) throws Exception {
        return export(log, out, progress, McapWriter.CHUNK_BYTES);
    }

    /** As above with chunks closed at {@code chunkBytes} (tests use small ones to get many). */
    static long export(Path log, Path out, LongConsumer progress, int chunkBytes) throws Exception {
        try (McapWriter w = new McapWriter(out, "dexd", chunkBytes)) {
            McapExporter x = new McapExporter(w);
            return LogScan.scan(log, new LogScan.Visitor() {
                @Override
                public void header(HeaderRecord h) throws Exception {
                    x.start(h);
                }

                @Override
                public void step(StepRecord s) throws Exception {
                    x.step(s);
                }

                @Override
                public void event(EventRecord e) throws Exception {
                    x.event(e);
                }
            }, progress);
        }
    }

    private void start(HeaderRecord h) throws Exception {
        epochNanos = h.startEpochMillis() * 1_000_000L;
        StepLayout l = h.layout();
        step = l.field("step");
        simTime = l.field("sim_time_ns");
        joints = l.field("joint_positions");
        policyTargets = l.field("policy_targets");
        commanded = l.field("commanded_targets");
        cubePos = l.field("cube_pos");
        cubeQuat = l.field("cube_quat");
        faces = l.field("face_angles");
        bins = l.field("bins");
        mcap.schema(JOINTS, "dexd.Joints", objectSchema("Measured joint positions (rad), hand order: "
            + String.join(" ", h.jointNames()), "\"position\":" + ARRAY));
        mcap.schema(TARGETS, "dexd.Targets", objectSchema("Actuator targets (rad), policy order: "
            + String.join(" ", h.actuatorNames()) + "; policy = decoded, commanded = sent after safety",
            "\"policy\":" + ARRAY + ",\"commanded\":" + ARRAY));
        mcap.schema(CUBE_POSE, "foxglove.PoseInFrame", POSE_IN_FRAME);
        StringBuilder faceProps = new StringBuilder();
        for (char f : FACES.toCharArray()) {
            faceProps.append(",\"").append(f).append("\":{\"type\":[\"number\",\"null\"]}");
        }
        mcap.schema(FACE_ANGLES, "dexd.FaceAngles", objectSchema("Cube face angles (rad) as sensed and fed",
            faceProps.substring(1)));
        mcap.schema(BINS, "dexd.PolicyBins", objectSchema("Arg-max action bin per actuator, policy order",
            "\"bins\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}"));
        mcap.schema(EVENTS, "dexd.Event", objectSchema("A run event: type and text",
            "\"type\":{\"type\":\"string\"},\"text\":{\"type\":\"string\"}"));
        for (int i = 0; i < TOPICS.length; i++) {
            mcap.channel(i + 1, i + 1, TOPICS[i]);
        }
    }

    private static final String ARRAY = "{\"type\":\"array\",\"items\":{\"type\":[\"number\",\"null\"]}}";

    private static String objectSchema(String description, String properties) {
        return "{\"type\":\"object\",\"description\":" + quote(description) + ",\"properties\":{"
            + "\"step\":{\"type\":\"integer\"},\"sim_time_ns\":{\"type\":\"integer\"}," + properties + "}}";
    }

    private static final String XYZ = "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"number\"},"
        + "\"y\":{\"type\":\"number\"},\"z\":{\"type\":\"number\"}}}";
    private static final String POSE_IN_FRAME = "{\"type\":\"object\",\"title\":\"foxglove.PoseInFrame\","
        + "\"properties\":{\"timestamp\":{\"type\":\"object\",\"properties\":{\"sec\":{\"type\":\"integer\"},"
        + "\"nsec\":{\"type\":\"integer\"}}},\"frame_id\":{\"type\":\"string\"},\"pose\":{\"type\":\"object\","
        + "\"properties\":{\"position\":" + XYZ + ",\"orientation\":{\"type\":\"object\",\"properties\":{"
        + "\"x\":{\"type\":\"number\"},\"y\":{\"type\":\"number\"},\"z\":{\"type\":\"number\"},"
        + "\"w\":{\"type\":\"number\"}}}}}}}";

    private void step(StepRecord s) throws Exception {
        long time = epochNanos + simTime.getLong(s);
        begin(s);
        array("position", joints, s);
        json.append('}');
        send(JOINTS, time);
        begin(s);
        array("policy", policyTargets, s);
        json.append(',');
        array("commanded", commanded, s);
        json.append('}');
        send(TARGETS, time);

        json.setLength(0);
        json.append("{\"timestamp\":{\"sec\":").append(Math.floorDiv(time, 1_000_000_000L)).append(",\"nsec\":")
            .append(Math.floorMod(time, 1_000_000_000L)).append("},\"frame_id\":\"world\",\"pose\":{\"position\":{");
        json.append("\"x\":");
        number(cubePos.getDouble(s, 0));
        json.append(",\"y\":");
        number(cubePos.getDouble(s, 1));
        json.append(",\"z\":");
        number(cubePos.getDouble(s, 2));
        json.append("},\"orientation\":{\"x\":");
        number(cubeQuat.getDouble(s, 1));
        json.append(",\"y\":");
        number(cubeQuat.getDouble(s, 2));
        json.append(",\"z\":");
        number(cubeQuat.getDouble(s, 3));
        json.append(",\"w\":");
        number(cubeQuat.getDouble(s, 0));
        json.append("}}}");
        send(CUBE_POSE, time);

        begin(s);
        for (int i = 0; i < FACES.length(); i++) {
            json.append(i == 0 ? "\"" : ",\"").append(FACES.charAt(i)).append("\":");
            number(faces.getDouble(s, i));
        }
        json.append('}');
        send(FACE_ANGLES, time);

        begin(s);
        json.append("\"bins\":[");
        for (int i = 0; i < bins.count(); i++) {
            json.append(i == 0 ? "" : ",").append(bins.getLong(s, i));
        }
        json.append("]}");
        send(BINS, time);
    }

    private void event(EventRecord e) throws Exception {
        EventType type = e.type();
        json.setLength(0);
        json.append("{\"step\":").append(e.step()).append(",\"sim_time_ns\":").append(e.simTimeNanos())
            .append(",\"type\":\"").append(type != null ? type.name() : "UNKNOWN_" + e.typeCode())
            .append("\",\"text\":").append(quote(e.text())).append('}');
        mcap.message(EVENTS, epochNanos + e.simTimeNanos(), utf8(), length);
    }

    private void begin(StepRecord s) {
        json.setLength(0);
        json.append("{\"step\":").append(step.getLong(s)).append(",\"sim_time_ns\":").append(simTime.getLong(s))
            .append(',');
    }

    private void array(String name, StepField f, StepRecord s) {
        json.append('"').append(name).append("\":[");
        for (int i = 0; i < f.count(); i++) {
            if (i > 0) {
                json.append(',');
            }
            number(f.getDouble(s, i));
        }
        json.append(']');
    }

    private void number(double v) {
        if (Double.isFinite(v)) {
            json.append(v);
        } else {
            json.append("null");
        }
    }

    private void send(int channel, long time) throws Exception {
        mcap.message(channel, time, utf8(), length);
    }

    private int length;

    /** The JSON so far as bytes in {@link #bytes} (ASCII, so one byte per char), length in {@link #length}. */
    private byte[] utf8() {
        length = json.length();
        if (bytes.length < length) {
            bytes = new byte[Integer.highestOneBit(length) << 1];
        }
        for (int i = 0; i < length; i++) {
            char c = json.charAt(i);
            bytes[i] = (byte) (c < 0x80 ? c : '?');
        }
        return bytes;
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static List<String> topics() {
        return List.of(TOPICS);
    }
}
