package dev.dexd.controller.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** Renders a {@link ReplayDiff.Result} as text (a table per actuator) or as one JSON object. */
public final class DiffReport {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DiffReport() {
    }

    public static String text(ReplayDiff.Result r) {
        DiffStatistics s = r.statistics();
        StringBuilder b = new StringBuilder();
        b.append("log:        ").append(r.logDir()).append(" (model sha256 ").append(shortSha(r.loggedModelSha256()))
            .append(")\n");
        b.append("new policy: ").append(r.newModel()).append(" (model sha256 ").append(shortSha(r.newModelSha256()))
            .append(")\n");
        b.append(String.format(Locale.ROOT, "compared:   %d policy steps of %d, state reset on %d%n", s.steps(), r.steps(),
            r.stateResets()));
        b.append(String.format(Locale.ROOT, "agreement:  %.4f of actuator bins, %.4f of steps with every bin equal; %s%n",
            s.agreement(), s.stepsAgreeing(), s.firstDifference() < 0 ? "no difference"
                : "first difference at step " + s.firstDifference()));
        int width = 8;
        for (String n : r.actuatorNames()) {
            width = Math.max(width, n.length());
        }
        b.append(String.format(Locale.ROOT, "%-" + width + "s  %9s  %12s  %s%n", "actuator", "agreement", "mean|dlogit|",
            "first difference"));
        for (int a = 0; a < s.actuators(); a++) {
            long first = s.firstDifference(a);
            b.append(String.format(Locale.ROOT, "%-" + width + "s  %9.4f  %12.6f  %s%n", r.actuatorNames().get(a),
                s.agreement(a), s.meanAbsLogitDifference(a), first < 0 ? "-" : "step " + first));
        }
        return b.toString();
    }

    public static String json(ReplayDiff.Result r) {
        DiffStatistics s = r.statistics();
        ObjectNode o = MAPPER.createObjectNode();
        o.put("log_dir", r.logDir().toString());
        o.put("logged_model_sha256", r.loggedModelSha256());
        o.put("new_model", r.newModel().toString());
        o.put("new_model_sha256", r.newModelSha256());
        o.put("steps", r.steps());
        o.put("policy_steps", s.steps());
        o.put("state_resets", r.stateResets());
        o.put("agreement", s.agreement());
        o.put("steps_agreeing", s.stepsAgreeing());
        putStep(o, "first_difference_step", s.firstDifference());
        ArrayNode list = o.putArray("actuators");
        for (int a = 0; a < s.actuators(); a++) {
            ObjectNode n = list.addObject();
            n.put("name", r.actuatorNames().get(a));
            n.put("agreement", s.agreement(a));
            n.put("mean_abs_logit_difference", s.meanAbsLogitDifference(a));
            putStep(n, "first_difference_step", s.firstDifference(a));
        }
        return o.toString();
    }

    private static void putStep(ObjectNode o, String key, long step) {
        if (step < 0) {
            o.putNull(key);
        } else {
            o.put(key, step);
        }
    }

    private static String shortSha(String sha) {
        return sha.isEmpty() ? "-" : sha.substring(0, Math.min(12, sha.length()));
    }
}
