package dev.dexd.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.config.ConfigException;
import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.PerturbationAnalysis;
import dev.dexd.controller.log.PerturbationKind;
import dev.dexd.controller.log.RunSummary;
import dev.dexd.controller.log.StepLogReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The perturbation schedule in a lockstep run: each entry fires at its success, every episode, is
 * logged, and the run stays deterministic; {@code replay stats} reports the time per subgoal around
 * each perturbation.
 */
class PerturbationScheduleTest {
    /** Loose tolerances: every subgoal succeeds within a few steps, so successes come fast and often. */
    private static final String GOALS = "sequence: \"R U R' U' R U R' U' R U R' U' R U R' U'\"\n"
        + "repeat_episodes: true\norientation_tolerance_rad: 3.14\nface_tolerance_rad: 1.5707963267948966\ndrop_height_m: -100\n";

    private static Path config(SimRig rig, String name, String schedule) throws Exception {
        Path file = rig.config(name, null, null, null, GOALS, "seed: 5\nsensors: {noise: false}");
        java.nio.file.Files.writeString(file, java.nio.file.Files.readString(file) + schedule);
        return file;
    }

    private static final String SCHEDULE = "perturbations:\n  schedule:\n"
        + "    - {after_successes: 2, action: reset-memory}\n"
        + "    - {after_successes: 4, action: lock-joint, joint: random}\n"
        + "    - {after_successes: 6, action: randomise}\n";

    @Test
    void aScheduleFiresEachEpisodeIsLoggedAndAnalysedAndStaysDeterministic(@TempDir Path dir) throws Exception {
        SimRig rig = new SimRig(dir);
        Daemon a = SimRig.runLockstep(config(rig, "sched-a", SCHEDULE), 6, 11L);
        List<String> texts = new ArrayList<>();
        int stateResets = 0;
        try (StepLogReader r = StepLogReader.open(a.logDirectory())) {
            for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                if (e == StepLogReader.Entry.EVENT && r.event().type() == EventType.PERTURBATION) {
                    texts.add(r.event().text());
                } else if (e == StepLogReader.Entry.EVENT && r.event().type() == EventType.STATE_RESET) {
                    stateResets++;
                }
            }
        }
        String why = texts + "\n" + RunSummary.compute(a.logDirectory()).toText();
        assertTrue(texts.stream().anyMatch(t -> t.equals("schedule: reset-memory after 2 successes")), why);
        assertTrue(texts.stream().anyMatch(t -> t.matches("schedule: lock-joint \\S+ after 4 successes")), why);
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("lock-joint: joint ")), why);
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("randomise: dynamics resampled from seed ")),
            why);
        assertTrue(stateResets >= 1, "the scheduled memory reset is a STATE_RESET event");

        RunSummary s = RunSummary.compute(a.logDirectory());
        Map<PerturbationKind, PerturbationAnalysis.Aggregate> kinds = s.perturbations().byKind();
        assertEquals(java.util.Set.of(PerturbationKind.values()), kinds.keySet(), s.toText());
        long episodesWithSix = s.perturbations().events().stream()
            .filter(e -> e.kind() == PerturbationKind.RANDOMISE).count();
        assertEquals(stateResets, kinds.get(PerturbationKind.RESET_MEMORY).perturbations());
        assertTrue(episodesWithSix >= 1);
        for (PerturbationAnalysis.Event e : s.perturbations().events()) {
            // entries fire on the 2nd, 4th and 6th success: 2 successes in each segment before them
            assertEquals(2, e.subgoalsBefore(), e.toString());
            assertTrue(e.meanSecondsBefore() > 0, e.toString());
        }
        assertTrue(s.toText().contains("perturbations (time per subgoal"), s.toText());
        assertTrue(s.toJson().contains("\"by_kind\":{\"reset-memory\":{\"count\":"), s.toJson());

        Daemon b = SimRig.runLockstep(config(rig, "sched-b", SCHEDULE), 6, 11L);
        assertEquals(s.digest(), RunSummary.compute(b.logDirectory()).digest(), "same seed, same schedule: same run");
    }

    @Test
    void applyingTheScheduleAllocatesNothing(@TempDir Path dir) throws Exception {
        SimRig rig = new SimRig(dir);
        Path file = rig.config("sched-alloc", null, "clock: lockstep\nperiod_ms: 4", null, GOALS,
            "seed: 5\nsensors: {noise: false}");
        java.nio.file.Files.writeString(file, java.nio.file.Files.readString(file) + SCHEDULE);
        long steps = Daemon.ALLOCATION_WARMUP_STEPS + 10_000;
        Daemon d = SimRig.runLockstep(file, steps * 0.004, 1L);
        RunSummary s = RunSummary.compute(d.logDirectory());
        assertTrue(s.perturbations().events().size() > 30, "perturbations applied while measured: "
            + s.perturbations().events().size());
        assertTrue(d.allocatedBytesPerStep() < 1.0, "control thread allocated " + d.allocatedBytesPerStep()
            + " bytes per step beyond ORT's own arrays");
    }

    @Test
    void anUnknownJointIsRefusedAtStartWithTheJointNames(@TempDir Path dir) throws Exception {
        SimRig rig = new SimRig(dir);
        Path file = config(rig, "sched-bad", "perturbations:\n  schedule:\n"
            + "    - {after_successes: 1, action: lock-joint, joint: NOPE}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> SimRig.runLockstep(file, 1, 1L));
        assertTrue(e.getMessage().contains("perturbations.schedule[0].joint: no joint 'NOPE' on this hand"), e.getMessage());
        assertTrue(e.getMessage().startsWith("config " + file), e.getMessage());
    }
}
