package dev.dexd.controller.liveview;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dexd.controller.log.EventRecord;
import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.HeaderRecord;
import dev.dexd.controller.log.StepField;
import dev.dexd.controller.log.StepFlags;
import dev.dexd.controller.log.StepLayout;
import dev.dexd.controller.log.StepRecord;
import java.util.List;

/**
 * The live view's channels: topic, JSON schema, and the JSON message each one makes from a step (or
 * an event) of the log. Step fields are read by name. The cube pose uses Foxglove's
 * {@code foxglove.PoseInFrame} shape so its 3D panel can show it; the others are dexd's own schemas.
 * Used on the live view's thread only (allocates: JSON trees).
 */
final class LiveChannels {
    static final int JOINTS = 1;
    static final int TARGETS = 2;
    static final int CUBE_POSE = 3;
    static final int FACE_ANGLES = 4;
    static final int POLICY = 5;
    static final int EVENTS = 6;

    /** One advertised channel. */
    record Channel(int id, String topic, String schemaName, String schema) {
    }

    static final List<Channel> ALL = List.of(
        new Channel(JOINTS, "/dexd/joints", "dexd.Joints", schema("Measured joint positions, hand order",
            "\"names\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
                + "\"positions\":{\"type\":\"array\",\"items\":{\"type\":\"number\"},\"description\":\"rad\"}")),
        new Channel(TARGETS, "/dexd/targets", "dexd.Targets", schema("Actuator targets before and after safety, and the measured positions, policy order",
            "\"names\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
                + "\"policy\":{\"type\":\"array\",\"items\":{\"type\":\"number\"},\"description\":\"rad, decoded from the policy\"},"
                + "\"commanded\":{\"type\":\"array\",\"items\":{\"type\":\"number\"},\"description\":\"rad, sent to the hand\"},"
                + "\"measured\":{\"type\":\"array\",\"items\":{\"type\":\"number\"},\"description\":\"rad\"}")),
        new Channel(CUBE_POSE, "/dexd/cube_pose", "foxglove.PoseInFrame", "{\"title\":\"foxglove.PoseInFrame\",\"type\":\"object\","
            + "\"properties\":{\"timestamp\":{\"type\":\"object\",\"properties\":{\"sec\":{\"type\":\"integer\"},"
            + "\"nsec\":{\"type\":\"integer\"}}},\"frame_id\":{\"type\":\"string\"},\"pose\":{\"type\":\"object\","
            + "\"properties\":{\"position\":{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"number\"},"
            + "\"y\":{\"type\":\"number\"},\"z\":{\"type\":\"number\"}}},\"orientation\":{\"type\":\"object\","
            + "\"properties\":{\"x\":{\"type\":\"number\"},\"y\":{\"type\":\"number\"},\"z\":{\"type\":\"number\"},"
            + "\"w\":{\"type\":\"number\"}}}}}}}"),
        new Channel(FACE_ANGLES, "/dexd/face_angles", "dexd.FaceAngles", schema("Cube face angles as sensed and fed",
            "\"names\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
                + "\"angles\":{\"type\":\"array\",\"items\":{\"type\":\"number\"},\"description\":\"rad\"}")),
        new Channel(POLICY, "/dexd/policy", "dexd.Policy", schema("The policy's arg-max bins, the step's flags and timings",
            "\"bins\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"}},"
                + "\"flags\":{\"type\":\"string\"},\"held\":{\"type\":\"boolean\"},"
                + "\"episode\":{\"type\":\"integer\"},\"goal_index\":{\"type\":\"integer\"},"
                + "\"lateness_ms\":{\"type\":\"number\"},\"inference_ms\":{\"type\":\"number\"}")),
        new Channel(EVENTS, "/dexd/events", "dexd.Event", "{\"title\":\"dexd.Event\",\"type\":\"object\",\"properties\":{"
            + "\"step\":{\"type\":\"integer\"},\"type\":{\"type\":\"string\"},\"text\":{\"type\":\"string\"}}}"));

    private static String schema(String title, String properties) {
        return "{\"title\":\"" + title + "\",\"type\":\"object\",\"properties\":{\"step\":{\"type\":\"integer\"},"
            + properties + "}}";
    }

    private static final List<String> FACES = List.of("U", "R", "F", "D", "L", "B");

    private final ObjectMapper json = new ObjectMapper();
    private final HeaderRecord header;
    private final StepField step;
    private final StepField flags;
    private final StepField episode;
    private final StepField goalIndex;
    private final StepField joints;
    private final StepField policyTargets;
    private final StepField commanded;
    private final StepField measured;
    private final StepField cubePos;
    private final StepField cubeQuat;
    private final StepField faceAngles;
    private final StepField bins;
    private final StepField lateness;
    private final StepField inference;

    LiveChannels(HeaderRecord header) {
        this.header = header;
        StepLayout l = header.layout();
        step = l.field("step");
        flags = l.field("flags");
        episode = l.field("episode");
        goalIndex = l.field("goal_index");
        joints = l.field("joint_positions");
        policyTargets = l.field("policy_targets");
        commanded = l.field("commanded_targets");
        measured = l.field("actuator_positions");
        cubePos = l.field("cube_pos");
        cubeQuat = l.field("cube_quat");
        faceAngles = l.field("face_angles");
        bins = l.field("bins");
        lateness = l.field("lateness_ns");
        inference = l.field("inference_ns");
    }

    /** The message of step channel {@code id} for record {@code r} at {@code timeNanos} (epoch). */
    byte[] stepMessage(int id, StepRecord r, long timeNanos) {
        ObjectNode o = json.createObjectNode();
        if (id != CUBE_POSE) {
            o.put("step", step.getLong(r));
        }
        switch (id) {
            case JOINTS -> {
                names(o, header.jointNames());
                numbers(o.putArray("positions"), joints, r);
            }
            case TARGETS -> {
                names(o, header.actuatorNames());
                numbers(o.putArray("policy"), policyTargets, r);
                numbers(o.putArray("commanded"), commanded, r);
                numbers(o.putArray("measured"), measured, r);
            }
            case CUBE_POSE -> {
                ObjectNode ts = o.putObject("timestamp");
                ts.put("sec", timeNanos / 1_000_000_000L);
                ts.put("nsec", timeNanos % 1_000_000_000L);
                o.put("frame_id", "hand");
                ObjectNode pose = o.putObject("pose");
                ObjectNode p = pose.putObject("position");
                p.put("x", cubePos.getDouble(r, 0));
                p.put("y", cubePos.getDouble(r, 1));
                p.put("z", cubePos.getDouble(r, 2));
                ObjectNode q = pose.putObject("orientation");
                q.put("x", cubeQuat.getDouble(r, 1));
                q.put("y", cubeQuat.getDouble(r, 2));
                q.put("z", cubeQuat.getDouble(r, 3));
                q.put("w", cubeQuat.getDouble(r, 0));
            }
            case FACE_ANGLES -> {
                names(o, FACES);
                numbers(o.putArray("angles"), faceAngles, r);
            }
            case POLICY -> {
                ArrayNode b = o.putArray("bins");
                for (int i = 0; i < bins.count(); i++) {
                    b.add(bins.getLong(r, i));
                }
                int f = (int) flags.getLong(r);
                o.put("flags", StepFlags.describe(f));
                o.put("held", (f & StepFlags.HOLD_MASK) != 0);
                o.put("episode", episode.getLong(r));
                o.put("goal_index", goalIndex.getLong(r));
                o.put("lateness_ms", lateness.getLong(r) / 1e6);
                o.put("inference_ms", inference.getLong(r) / 1e6);
            }
            default -> throw new IllegalArgumentException("not a step channel: " + id);
        }
        return bytes(o);
    }

    byte[] eventMessage(EventRecord e) {
        ObjectNode o = json.createObjectNode();
        o.put("step", e.step());
        EventType t = e.type();
        o.put("type", t != null ? t.name() : "code_" + e.typeCode());
        o.put("text", e.text());
        return bytes(o);
    }

    private static void names(ObjectNode o, List<String> names) {
        ArrayNode a = o.putArray("names");
        names.forEach(a::add);
    }

    private static void numbers(ArrayNode a, StepField f, StepRecord r) {
        for (int i = 0; i < f.count(); i++) {
            a.add(f.getDouble(r, i));
        }
    }

    private byte[] bytes(ObjectNode o) {
        try {
            return json.writeValueAsBytes(o);
        } catch (Exception e) {
            throw new IllegalStateException("cannot encode a live view message", e);
        }
    }

    /** The {@code advertise} message for every channel. */
    String advertise() {
        ObjectNode o = json.createObjectNode();
        o.put("op", "advertise");
        ArrayNode a = o.putArray("channels");
        for (Channel c : ALL) {
            ObjectNode n = a.addObject();
            n.put("id", c.id());
            n.put("topic", c.topic());
            n.put("encoding", "json");
            n.put("schemaName", c.schemaName());
            n.put("schema", c.schema());
            n.put("schemaEncoding", "jsonschema");
        }
        return o.toString();
    }

    /** The {@code serverInfo} message. */
    String serverInfo(String sessionId) {
        ObjectNode o = json.createObjectNode();
        o.put("op", "serverInfo");
        o.put("name", "dexd");
        o.putArray("capabilities");
        o.putArray("supportedEncodings").add("json");
        ObjectNode m = o.putObject("metadata");
        m.put("clock", header.clockMode());
        m.put("period_ms", Double.toString(header.periodNanos() / 1e6));
        m.put("seed", Long.toString(header.seed()));
        o.put("sessionId", sessionId);
        return o.toString();
    }
}
