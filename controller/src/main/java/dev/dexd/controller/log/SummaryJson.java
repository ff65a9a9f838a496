package dev.dexd.controller.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Renders a {@link RunSummary} as one JSON object (snake_case keys, times in nanoseconds). */
final class SummaryJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SummaryJson() {
    }

    static String render(RunSummary s) {
        HeaderRecord h = s.header();
        ObjectNode o = MAPPER.createObjectNode();
        o.put("log_dir", s.logDir().toString());
        o.put("schema_version", h.schemaVersion());
        ObjectNode run = o.putObject("run");
        run.put("clock_mode", h.clockMode());
        run.put("period_ns", h.periodNanos());
        run.put("seed", h.seed());
        run.put("model_sha256", h.modelSha256());
        run.put("dexd_version", h.dexdVersion());
        run.put("host", h.hostName());
        run.put("start_epoch_ms", h.startEpochMillis());
        run.put("observation_size", h.layout().observationSize());
        run.put("actuators", h.layout().actuators());
        run.put("bins", h.layout().bins());
        run.put("joints", h.layout().joints());
        o.put("steps", s.steps());
        o.put("first_step", s.firstStep());
        o.put("last_step", s.lastStep());
        o.put("step_gaps", s.stepGaps());
        o.put("episodes", s.episodes());
        o.put("control_time_ns", s.controlTimeNanos());
        o.put("overrun_steps", s.overrunSteps());
        o.put("skipped_periods", s.skippedPeriods());
        if (s.lostRecords() == null) {
            o.putNull("lost_records");
            o.putNull("write_errors");
        } else {
            o.put("lost_records", s.lostRecords());
            o.put("write_errors", s.writeErrors() == null ? 0 : s.writeErrors());
        }
        o.put("clean_shutdown", s.lostRecords() != null);
        o.set("lateness_ns", percentiles(s.lateness()));
        o.set("inference_ns", percentiles(s.inference()));
        o.set("estop_latency_ns", percentiles(s.estopLatency()));
        ObjectNode phases = o.putObject("step_cost_ns");
        s.phases().forEach((k, v) -> phases.set(k, percentiles(v)));
        o.put("held_steps", s.heldSteps());
        o.put("clipped_steps", s.clippedSteps());
        counts(o.putObject("flags"), s.flagCounts());
        ObjectNode goals = o.putObject("subgoals");
        goals.put("attempted", s.subgoalsAttempted());
        goals.put("succeeded", s.subgoalsSucceeded());
        goals.put("timed_out", s.subgoalsTimedOut());
        o.put("drops", s.drops());
        counts(o.putObject("episode_end_reasons"), s.episodeEndReasons());
        counts(o.putObject("events"), s.eventCounts());
        o.put("unknown_documents", s.unknownDocuments());
        o.put("digest_sha256", s.digest());
        if (s.lostSteps() == null) {
            o.putNull("lost_steps");
        } else {
            o.put("lost_steps", s.lostSteps());
        }
        if (s.trailerDigest() == null) {
            o.putNull("trailer_digest_sha256");
        } else {
            o.put("trailer_digest_sha256", s.trailerDigest());
        }
        o.put("digest_verified", s.digestVerified());
        PerturbationReport.json(o, s.perturbations());
        if (s.damage() == null) {
            o.putNull("damage");
        } else {
            o.put("damage", s.damage());
        }
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the summary as JSON", e);
        }
    }

    private static ObjectNode percentiles(RunSummary.Percentiles p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("count", p.count());
        n.put("p50", p.p50());
        n.put("p99", p.p99());
        n.put("p99_9", p.p999());
        n.put("max", p.max());
        return n;
    }

    private static void counts(ObjectNode node, Map<String, Long> counts) {
        counts.forEach(node::put);
    }
}
