package dev.dexd.controller.log;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/** The {@link PerturbationAnalysis} section of {@code replay stats}: text lines and JSON. */
final class PerturbationReport {
    private PerturbationReport() {
    }

    /** Appends the section (nothing when the run had no perturbation). */
    static void text(StringBuilder out, PerturbationAnalysis a) {
        if (a.isEmpty()) {
            return;
        }
        out.append("perturbations (time per subgoal, same episode, before -> after):\n");
        for (Map.Entry<PerturbationKind, PerturbationAnalysis.Aggregate> e : a.byKind().entrySet()) {
            PerturbationAnalysis.Aggregate g = e.getValue();
            out.append(String.format(Locale.ROOT, "  %-13s %3d x  %s (%d subgoals) -> %s (%d subgoals)%s%n",
                e.getKey().word(), g.perturbations(), seconds(g.meanSecondsBefore()), g.subgoalsBefore(),
                seconds(g.meanSecondsAfter()), g.subgoalsAfter(),
                Double.isNaN(g.slowdown()) ? "" : String.format(Locale.ROOT, ", x%.2f", g.slowdown())));
        }
        for (PerturbationAnalysis.Event e : a.events()) {
            out.append(String.format(Locale.ROOT, "  step %-8d episode %-4d %-13s %s (%d) -> %s (%d)  %s%n", e.step(),
                e.episode(), e.kind().word(), seconds(e.meanSecondsBefore()), e.subgoalsBefore(),
                seconds(e.meanSecondsAfter()), e.subgoalsAfter(), e.text()));
        }
    }

    /** Puts {@code perturbations: {by_kind: {...}, events: [...]}} (empty when none). */
    static void json(ObjectNode o, PerturbationAnalysis a) {
        ObjectNode p = o.putObject("perturbations");
        ObjectNode kinds = p.putObject("by_kind");
        for (Map.Entry<PerturbationKind, PerturbationAnalysis.Aggregate> e : a.byKind().entrySet()) {
            PerturbationAnalysis.Aggregate g = e.getValue();
            ObjectNode k = kinds.putObject(e.getKey().word());
            k.put("count", g.perturbations());
            k.put("subgoals_before", g.subgoalsBefore());
            number(k, "mean_subgoal_s_before", g.meanSecondsBefore());
            k.put("subgoals_after", g.subgoalsAfter());
            number(k, "mean_subgoal_s_after", g.meanSecondsAfter());
            number(k, "slowdown", g.slowdown());
        }
        ArrayNode events = p.putArray("events");
        for (PerturbationAnalysis.Event e : a.events()) {
            ObjectNode n = events.addObject();
            n.put("kind", e.kind().word());
            n.put("step", e.step());
            n.put("episode", e.episode());
            n.put("text", e.text());
            n.put("subgoals_before", e.subgoalsBefore());
            number(n, "mean_subgoal_s_before", e.meanSecondsBefore());
            n.put("subgoals_after", e.subgoalsAfter());
            number(n, "mean_subgoal_s_after", e.meanSecondsAfter());
        }
    }

    /** A number, or null when there is none (NaN). */
    private static void number(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.2f s", s);
    }
}
