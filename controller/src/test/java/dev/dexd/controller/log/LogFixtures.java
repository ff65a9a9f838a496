package dev.dexd.controller.log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Test fixtures: a realistic layout (N 96, A 20, B 11, J 24), headers, and step contents that are a
 * pure function of the step number, so any record read back can be checked on its own. Filling
 * allocates nothing (the allocation test uses it).
 */
public final class LogFixtures {
    public static final StepLayout LAYOUT = StepLayout.of(96, 20, 11, StepLayout.HAND_JOINTS);
    public static final long PERIOD_NANOS = 80_000_000L;

    private LogFixtures() {
    }

    public static HeaderRecord header(String clockMode, String host, long startMillis) {
        return header(LAYOUT, clockMode, host, startMillis);
    }

    public static HeaderRecord header(StepLayout layout, String clockMode, String host, long startMillis) {
        List<String> actuators = new ArrayList<>();
        for (int i = 0; i < layout.actuators(); i++) {
            actuators.add("A_" + i);
        }
        List<String> joints = new ArrayList<>();
        for (int i = 0; i < layout.joints(); i++) {
            joints.add("J_" + i);
        }
        return HeaderRecord.of(layout, PERIOD_NANOS, clockMode, 7, host, startMillis, "0.1.0-test",
            "ab".repeat(32), "observation:\n  size: " + layout.observationSize() + "\n", "clock: " + clockMode + "\n",
            actuators, joints);
    }

    /** Opens a log in {@code dir} with the default ring and a lockstep header. */
    public static StepLog open(Path dir) {
        return StepLog.open(StepLogConfig.of(dir), header(HeaderRecord.LOCKSTEP, "test-host", 1_700_000_000_000L));
    }

    /** Writes a closed lockstep log of {@code steps} steps with a subgoal start and success. */
    public static void writeRun(Path dir, int steps) {
        try (StepLog log = open(dir).start()) {
            EventWriter events = log.newEventWriter();
            events.write(EventType.SUBGOAL_START, 0, 0, "flip U");
            for (long s = 0; s < steps; s++) {
                fill(log.claimStep(), s, s);
                log.commitStep();
            }
            events.write(EventType.SUBGOAL_SUCCESS, steps - 1, (steps - 1) * PERIOD_NANOS, "flip U");
        }
    }

    /**
     * Writes a closed lockstep log of 460 steps (80 ms period) with subgoals and perturbations at known
     * steps, each written in the order the daemon writes them on a step (a scheduled perturbation's
     * PERTURBATION "schedule: ..." event, then its effect, then SUBGOAL_SUCCESS and the next
     * SUBGOAL_START). Time per subgoal in steps:
     * <pre>
     * episode 1 (steps 0..199):   10 10 10 | reset-memory @30 | 30 30 | lock-joint @90 | 50 50
     * episode 2 (steps 200..459): 10 | randomise @215 (console, mid-subgoal) | 30 20 | reset-memory @260 | 40,
     *                             then a timeout (no time) and a subgoal cut by the episode's end
     * </pre>
     * Also a refused perturbation and a schedule line, which are not perturbations.
     */
    public static void writePerturbedRun(Path dir) {
        try (StepLog log = open(dir).start()) {
            EventWriter ev = log.newEventWriter();
            for (long s = 0; s < 460; s++) {
                StepRecord r = log.claimStep();
                fill(r, s, s);
                r.episode(s < 200 ? 1 : 2);
                log.commitStep();
                perturbedRunEvents(ev, s, s * PERIOD_NANOS);
            }
        }
    }

    private static void perturbedRunEvents(EventWriter ev, long s, long t) {
        switch ((int) s) {
            case 0 -> {
                ev.write(EventType.EPISODE_START, s, t, "episode 1 started");
                ev.write(EventType.SUBGOAL_START, s, t, "subgoal 1: FLIP R");
            }
            case 10, 20, 60, 140 -> {
                ev.write(EventType.SUBGOAL_SUCCESS, s, t, "subgoal succeeded");
                ev.write(EventType.SUBGOAL_START, s, t, "subgoal n: ROTATION U CW");
            }
            case 30 -> {
                ev.write(EventType.PERTURBATION, s, t, "schedule: reset-memory after 3 successes");
                ev.write(EventType.STATE_RESET, s, t, "policy memory reset on request");
                ev.write(EventType.SUBGOAL_SUCCESS, s, t, "subgoal succeeded");
                ev.write(EventType.SUBGOAL_START, s, t, "subgoal 4: FLIP F");
            }
            case 90 -> {
                ev.write(EventType.PERTURBATION, s, t, "schedule: lock-joint J_3 after 5 successes");
                ev.write(EventType.PERTURBATION, s, t, "lock-joint: joint J_3 locked");
                ev.write(EventType.SUBGOAL_SUCCESS, s, t, "subgoal succeeded");
                ev.write(EventType.SUBGOAL_START, s, t, "subgoal 6: FLIP U");
            }
            case 120 -> ev.write(EventType.PERTURBATION, s, t, "refused: perturbations are for the simulated hand only");
            case 190 -> {
                ev.write(EventType.SUBGOAL_SUCCESS, s, t, "subgoal succeeded");
                ev.write(EventType.EPISODE_END, s, t, "SEQUENCE_DONE: episode 1 ended, 7 of 7 subgoals succeeded");
            }
            case 200 -> {
                ev.write(EventType.EPISODE_START, s, t, "episode 2 started");
                ev.write(EventType.SUBGOAL_START, s, t, "subgoal 1: FLIP R");
            }
            case 210, 240, 300 -> {
                ev.write(EventType.SUBGOAL_SUCCESS, s, t, "subgoal succeeded");
                ev.write(EventType.SUBGOAL_START, s, t, "subgoal n: FLIP F");
            }
            case 215 -> ev.write(EventType.PERTURBATION, s, t, "randomise: dynamics resampled from seed 42");
            case 260 -> {
                ev.write(EventType.PERTURBATION, s, t, "schedule: reset-memory after 3 successes");
                ev.write(EventType.STATE_RESET, s, t, "policy memory reset on request");
                ev.write(EventType.SUBGOAL_SUCCESS, s, t, "subgoal succeeded");
                ev.write(EventType.SUBGOAL_START, s, t, "subgoal 4: FLIP U");
            }
            case 400 -> {
                ev.write(EventType.SUBGOAL_TIMEOUT, s, t, "subgoal timed out");
                ev.write(EventType.SUBGOAL_START, s, t, "subgoal 6: FLIP D");
            }
            case 450 -> ev.write(EventType.EPISODE_END, s, t, "SHUTDOWN: episode 2 ended, 4 of 6 subgoals succeeded");
            case 455 -> ev.write(EventType.SUBGOAL_SUCCESS, s, t, "subgoal succeeded"); // after its episode ended: no time
            default -> { }
        }
    }

    /** Deterministic content from {@code step}; timings from {@code timing} (they stay out of the digest). */
    public static void fill(StepRecord r, long step, long timing) {
        StepLayout l = r.layout();
        long sim = step * PERIOD_NANOS;
        r.step(step).simTimeNanos(sim).flags(flags(step)).episode((int) (step / 1000)).goalIndex((int) (step % 7))
            .goalState((int) (step % 3)).cubePoseCaptureNanos(sim - 1).faceAnglesCaptureNanos(sim - 2)
            .fingertipsCaptureNanos(sim - 3).handReadNanos(sim - 4).stateDigest(step * 0x9E3779B97F4A7C15L);
        for (int i = 0; i < l.observationSize(); i++) {
            r.observation().set(i, step + i * 0.5f);
        }
        for (int i = 0; i < l.actuators() * l.bins(); i++) {
            r.logits().set(i, step * 0.001f + i);
        }
        for (int a = 0; a < l.actuators(); a++) {
            r.bins().set(a, (int) ((step + a) % l.bins()));
            r.policyTargets().set(a, step + a * 0.25);
            r.commandedTargets().set(a, step + a * 0.125);
            r.actuatorPositions().set(a, -step - a);
        }
        for (int j = 0; j < l.joints(); j++) {
            r.jointPositions().set(j, step * 1e-3 + j);
        }
        for (int k = 0; k < 3; k++) {
            r.cubePos().set(k, step + k);
        }
        for (int k = 0; k < 4; k++) {
            r.cubeQuat().set(k, -step + k);
        }
        for (int k = 0; k < 6; k++) {
            r.faceAngles().set(k, step * 0.01 + k);
        }
        r.wallTickNanos(timing * 1_000_000).latenessNanos(timing % 1000).inferenceNanos(20_000 + timing % 500)
            .stepNanos(40_000 + timing % 700).readNanos(1_000).observationNanos(2_000).decodeNanos(3_000)
            .writeNanos(4_000).logHandoffNanos(500).skippedPeriods(0);
    }

    public static int flags(long step) {
        return step % 10 == 0 ? StepFlags.STALE_CUBE_POSE : step % 10 == 5 ? StepFlags.CLIPPED_RANGE : 0;
    }

    /** Null when {@code r} holds exactly what {@link #fill} wrote for {@code step}, else what differs. */
    public static String mismatch(StepRecord r, long step) {
        StepLayout l = r.layout();
        long sim = step * PERIOD_NANOS;
        if (r.schemaVersion() != StepLayout.SCHEMA_VERSION || r.step() != step || r.simTimeNanos() != sim
            || r.flags() != flags(step) || r.episode() != (int) (step / 1000) || r.goalIndex() != (int) (step % 7)
            || r.goalState() != (int) (step % 3) || r.cubePoseCaptureNanos() != sim - 1
            || r.faceAnglesCaptureNanos() != sim - 2 || r.fingertipsCaptureNanos() != sim - 3
            || r.handReadNanos() != sim - 4 || r.stateDigest() != step * 0x9E3779B97F4A7C15L) {
            return "scalar fields of step " + step + " (read step " + r.step() + ")";
        }
        for (int i = 0; i < l.observationSize(); i++) {
            if (r.observation().get(i) != step + i * 0.5f) {
                return "observation[" + i + "] of step " + step;
            }
        }
        for (int i = 0; i < l.actuators() * l.bins(); i++) {
            if (r.logits().get(i) != step * 0.001f + i) {
                return "logits[" + i + "] of step " + step;
            }
        }
        for (int a = 0; a < l.actuators(); a++) {
            if (r.bins().get(a) != (int) ((step + a) % l.bins()) || r.policyTargets().get(a) != step + a * 0.25
                || r.commandedTargets().get(a) != step + a * 0.125 || r.actuatorPositions().get(a) != -step - a) {
                return "actuator " + a + " of step " + step;
            }
        }
        for (int j = 0; j < l.joints(); j++) {
            if (r.jointPositions().get(j) != step * 1e-3 + j) {
                return "joint " + j + " of step " + step;
            }
        }
        for (int k = 0; k < 6; k++) {
            if (k < 3 && r.cubePos().get(k) != step + k || k < 4 && r.cubeQuat().get(k) != -step + k
                || r.faceAngles().get(k) != step * 0.01 + k) {
                return "cube or face angles of step " + step;
            }
        }
        return null;
    }

    /**
     * Writes a copy of the log in {@code from} into {@code to} through the StepLog API (so the copy
     * has valid CRCs and its own digest and trailer), passing every step record to {@code edit}
     * before it is committed: a log with a changed record, as a run that went differently would
     * have written it. Returns the number of steps copied.
     */
    public static long rewrite(Path from, Path to, Consumer<StepRecord> edit) {
        long steps = 0;
        try (StepLogReader r = StepLogReader.open(from);
             StepLog log = StepLog.open(new StepLogConfig(to, StepLogConfig.DEFAULT_RING_BYTES, true), r.header()).start()) {
            EventWriter events = log.newEventWriter();
            for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                if (e == StepLogReader.Entry.STEP) {
                    StepRecord s = log.claimStep();
                    s.buffer().putBytes(s.offset(), r.recordBuffer(), 0, r.recordLength());
                    edit.accept(s);
                    log.commitStep();
                    steps++;
                } else if (r.event().type() != null && r.event().type() != EventType.SHUTDOWN) {
                    EventRecord ev = r.event();
                    events.write(ev.type(), ev.step(), ev.simTimeNanos(), ev.arrivalNanos(), ev.actedNanos(), ev.text());
                }
            }
        }
        return steps;
    }
}
