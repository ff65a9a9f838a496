package dev.dexd.controller.channels;

import dev.dexd.controller.log.EventRecord;
import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.HeaderRecord;
import dev.dexd.controller.log.StepField;
import dev.dexd.controller.log.StepFlags;
import dev.dexd.controller.log.StepLayout;
import dev.dexd.controller.log.StepRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's Foxglove channels, one definition for the MCAP export and the live view (so a file and
 * the live run show the same topics): topic, JSON Schema, and the JSON message each one makes from a
 * step (or an event) of the log, fields read by name. {@code /fingertips} exists only when the log
 * has a {@code fingertips} field. Times: the run's wall-clock start plus control time since the
 * run's first step. Messages are built in one reused buffer (ASCII), so an export of a long log
 * makes little garbage; one instance per thread. Non-finite numbers (which JSON lacks) are null.
 */
public final class RunChannels {
    public static final int JOINTS = 1;
    public static final int TARGETS = 2;
    public static final int CUBE_POSE = 3;
    public static final int FACE_ANGLES = 4;
    public static final int POLICY = 5;
    public static final int FINGERTIPS = 6;
    public static final int EVENTS = 7;

    /** One channel: its id (also its schema's id), topic, schema name and JSON Schema. */
    public record Channel(int id, String topic, String schemaName, String schema) {
    }

    private static final String FACES = "URFDLB";
    private static final String[] TIPS = {"FF", "MF", "RF", "LF", "TH"};
    private static final String NUMBER = "{\"type\":[\"number\",\"null\"]}";
    private static final String ARRAY = "{\"type\":\"array\",\"items\":" + NUMBER + "}";
    private static final String XYZ = "{\"type\":\"object\",\"properties\":{\"x\":" + NUMBER + ",\"y\":" + NUMBER
        + ",\"z\":" + NUMBER + "}}";
    private static final String QUATERNION = "{\"type\":\"object\",\"properties\":{\"x\":" + NUMBER + ",\"y\":"
        + NUMBER + ",\"z\":" + NUMBER + ",\"w\":" + NUMBER + "}}";
    private static final String TIME = "{\"type\":\"object\",\"properties\":{\"sec\":{\"type\":\"integer\"},"
        + "\"nsec\":{\"type\":\"integer\"}}}";
    private static final String POSE = "{\"type\":\"object\",\"properties\":{\"position\":" + XYZ
        + ",\"orientation\":" + QUATERNION + "}}";

    private final HeaderRecord header;
    private final List<Channel> channels;
    private final int[] stepChannels;
    private final StringBuilder json = new StringBuilder(4096);
    private byte[] bytes = new byte[4096];
    private int length;
    private final long epochNanos;
    private long firstSimNanos = Long.MIN_VALUE;
    private final StepField step;
    private final StepField simTime;
    private final StepField flags;
    private final StepField episode;
    private final StepField goalIndex;
    private final StepField joints;
    private final StepField policyTargets;
    private final StepField commanded;
    private final StepField measured;
    private final StepField cubePos;
    private final StepField cubeQuat;
    private final StepField faces;
    private final StepField bins;
    private final StepField lateness;
    private final StepField inference;
    private final StepField fingertips;

    public RunChannels(HeaderRecord header) {
        this.header = header;
        epochNanos = header.startEpochMillis() * 1_000_000L;
        StepLayout l = header.layout();
        step = l.field("step");
        simTime = l.field("sim_time_ns");
        flags = l.field("flags");
        episode = l.field("episode");
        goalIndex = l.field("goal_index");
        joints = l.field("joint_positions");
        policyTargets = l.field("policy_targets");
        commanded = l.field("commanded_targets");
        measured = l.field("actuator_positions");
        cubePos = l.field("cube_pos");
        cubeQuat = l.field("cube_quat");
        faces = l.field("face_angles");
        bins = l.field("bins");
        lateness = l.field("lateness_ns");
        inference = l.field("inference_ns");
        fingertips = l.findField("fingertips");
        channels = define();
        stepChannels = channels.stream().mapToInt(Channel::id).filter(id -> id != EVENTS).toArray();
    }

    private List<Channel> define() {
        List<Channel> c = new ArrayList<>();
        c.add(new Channel(JOINTS, "/joints", "dexd.Joints", object("Measured joint positions (rad), hand order: "
            + String.join(" ", header.jointNames()), "\"position\":" + ARRAY)));
        c.add(new Channel(TARGETS, "/targets", "dexd.Targets", object("Actuator targets and positions (rad), policy"
            + " order: " + String.join(" ", header.actuatorNames()) + "; policy = decoded from the policy, commanded ="
            + " sent to the hand after safety, measured = the actuators' measured positions",
            "\"policy\":" + ARRAY + ",\"commanded\":" + ARRAY + ",\"measured\":" + ARRAY)));
        c.add(new Channel(CUBE_POSE, "/cube_pose", "foxglove.PoseInFrame", "{\"title\":\"foxglove.PoseInFrame\","
            + "\"description\":\"The cube as sensed and fed, world frame\",\"type\":\"object\",\"properties\":{"
            + "\"timestamp\":" + TIME + ",\"frame_id\":{\"type\":\"string\"},\"pose\":" + POSE + "}}"));
        StringBuilder faceProps = new StringBuilder();
        for (char f : FACES.toCharArray()) {
            faceProps.append(",\"").append(f).append("\":").append(NUMBER);
        }
        c.add(new Channel(FACE_ANGLES, "/face_angles", "dexd.FaceAngles",
            object("Cube face angles (rad) as sensed and fed", faceProps.substring(1))));
        c.add(new Channel(POLICY, "/policy", "dexd.Policy", object("The policy's arg-max bin per actuator (policy"
            + " order), the step's flags (held: the hand held its position), episode, goal index and timings",
            "\"bins\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"}},\"flags\":{\"type\":\"string\"},"
                + "\"held\":{\"type\":\"boolean\"},\"episode\":{\"type\":\"integer\"},"
                + "\"goal_index\":{\"type\":\"integer\"},\"lateness_ms\":{\"type\":\"number\"},"
                + "\"inference_ms\":{\"type\":\"number\"}")));
        if (fingertips != null) {
            c.add(new Channel(FINGERTIPS, "/fingertips", "foxglove.PosesInFrame", "{\"title\":\"foxglove.PosesInFrame\","
                + "\"description\":\"Fingertip positions as sensed and fed, hand frame (m), poses in the order "
                + String.join(" ", TIPS) + " (orientation: identity)\",\"type\":\"object\",\"properties\":{"
                + "\"timestamp\":" + TIME + ",\"frame_id\":{\"type\":\"string\"},\"poses\":{\"type\":\"array\","
                + "\"items\":" + POSE + "}}}"));
        }
        c.add(new Channel(EVENTS, "/events", "dexd.Event", object("A run event: type and text",
            "\"type\":{\"type\":\"string\"},\"text\":{\"type\":\"string\"}")));
        return List.copyOf(c);
    }

    private static String object(String description, String properties) {
        return "{\"type\":\"object\",\"description\":" + quote(description) + ",\"properties\":{"
            + "\"step\":{\"type\":\"integer\"},\"sim_time_ns\":{\"type\":\"integer\"}," + properties + "}}";
    }

    /** Every channel, by id. */
    public List<Channel> channels() {
        return channels;
    }

    /** The ids of the channels a step feeds (all but the events), by id. */
    public int[] stepChannels() {
        return stepChannels.clone();
    }

    /** Whether channel {@code id} exists for this run. */
    public boolean has(int id) {
        return channels.stream().anyMatch(c -> c.id() == id);
    }

    /** A step's time in ns since the epoch (the first step seen fixes the run's control-time origin). */
    public long stepTime(StepRecord r) {
        long sim = simTime.getLong(r);
        if (firstSimNanos == Long.MIN_VALUE) {
            firstSimNanos = sim;
        }
        return epochNanos + (sim - firstSimNanos);
    }

    /** An event's time in ns since the epoch (the run's start for events before the first step). */
    public long eventTime(EventRecord e) {
        return epochNanos + (firstSimNanos == Long.MIN_VALUE ? 0 : e.simTimeNanos() - firstSimNanos);
    }

    /** The JSON of step channel {@code id} for {@code r} at {@code time} into {@link #bytes()}; returns its length. */
    public int step(int id, StepRecord r, long time) {
        json.setLength(0);
        switch (id) {
            case JOINTS -> {
                begin(r);
                array("position", joints, r);
            }
            case TARGETS -> {
                begin(r);
                array("policy", policyTargets, r);
                json.append(',');
                array("commanded", commanded, r);
                json.append(',');
                array("measured", measured, r);
            }
            case CUBE_POSE -> {
                stamp(time, "world");
                json.append(",\"pose\":");
                pose(cubePos.getDouble(r, 0), cubePos.getDouble(r, 1), cubePos.getDouble(r, 2), cubeQuat.getDouble(r, 1),
                    cubeQuat.getDouble(r, 2), cubeQuat.getDouble(r, 3), cubeQuat.getDouble(r, 0));
            }
            case FACE_ANGLES -> {
                begin(r);
                for (int i = 0; i < FACES.length(); i++) {
                    json.append(i == 0 ? "\"" : ",\"").append(FACES.charAt(i)).append("\":");
                    number(faces.getDouble(r, i));
                }
            }
            case POLICY -> {
                begin(r);
                json.append("\"bins\":[");
                for (int i = 0; i < bins.count(); i++) {
                    json.append(i == 0 ? "" : ",").append(bins.getLong(r, i));
                }
                int f = (int) flags.getLong(r);
                json.append("],\"flags\":\"").append(StepFlags.describe(f)).append("\",\"held\":")
                    .append((f & StepFlags.HOLD_MASK) != 0).append(",\"episode\":").append(episode.getLong(r))
                    .append(",\"goal_index\":").append(goalIndex.getLong(r)).append(",\"lateness_ms\":")
                    .append(lateness.getLong(r) / 1e6).append(",\"inference_ms\":").append(inference.getLong(r) / 1e6);
            }
            case FINGERTIPS -> {
                if (fingertips == null) {
                    throw new IllegalArgumentException("this run's log has no fingertips field");
                }
                stamp(time, "hand");
                json.append(",\"poses\":[");
                for (int t = 0; t < TIPS.length; t++) {
                    json.append(t == 0 ? "" : ",");
                    pose(fingertips.getDouble(r, 3 * t), fingertips.getDouble(r, 3 * t + 1),
                        fingertips.getDouble(r, 3 * t + 2), 0, 0, 0, 1);
                }
                json.append(']');
            }
            default -> throw new IllegalArgumentException("not a step channel: " + id);
        }
        json.append('}');
        return encode();
    }

    /** The JSON of an event into {@link #bytes()}; returns its length. */
    public int event(EventRecord e) {
        EventType type = e.type();
        json.setLength(0);
        json.append("{\"step\":").append(e.step()).append(",\"sim_time_ns\":").append(e.simTimeNanos())
            .append(",\"type\":\"").append(type != null ? type.name() : "UNKNOWN_" + e.typeCode())
            .append("\",\"text\":");
        quote(json, e.text());
        json.append('}');
        return encode();
    }

    /** The last message built: its first {@code length} bytes (as returned) are valid. */
    public byte[] bytes() {
        return bytes;
    }

    private void begin(StepRecord r) {
        json.append("{\"step\":").append(step.getLong(r)).append(",\"sim_time_ns\":").append(simTime.getLong(r))
            .append(',');
    }

    private void stamp(long time, String frame) {
        json.append("{\"timestamp\":{\"sec\":").append(Math.floorDiv(time, 1_000_000_000L)).append(",\"nsec\":")
            .append(Math.floorMod(time, 1_000_000_000L)).append("},\"frame_id\":\"").append(frame).append('"');
    }

    private void pose(double x, double y, double z, double qx, double qy, double qz, double qw) {
        json.append("{\"position\":{\"x\":");
        number(x);
        json.append(",\"y\":");
        number(y);
        json.append(",\"z\":");
        number(z);
        json.append("},\"orientation\":{\"x\":");
        number(qx);
        json.append(",\"y\":");
        number(qy);
        json.append(",\"z\":");
        number(qz);
        json.append(",\"w\":");
        number(qw);
        json.append("}}");
    }

    private void array(String name, StepField f, StepRecord r) {
        json.append('"').append(name).append("\":[");
        for (int i = 0; i < f.count(); i++) {
            if (i > 0) {
                json.append(',');
            }
            number(f.getDouble(r, i));
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

    /** The JSON (ASCII: {@link #quote} escapes the rest) into {@link #bytes}. */
    private int encode() {
        length = json.length();
        if (bytes.length < length) {
            bytes = new byte[Integer.highestOneBit(length) << 1];
        }
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) json.charAt(i);
        }
        return length;
    }

    /** {@code s} as a JSON string, ASCII only (others as \\u escapes). */
    public static String quote(CharSequence s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        quote(b, s);
        return b.toString();
    }

    private static void quote(StringBuilder b, CharSequence s) {
        b.append('"');
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
        b.append('"');
    }
}
