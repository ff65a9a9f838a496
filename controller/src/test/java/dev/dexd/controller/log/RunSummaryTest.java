package dev.dexd.controller.log;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTest {
    @TempDir
    Path tmp;

    /**
     * 1000 steps numbered 0..1000 without 700; lateness (s+1) us, inference 20 us + s ns; stale cube pose
     * every 10th step (100 of them), a range clip on steps ending in 5, overruns on 500..502 (2 periods each);
     * episode 0 then 1 from step 600; 5 subgoals started, 2 succeeded, 2 timed out, one drop.
     */
    static void synthetic(Path dir, String clock, long timingSalt, String dropText, int observationSalt) {
        HeaderRecord h = LogFixtures.header(clock, "host-" + timingSalt, 1_700_000_000_000L + timingSalt);
        try (StepLog log = StepLog.open(StepLogConfig.of(dir), h).start()) {
            EventWriter ev = log.newEventWriter();
            ev.write(EventType.CONFIG, 0, 0, "self-check: timer resolution " + (1 + timingSalt) + " ns");
            ev.write(EventType.EPISODE_START, 0, 0, "episode 0");
            for (long s = 0; s <= 1000; s++) {
                if (s == 700) {
                    continue;
                }
                StepRecord r = log.claimStep();
                LogFixtures.fill(r, s, s + timingSalt);
                int flags = s % 10 == 0 ? StepFlags.STALE_CUBE_POSE : s % 10 == 5 ? StepFlags.CLIPPED_RANGE : 0;
                boolean overrun = s >= 500 && s <= 502;
                r.flags(flags | (overrun ? StepFlags.OVERRUN : 0)).episode(s < 600 ? 0 : 1);
                r.observation().set(0, observationSalt);
                r.latenessNanos((s + 1) * 1000 + timingSalt).inferenceNanos(20_000 + s).readNanos(1000 + timingSalt)
                    .stepNanos(50_000 + timingSalt).skippedPeriods(overrun ? 2 : 0);
                log.commitStep();
                if (s % 100 == 1 && s < 500) {
                    ev.write(EventType.SUBGOAL_START, s, s * LogFixtures.PERIOD_NANOS, "subgoal " + s);
                }
                if (s == 150 || s == 250) {
                    ev.write(EventType.SUBGOAL_SUCCESS, s, s * LogFixtures.PERIOD_NANOS, "ok");
                }
                if (s == 350 || s == 450) {
                    ev.write(EventType.SUBGOAL_TIMEOUT, s, s * LogFixtures.PERIOD_NANOS, "1600 steps");
                }
                if (s == 599) {
                    ev.write(EventType.DROP, s, s * LogFixtures.PERIOD_NANOS, dropText);
                    ev.write(EventType.EPISODE_END, s, s * LogFixtures.PERIOD_NANOS, "drop: cube below the palm");
                    ev.write(EventType.EPISODE_START, s + 1, (s + 1) * LogFixtures.PERIOD_NANOS, "episode 1");
                }
            }
            ev.write(EventType.EPISODE_END, 1000, 1000 * LogFixtures.PERIOD_NANOS, "shutdown");
        }
    }

    @Test
    void countsAndPercentilesOfASyntheticRun() {
        Path dir = tmp.resolve("run");
        synthetic(dir, HeaderRecord.REALTIME, 0, "cube z 0.01", 0);
        RunSummary s = RunSummary.compute(dir);
        assertEquals(1000, s.steps());
        assertEquals(0, s.firstStep());
        assertEquals(1000, s.lastStep());
        assertEquals(1, s.stepGaps());
        assertEquals(2, s.episodes());
        assertEquals(1001 * LogFixtures.PERIOD_NANOS, s.controlTimeNanos());
        assertEquals(3, s.overrunSteps());
        assertEquals(6, s.skippedPeriods());
        assertEquals(0L, s.lostRecords());
        assertEquals(0L, s.writeErrors());
        assertEquals(100, s.flagCounts().get("stale_cube_pose"));
        assertEquals(100, s.flagCounts().get("clipped_range"));
        assertEquals(3, s.flagCounts().get("overrun"));
        assertEquals(100, s.heldSteps());
        assertEquals(100, s.clippedSteps());
        assertEquals(5, s.subgoalsAttempted());
        assertEquals(2, s.subgoalsSucceeded());
        assertEquals(2, s.subgoalsTimedOut());
        assertEquals(1, s.drops());
        assertEquals(1L, s.episodeEndReasons().get("drop"));
        assertEquals(1L, s.episodeEndReasons().get("shutdown"));
        assertEquals(2L, s.eventCounts().get("EPISODE_START"));
        assertEquals(1L, s.eventCounts().get("SHUTDOWN"));
        // lateness: 1..1001 us without 701; HdrHistogram keeps 3 significant digits
        assertEquals(1000, s.lateness().count());
        assertNear(500_000, s.lateness().p50(), 0.002);
        assertNear(991_000, s.lateness().p99(), 0.002);
        assertNear(1_000_000, s.lateness().p999(), 0.002);
        assertNear(1_001_000, s.lateness().max(), 0.001);
        assertNear(20_500, s.inference().p50(), 0.002);
        assertNear(21_000, s.inference().max(), 0.001);
        assertNear(1000, s.phases().get("read").p99(), 0.001);
        assertNear(50_000, s.phases().get("step").p50(), 0.001);
        assertEquals(64, s.digest().length());

        String text = s.toText();
        assertTrue(text.contains("1,000 (0..1000)"), text);
        assertTrue(text.contains("5 subgoals attempted: 2 succeeded, 2 timed out, 1 ended otherwise"), text);
        assertTrue(text.contains("1 drop"), text);
        assertTrue(text.contains("100 steps held: stale_cube_pose 100"), text);
        assertTrue(text.contains("3 ticks late by more than a period, 6 periods skipped"), text);
        assertTrue(text.contains("lateness   p50 500."), text);
        assertTrue(text.contains("whole step"), text);
        assertTrue(text.contains(dir.toAbsolutePath().toString()), "says where the log is");
        assertTrue(text.contains("0 records lost") && text.contains("1 step number missing"), text);
        assertTrue(text.contains(s.digest()), text);
    }

    @Test
    void jsonCarriesTheSameFigures() throws Exception {
        Path dir = tmp.resolve("json");
        synthetic(dir, HeaderRecord.REALTIME, 0, "x", 0);
        RunSummary s = RunSummary.compute(dir);
        JsonNode j = new ObjectMapper().readTree(s.toJson());
        assertEquals(1000, j.get("steps").asLong());
        assertEquals(0, j.get("lost_records").asLong());
        assertTrue(j.get("clean_shutdown").asBoolean());
        assertEquals(s.lateness().p99(), j.get("lateness_ns").get("p99").asLong());
        assertEquals(2, j.get("subgoals").get("succeeded").asLong());
        assertEquals(100, j.get("flags").get("stale_cube_pose").asLong());
        assertEquals("realtime", j.get("run").get("clock_mode").asText());
        assertEquals(s.digest(), j.get("digest_sha256").asText());
    }

    @Test
    void lockstepTextLeavesOutLateness() {
        Path dir = tmp.resolve("lockstep");
        synthetic(dir, HeaderRecord.LOCKSTEP, 0, "x", 0);
        String text = RunSummary.compute(dir).toText();
        assertTrue(text.contains("lockstep: no wall-clock deadlines"), text);
        assertFalse(text.contains("p99.9"), text);
    }

    @Test
    void digestCoversContentNotTimingsOrHeader() {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        Path d = tmp.resolve("d");
        synthetic(a, HeaderRecord.LOCKSTEP, 0, "cube z 0.01", 0);
        synthetic(b, HeaderRecord.LOCKSTEP, 12_345, "cube z 0.01", 0);
        synthetic(c, HeaderRecord.LOCKSTEP, 0, "cube z 0.01", 1);
        synthetic(d, HeaderRecord.LOCKSTEP, 0, "cube z 0.02", 0);
        RunSummary sa = RunSummary.compute(a);
        RunSummary sb = RunSummary.compute(b);
        assertNotEquals(sa.lateness(), sb.lateness(), "the timings do differ");
        assertEquals(sa.digest(), sb.digest(),
            "same content; different timings, host, start and CONFIG text: same digest");
        assertNotEquals(sa.digest(), RunSummary.compute(c).digest(), "an observation differs");
        assertNotEquals(sa.digest(), RunSummary.compute(d).digest(), "an event text differs");
    }

    private static void assertNear(long expected, long actual, double relative) {
        assertTrue(Math.abs(actual - expected) <= expected * relative, "expected about " + expected + ", got " + actual);
    }
}
