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
 * end). A subgoal's time runs from its SUBGOAL_START event to its SUBGOAL_SUCCESS event (control
 * time, so skipped periods count); one under way when the perturbation came counts after it, as the
 * perturbation slowed it. A subgoal that timed out, or whose episode ended first, has no time.
 * Between two perturbations of one episode, a subgoal is the "after" of the first and the "before"
 * of the second, so per-kind pools can count it twice when both are of one kind.
 */
public final class PerturbationAnalysis {
    /**
     * One perturbation and the mean time per subgoal around it (NaN when a side has no subgoals);
     * {@code nanos} its control time, {@code beforeFromNanos} the start of the first subgoal before it
     * and {@code afterToNanos} the end of the last one after it (its own time when there is none).
     */
    public record Event(PerturbationKind kind, long step, long nanos, long episode, String text, int subgoalsBefore,
                        double meanSecondsBefore, int subgoalsAfter, double meanSecondsAfter, long beforeFromNanos,
                        long afterToNanos) {
    }

    /** Over every perturbation of a kind: subgoal times pooled on each side. */
    public record Aggregate(int perturbations, int subgoalsBefore, double meanSecondsBefore, int subgoalsAfter,
                            double meanSecondsAfter) {
        /** After over before (NaN when either side is empty): above 1, the perturbation slowed the policy. */
        public double slowdown() {
            return meanSecondsAfter / meanSecondsBefore;
        }
    }

    /** A successful subgoal: its episode (as counted by EPISODE_START events), steps and control times (ns). */
    public record Subgoal(long episode, long startStep, long endStep, long startNanos, long endNanos) {
        public double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    private final List<Subgoal> successes = new ArrayList<>();
    private final List<Event> found = new ArrayList<>(); // before and after filled in by events()
    private long episode;
    private long subgoalStep = -1;
    private long subgoalNanos;

    public PerturbationAnalysis() {
    }

    /** Feeds one event, in log order. */
    public void onEvent(EventRecord e) {
        onEvent(e.type(), e.step(), e.simTimeNanos(), e.text());
    }

    /** Feeds one event, in log order: its type (null for an unknown code), step, control time and text. */
    public void onEvent(EventType type, long step, long nanos, String text) {
        if (type == EventType.EPISODE_START) {
            episode++;
            subgoalStep = -1;
        } else if (type == EventType.SUBGOAL_START) {
            subgoalStep = step;
            subgoalNanos = nanos;
        } else if (type == EventType.SUBGOAL_SUCCESS && subgoalStep >= 0) {
            successes.add(new Subgoal(episode, subgoalStep, step, subgoalNanos, nanos));
            subgoalStep = -1;
        } else if (type == EventType.SUBGOAL_TIMEOUT || type == EventType.EPISODE_END) {
            subgoalStep = -1;
        } else {
            PerturbationKind kind = PerturbationKind.of(type, text);
            if (kind != null) {
                found.add(new Event(kind, step, nanos, episode, text, 0, Double.NaN, 0, Double.NaN, nanos, nanos));
            }
        }
    }

    /** Every successful subgoal, in log order. */
    public List<Subgoal> subgoals() {
        return List.copyOf(successes);
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
            long beforeNanos = 0;
            long afterNanos = 0;
            long beforeFrom = p.nanos();
            long afterTo = p.nanos();
            int before = 0;
            int after = 0;
            for (Subgoal s : successes) {
                if (s.episode() != p.episode()) {
                    continue;
                }
                if (s.endStep() > from && s.endStep() <= p.step()) {
                    before++;
                    beforeNanos += s.endNanos() - s.startNanos();
                    beforeFrom = Math.min(beforeFrom, s.startNanos());
                } else if (s.endStep() > p.step() && s.endStep() <= to) {
                    after++;
                    afterNanos += s.endNanos() - s.startNanos();
                    afterTo = Math.max(afterTo, s.endNanos());
                }
            }
            out.add(new Event(p.kind(), p.step(), p.nanos(), p.episode(), p.text(), before, seconds(beforeNanos, before),
                after, seconds(afterNanos, after), beforeFrom, afterTo));
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

    private static double seconds(long nanos, int count) {
        return count == 0 ? Double.NaN : nanos / 1e9 / count;
    }
}
