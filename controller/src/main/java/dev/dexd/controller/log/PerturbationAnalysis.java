package dev.dexd.controller.log;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Time per subgoal before and after each perturbation (memory reset, joint lock, resampled dynamics),
 * as in the Rubik's cube paper's section 9.2, from a log's events alone. Within an episode the
 * perturbations split the successful subgoals into segments: a perturbation's "before" is the
 * subgoals that succeeded since the previous perturbation (or the episode's start) up to and
 * including its step, its "after" those that succeeded after it until the next one (or the episode's
 * end). A subgoal's time runs from its SUBGOAL_START to its SUBGOAL_SUCCESS; one under way when the
 * perturbation came counts after it, as the perturbation slowed it.
 */
public final class PerturbationAnalysis {
    /** One perturbation and the mean time per subgoal around it (NaN when a side has no subgoals). */
    public record Event(PerturbationKind kind, long step, long episode, String text, int subgoalsBefore,
                        double meanSecondsBefore, int subgoalsAfter, double meanSecondsAfter) {
    }

    /** Over every perturbation of a kind: subgoal times pooled on each side. */
    public record Aggregate(int perturbations, int subgoalsBefore, double meanSecondsBefore, int subgoalsAfter,
                            double meanSecondsAfter) {
        /** After over before (NaN when either side is empty): above 1, the perturbation slowed the policy. */
        public double slowdown() {
            return meanSecondsAfter / meanSecondsBefore;
        }
    }

    private record Success(long episode, long startStep, long endStep) {
    }

    private final long periodNanos;
    private final List<Success> successes = new ArrayList<>();
    private final List<Event> found = new ArrayList<>(); // before and after filled in by result()
    private long episode;
    private long subgoalStart = -1;

    PerturbationAnalysis(long periodNanos) {
        this.periodNanos = periodNanos;
    }

    /** Feeds one event, in log order. */
    void onEvent(EventRecord e) {
        EventType type = e.type();
        if (type == EventType.EPISODE_START) {
            episode++;
            subgoalStart = -1;
        } else if (type == EventType.SUBGOAL_START) {
            subgoalStart = e.step();
        } else if (type == EventType.SUBGOAL_SUCCESS && subgoalStart >= 0) {
            successes.add(new Success(episode, subgoalStart, e.step()));
            subgoalStart = -1;
        } else {
            String text = e.text();
            PerturbationKind kind = PerturbationKind.of(type, text);
            if (kind != null) {
                found.add(new Event(kind, e.step(), episode, text, 0, Double.NaN, 0, Double.NaN));
            }
        }
    }

    /** Every perturbation in log order, with the subgoal times around it. */
    public List<Event> events() {
        List<Event> out = new ArrayList<>(found.size());
        for (Event p : found) {
            long from = Long.MIN_VALUE;
            long to = Long.MAX_VALUE;
            for (Event q : found) {
                if (q.episode() == p.episode() && q.step() < p.step()) {
                    from = Math.max(from, q.step());
                } else if (q.episode() == p.episode() && q.step() > p.step()) {
                    to = Math.min(to, q.step());
                }
            }
            long beforeSteps = 0;
            long afterSteps = 0;
            int before = 0;
            int after = 0;
            for (Success s : successes) {
                if (s.episode() != p.episode()) {
                    continue;
                }
                if (s.endStep() > from && s.endStep() <= p.step()) {
                    before++;
                    beforeSteps += s.endStep() - s.startStep();
                } else if (s.endStep() > p.step() && s.endStep() <= to) {
                    after++;
                    afterSteps += s.endStep() - s.startStep();
                }
            }
            out.add(new Event(p.kind(), p.step(), p.episode(), p.text(), before, seconds(beforeSteps, before), after,
                seconds(afterSteps, after)));
        }
        return out;
    }

    /** Per kind (only kinds seen), in {@link PerturbationKind} order. */
    public Map<PerturbationKind, Aggregate> byKind() {
        Map<PerturbationKind, Aggregate> out = new EnumMap<>(PerturbationKind.class);
        List<Event> all = events();
        for (PerturbationKind k : PerturbationKind.values()) {
            int n = 0;
            int before = 0;
            int after = 0;
            double beforeSum = 0;
            double afterSum = 0;
            for (Event e : all) {
                if (e.kind() != k) {
                    continue;
                }
                n++;
                if (e.subgoalsBefore() > 0) {
                    before += e.subgoalsBefore();
                    beforeSum += e.meanSecondsBefore() * e.subgoalsBefore();
                }
                if (e.subgoalsAfter() > 0) {
                    after += e.subgoalsAfter();
                    afterSum += e.meanSecondsAfter() * e.subgoalsAfter();
                }
            }
            if (n > 0) {
                out.put(k, new Aggregate(n, before, before == 0 ? Double.NaN : beforeSum / before, after,
                    after == 0 ? Double.NaN : afterSum / after));
            }
        }
        return out;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    private double seconds(long steps, int count) {
        return count == 0 ? Double.NaN : steps * (periodNanos / 1e9) / count;
    }
}
