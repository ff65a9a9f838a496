package dev.dexd.controller.log;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The perturbation analysis of {@code replay stats} on a log whose subgoal times and perturbations
 * are known ({@link LogFixtures#writePerturbedRun}: 80 ms period, so 10 steps are 0.8 s): every
 * number of the text and the JSON, exactly.
 */
class PerturbationAnalysisTest {
    private static final double EPS = 1e-12;

    @TempDir
    Path tmp;

    private record Expected(PerturbationKind kind, long step, long episode, int before, double meanBefore, int after,
                            double meanAfter, String text) {
    }

    private static final List<Expected> EVENTS = List.of(
        new Expected(PerturbationKind.RESET_MEMORY, 30, 1, 3, 0.8, 2, 2.4, "policy memory reset on request"),
        new Expected(PerturbationKind.LOCK_JOINT, 90, 1, 2, 2.4, 2, 4.0, "lock-joint: joint J_3 locked"),
        new Expected(PerturbationKind.RANDOMISE, 215, 2, 1, 0.8, 2, 2.0, "randomise: dynamics resampled from seed 42"),
        new Expected(PerturbationKind.RESET_MEMORY, 260, 2, 2, 2.0, 1, 3.2, "policy memory reset on request"));

    @Test
    void timePerSubgoalAroundEachPerturbation() {
        Path dir = tmp.resolve("run");
        LogFixtures.writePerturbedRun(dir);
        PerturbationAnalysis a = RunSummary.compute(dir).perturbations();

        List<PerturbationAnalysis.Subgoal> subgoals = a.subgoals();
        assertEquals(List.of(10L, 10L, 10L, 30L, 30L, 50L, 50L, 10L, 30L, 20L, 40L),
            subgoals.stream().map(g -> g.endStep() - g.startStep()).toList(), "timed subgoals (no timeout, none after the end)");
        assertEquals(0.8, subgoals.get(0).seconds(), EPS);

        List<PerturbationAnalysis.Event> events = a.events();
        assertEquals(EVENTS.size(), events.size(), "the schedule lines and the refusal are not perturbations: " + events);
        for (int i = 0; i < EVENTS.size(); i++) {
            Expected x = EVENTS.get(i);
            PerturbationAnalysis.Event e = events.get(i);
            String at = "perturbation " + i + ": " + e;
            assertEquals(x.kind(), e.kind(), at);
            assertEquals(x.step(), e.step(), at);
            assertEquals(x.step() * LogFixtures.PERIOD_NANOS, e.nanos(), at);
            assertEquals(x.episode(), e.episode(), at);
            assertEquals(x.text(), e.text(), at);
            assertEquals(x.before(), e.subgoalsBefore(), at);
            assertEquals(x.meanBefore(), e.meanSecondsBefore(), EPS, at);
            assertEquals(x.after(), e.subgoalsAfter(), at);
            assertEquals(x.meanAfter(), e.meanSecondsAfter(), EPS, at);
        }
        // the segments the plot draws: from the first subgoal before to the last one after
        assertEquals(0, events.get(0).beforeFromNanos());
        assertEquals(90 * LogFixtures.PERIOD_NANOS, events.get(0).afterToNanos());
        assertEquals(190 * LogFixtures.PERIOD_NANOS, events.get(1).afterToNanos());

        Map<PerturbationKind, PerturbationAnalysis.Aggregate> k = a.byKind();
        assertEquals(List.of(PerturbationKind.RESET_MEMORY, PerturbationKind.LOCK_JOINT, PerturbationKind.RANDOMISE),
            List.copyOf(k.keySet()));
        assertAggregate(k.get(PerturbationKind.RESET_MEMORY), 2, 5, (3 * 0.8 + 2 * 2.0) / 5, 3, (2 * 2.4 + 3.2) / 3);
        assertAggregate(k.get(PerturbationKind.LOCK_JOINT), 1, 2, 2.4, 2, 4.0);
        assertAggregate(k.get(PerturbationKind.RANDOMISE), 1, 1, 0.8, 2, 2.0);
        assertEquals(2.5, k.get(PerturbationKind.RANDOMISE).slowdown(), EPS);
        assertEquals((8.0 / 3) / 1.28, k.get(PerturbationKind.RESET_MEMORY).slowdown(), 1e-9);
    }

    private static void assertAggregate(PerturbationAnalysis.Aggregate g, int n, int before, double meanBefore, int after,
                                        double meanAfter) {
        assertEquals(n, g.perturbations(), g.toString());
        assertEquals(before, g.subgoalsBefore(), g.toString());
        assertEquals(meanBefore, g.meanSecondsBefore(), EPS, g.toString());
        assertEquals(after, g.subgoalsAfter(), g.toString());
        assertEquals(meanAfter, g.meanSecondsAfter(), EPS, g.toString());
    }

    @Test
    void textAndJsonCarryTheSameNumbers() throws Exception {
        Path dir = tmp.resolve("run");
        LogFixtures.writePerturbedRun(dir);
        RunSummary s = RunSummary.compute(dir);

        String text = SummaryText.render(s);
        assertTrue(text.contains("perturbations (time per subgoal, same episode, before -> after):\n"
            + "  reset-memory    2 x  1.28 s (5 subgoals) -> 2.67 s (3 subgoals), x2.08\n"
            + "  lock-joint      1 x  2.40 s (2 subgoals) -> 4.00 s (2 subgoals), x1.67\n"
            + "  randomise       1 x  0.80 s (1 subgoals) -> 2.00 s (2 subgoals), x2.50\n"
            + "  step 30       episode 1    reset-memory  0.80 s (3) -> 2.40 s (2)  policy memory reset on request\n"
            + "  step 90       episode 1    lock-joint    2.40 s (2) -> 4.00 s (2)  lock-joint: joint J_3 locked\n"
            + "  step 215      episode 2    randomise     0.80 s (1) -> 2.00 s (2)  randomise: dynamics resampled from seed 42\n"
            + "  step 260      episode 2    reset-memory  2.00 s (2) -> 3.20 s (1)  policy memory reset on request\n"), text);

        JsonNode p = new ObjectMapper().readTree(SummaryJson.render(s)).get("perturbations");
        JsonNode reset = p.get("by_kind").get("reset-memory");
        assertEquals(2, reset.get("count").asInt());
        assertEquals(5, reset.get("subgoals_before").asInt());
        assertEquals(1.28, reset.get("mean_subgoal_s_before").asDouble(), EPS);
        assertEquals(3, reset.get("subgoals_after").asInt());
        assertEquals(8.0 / 3, reset.get("mean_subgoal_s_after").asDouble(), EPS);
        assertEquals((8.0 / 3) / 1.28, reset.get("slowdown").asDouble(), 1e-9);
        assertEquals(List.of("reset-memory", "lock-joint", "randomise"), fieldNames(p.get("by_kind")));
        assertEquals(EVENTS.size(), p.get("events").size());
        for (int i = 0; i < EVENTS.size(); i++) {
            Expected x = EVENTS.get(i);
            JsonNode e = p.get("events").get(i);
            assertEquals(List.of("kind", "step", "episode", "text", "subgoals_before", "mean_subgoal_s_before",
                "subgoals_after", "mean_subgoal_s_after"), fieldNames(e));
            assertEquals(x.kind().word(), e.get("kind").asText());
            assertEquals(x.step(), e.get("step").asLong());
            assertEquals(x.episode(), e.get("episode").asLong());
            assertEquals(x.text(), e.get("text").asText());
            assertEquals(x.before(), e.get("subgoals_before").asInt());
            assertEquals(x.meanBefore(), e.get("mean_subgoal_s_before").asDouble(), EPS);
            assertEquals(x.after(), e.get("subgoals_after").asInt());
            assertEquals(x.meanAfter(), e.get("mean_subgoal_s_after").asDouble(), EPS);
        }
    }

    @Test
    void aSideWithoutSubgoalsIsNullAndARunWithoutPerturbationsIsEmpty() throws Exception {
        Path dir = tmp.resolve("run");
        try (StepLog log = LogFixtures.open(dir).start()) {
            EventWriter ev = log.newEventWriter();
            ev.write(EventType.EPISODE_START, 0, 0, "episode 1 started");
            ev.write(EventType.SUBGOAL_START, 0, 0, "subgoal 1: FLIP R");
            for (long s = 0; s < 20; s++) {
                LogFixtures.fill(log.claimStep(), s, s);
                log.commitStep();
            }
            ev.write(EventType.PERTURBATION, 5, 5 * LogFixtures.PERIOD_NANOS, "randomise: dynamics resampled from seed 1");
            ev.write(EventType.SUBGOAL_SUCCESS, 15, 15 * LogFixtures.PERIOD_NANOS, "subgoal succeeded");
        }
        JsonNode p = new ObjectMapper().readTree(SummaryJson.render(RunSummary.compute(dir))).get("perturbations");
        JsonNode e = p.get("events").get(0);
        assertEquals(0, e.get("subgoals_before").asInt());
        assertTrue(e.get("mean_subgoal_s_before").isNull());
        assertEquals(1, e.get("subgoals_after").asInt(), "a subgoal under way at the perturbation counts after it");
        assertEquals(1.2, e.get("mean_subgoal_s_after").asDouble(), EPS);
        assertTrue(p.get("by_kind").get("randomise").get("slowdown").isNull());

        Path plain = tmp.resolve("plain");
        LogFixtures.writeRun(plain, 30);
        JsonNode none = new ObjectMapper().readTree(SummaryJson.render(RunSummary.compute(plain))).get("perturbations");
        assertEquals(0, none.get("by_kind").size());
        assertEquals(0, none.get("events").size());
        assertFalse(SummaryText.render(RunSummary.compute(plain)).contains("perturbations"));
    }

    private static List<String> fieldNames(JsonNode o) {
        List<String> out = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
