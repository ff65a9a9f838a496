package dev.dexd.controller.liveview;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dexd.controller.channels.RunChannels;
import dev.dexd.controller.log.EventRecord;
import dev.dexd.controller.log.HeaderRecord;
import dev.dexd.controller.log.StepRecord;
import java.util.Arrays;

/**
 * The live view's channels: those of the MCAP export ({@link RunChannels}: same topics, schemas and
 * messages), with the Foxglove WebSocket protocol's {@code serverInfo} and {@code advertise}.
 * Messages are built on the live view's thread only; {@code advertise} and {@code serverInfo} on
 * Netty's (they read only immutable state).
 */
final class LiveChannels {
    private final ObjectMapper json = new ObjectMapper();
    private final HeaderRecord header;
    private final RunChannels run;

    LiveChannels(HeaderRecord header) {
        this.header = header;
        this.run = new RunChannels(header);
    }

    /** Whether channel {@code id} is advertised (any thread). */
    boolean has(int id) {
        return run.has(id);
    }

    /** The channels a step feeds, by id. */
    int[] stepChannels() {
        return run.stepChannels();
    }

    /** A step's time in ns since the epoch; call it for every step, published or not (the first fixes the origin). */
    long stepTime(StepRecord r) {
        return run.stepTime(r);
    }

    long eventTime(EventRecord e) {
        return run.eventTime(e);
    }

    /** The message of step channel {@code id} for record {@code r} at {@code timeNanos} (epoch). */
    byte[] stepMessage(int id, StepRecord r, long timeNanos) {
        int n = run.step(id, r, timeNanos);
        return Arrays.copyOf(run.bytes(), n);
    }

    byte[] eventMessage(EventRecord e) {
        int n = run.event(e);
        return Arrays.copyOf(run.bytes(), n);
    }

    /** The {@code advertise} message for every channel. */
    String advertise() {
        ObjectNode o = json.createObjectNode();
        o.put("op", "advertise");
        ArrayNode a = o.putArray("channels");
        for (RunChannels.Channel c : run.channels()) {
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
