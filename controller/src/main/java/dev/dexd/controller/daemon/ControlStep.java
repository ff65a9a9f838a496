package dev.dexd.controller.daemon;

import ai.onnxruntime.OrtException;
import dev.dexd.controller.counters.DaemonCounters;
import dev.dexd.controller.counters.DexdCounter;
import dev.dexd.controller.goals.GoalEvents;
import dev.dexd.controller.goals.GoalTracker;
import dev.dexd.controller.goals.Subgoal;
import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.EventWriter;
import dev.dexd.controller.log.StateDigest;
import dev.dexd.controller.log.StepFlags;
import dev.dexd.controller.log.StepLog;
import dev.dexd.controller.log.StepRecord;
import dev.dexd.controller.safety.Supervisor;
import dev.dexd.controller.sensing.SensorFrame;
import dev.dexd.drivers.hand.HandDriver;
import dev.dexd.drivers.hand.HandException;
import dev.dexd.drivers.hand.HandState;
import dev.dexd.policy.PolicyStep;
import dev.dexd.policy.observation.SensorSnapshot;
import dev.dexd.policy.onnx.PolicyRunner;
import java.util.Queue;

/**
 * One control step, on the control thread: apply pending commands, read the sensors and the hand,
 * check staleness, run the goal logic, run the policy, let the supervisor check the action, write
 * the targets, record the step and update the counters. Read -> update -> write, as in ros2_control.
 *
 * <p>Allocates nothing, takes no locks and never waits on another thread; errors become a hold, a
 * flag in the step record, an event and a counter, never an exception out of {@link #tick}.
 */
public final class ControlStep {
    /** Timing of the tick as scheduled, given by the loop (wall-clock; left out of the digest). */
    public static final class Tick {
        public long step;
        public long nowNanos;
        public long wallDeadlineNanos;
        public long latenessNanos;
        public int skippedPeriods;
    }

    private final World world;
    private final HandDriver hand;
    private final PolicyStep policy;
    private final Supervisor supervisor;
    private final GoalTracker goals;
    private final StepLog log;
    private final EventWriter events;
    private final DaemonCounters counters;
    private final Queue<ControlCommand> commands;
    private final Limits limits;
    private final EpisodeRestarter restarter;

    private final int[] handIndex;            // policy actuator i -> hand actuator handIndex[i]
    private final HandState state = new HandState();
    private final SensorFrame frame = new SensorFrame();
    private final SensorSnapshot snapshot = new SensorSnapshot();
    private final double[] positions;         // policy order
    private final double[] policyTargets;
    private final double[] commanded;
    private final double[] handTargets = new double[HandState.ACTUATORS];
    private final StringBuilder text = new StringBuilder(256);

    private boolean anchored;
    private boolean memoryResetPending;
    private boolean shutdownRequested;
    private long worstLateness;
    private long worstInference;

    /** Sensor age limits and the control period. */
    public record Limits(long periodNanos, long cubePoseNanos, long faceAnglesNanos, long fingertipsNanos,
                         long handNanos) {
    }

    /** Starts a new episode in the world when one ends (simulation), or does nothing. */
    public interface EpisodeRestarter {
        /** Called on the control thread after an episode ended; returns true when a new one was started. */
        boolean restart(long step, GoalTracker goals, World world);
    }

    public ControlStep(World world, HandDriver hand, PolicyStep policy, Supervisor supervisor, GoalTracker goals,
                       StepLog log, DaemonCounters counters, Queue<ControlCommand> commands, Limits limits,
                       int[] handIndex, EpisodeRestarter restarter) {
        this.world = world;
        this.hand = hand;
        this.policy = policy;
        this.supervisor = supervisor;
        this.goals = goals;
        this.log = log;
        this.events = log.newEventWriter();
        this.counters = counters;
        this.commands = commands;
        this.limits = limits;
        this.handIndex = handIndex.clone();
        this.restarter = restarter;
        int n = handIndex.length;
        this.positions = new double[n];
        this.policyTargets = new double[n];
        this.commanded = new double[n];
    }

    /** Runs one step. */
    public void tick(Tick tick) {
        final long t0 = System.nanoTime();
        final long step = tick.step;
        final long now = tick.nowNanos;
        int flags = tick.skippedPeriods > 0 ? StepFlags.OVERRUN : 0;

        applyCommands(step, now);

        // read
        world.latest(frame);
        boolean handOk = readHand(step, now);
        final long tRead = System.nanoTime();

        // staleness
        int stale = 0;
        if (SensorFrame.age(now, frame.cubePoseCaptureNanos) > limits.cubePoseNanos()) {
            stale |= StepFlags.STALE_CUBE_POSE;
        }
        if (SensorFrame.age(now, frame.faceAnglesCaptureNanos) > limits.faceAnglesNanos()) {
            stale |= StepFlags.STALE_FACE_ANGLES;
        }
        if (SensorFrame.age(now, frame.fingertipsCaptureNanos) > limits.fingertipsNanos()) {
            stale |= StepFlags.STALE_FINGERTIPS;
        }
        if (!handOk || now - (state.stampNanos + world.handClockOffsetNanos()) > limits.handNanos()) {
            stale |= StepFlags.STALE_HAND;
        }

        // goals (before the observation, so the policy sees a new goal at once)
        int goalEvents = 0;
        if (goals.isRunning() && (stale & (StepFlags.STALE_CUBE_POSE | StepFlags.STALE_FACE_ANGLES)) == 0) {
            goalEvents = goals.onStep(step, frame.cubePos, frame.cubeQuat, frame.faceAngles, snapshot.goalQuat,
                snapshot.goalFaceAngles);
        }
        if ((goalEvents & GoalEvents.EPISODE_STARTED) != 0 || memoryResetPending) {
            policy.reset();
            flags |= StepFlags.STATE_RESET;
            if (memoryResetPending) {
                event(EventType.STATE_RESET, step, now, "policy memory reset on request");
            }
            memoryResetPending = false;
        }
        if (!anchored || (goalEvents & GoalEvents.EPISODE_STARTED) != 0) {
            supervisor.anchor(positions);
            anchored = true;
        }
        if (goalEvents != 0) {
            goalEventsToLog(goalEvents, step, now);
        }

        // update
        long inference = 0;
        long observationNanos = 0;
        long decodeNanos = 0;
        if (supervisor.isEstopped()) {
            flags |= StepFlags.ESTOP_HOLD;
            supervisor.hold(commanded);
        } else if (!goals.isRunning()) {
            flags |= StepFlags.PAUSED_HOLD;
            supervisor.hold(commanded);
        } else if (stale != 0) {
            flags |= stale;
            supervisor.hold(commanded);
            counters.staleSensorHolds().incrementOrdered();
        } else {
            fillSnapshot();
            int result;
            try {
                result = policy.step(snapshot, positions, policyTargets);
            } catch (OrtException e) {
                result = -1;
                flags |= StepFlags.DRIVER_ERROR_HOLD;
                event(EventType.ERROR, step, now, "policy run failed; holding");
            }
            observationNanos = policy.assembleNanos();
            inference = policy.runNanos();
            decodeNanos = policy.decodeNanos();
            if (result == PolicyStep.RAN) {
                flags |= StepFlags.POLICY_RAN;
                int clip = supervisor.check(policyTargets, commanded);
                if ((clip & Supervisor.CLIPPED_RANGE) != 0) {
                    flags |= StepFlags.CLIPPED_RANGE;
                }
                if ((clip & Supervisor.CLIPPED_RATE) != 0) {
                    flags |= StepFlags.CLIPPED_RATE;
                }
                if (clip != 0) {
                    counters.safetyClips().incrementOrdered();
                }
            } else {
                if (result == PolicyStep.HELD) {
                    flags |= StepFlags.POLICY_HELD_NONFINITE;
                }
                supervisor.hold(commanded);
            }
        }
        if ((flags & StepFlags.HOLD_MASK) != 0) {
            System.arraycopy(commanded, 0, policyTargets, 0, commanded.length);
        }
        final long tDecide = System.nanoTime();

        // write
        if (!supervisor.isEstopped()) {
            for (int i = 0; i < commanded.length; i++) {
                handTargets[handIndex[i]] = commanded[i];
            }
            try {
                hand.write(handTargets);
            } catch (HandException e) {
                flags |= StepFlags.DRIVER_ERROR_HOLD;
                driverError(step, now, "write", e);
            }
        }
        final long tWrite = System.nanoTime();

        // record
        record(tick, flags, inference, observationNanos, decodeNanos, t0, tRead, tDecide, tWrite);

        counters.steps().incrementOrdered();
        if (tick.skippedPeriods > 0) {
            counters.overruns().getAndAddOrdered(tick.skippedPeriods);
        }
        if (tick.latenessNanos > worstLateness) {
            worstLateness = tick.latenessNanos;
            counters.worstLatenessNs().setOrdered(worstLateness);
        }
        if (inference > worstInference) {
            worstInference = inference;
            counters.worstInferenceNs().setOrdered(worstInference);
        }
        counters.lostLogRecords().setOrdered(log.lostRecords());
        if ((goalEvents & GoalEvents.SUBGOAL_SUCCEEDED) != 0) {
            counters.subgoalsDone().incrementOrdered(); // over the whole run; the tracker counts per episode
        }
        if ((goalEvents & (GoalEvents.SUBGOAL_TIMED_OUT | GoalEvents.DROPPED)) != 0) {
            counters.subgoalsFailed().incrementOrdered();
        }
        counters.episode().setOrdered(goals.episodes());
        counters.estopLatched().setOrdered(supervisor.isEstopped() ? 1 : 0);

        if ((goalEvents & GoalEvents.EPISODE_ENDED) != 0 && restarter != null) {
            restarter.restart(step, goals, world);
        }
    }

    /** Whether a SHUTDOWN command was applied. */
    public boolean shutdownRequested() {
        return shutdownRequested;
    }

    public GoalTracker goals() {
        return goals;
    }

    /** On shutdown, from the control thread: hold the hand where it is (the log's trailer records the stop). */
    public void holdForShutdown(long step, long now) {
        try {
            hand.hold();
        } catch (HandException e) {
            driverError(step, now, "hold", e);
        }
    }

    private boolean readHand(long step, long now) {
        try {
            hand.read(state);
        } catch (HandException e) {
            driverError(step, now, "read", e);
            return false;
        }
        for (int i = 0; i < positions.length; i++) {
            positions[i] = state.actuatorPos[handIndex[i]];
        }
        return true;
    }

    private void fillSnapshot() {
        System.arraycopy(frame.fingertipPos, 0, snapshot.fingertipPos, 0, 15);
        System.arraycopy(frame.cubePos, 0, snapshot.cubePos, 0, 3);
        System.arraycopy(frame.cubeQuat, 0, snapshot.cubeQuat, 0, 4);
        System.arraycopy(frame.faceAngles, 0, snapshot.cubeFaceAngles, 0, 6);
        System.arraycopy(state.jointPos, 0, snapshot.jointPos, 0, HandState.JOINTS);
        System.arraycopy(state.jointVel, 0, snapshot.jointVel, 0, HandState.JOINTS);
    }

    private void applyCommands(long step, long now) {
        ControlCommand c;
        while ((c = commands.poll()) != null) {
            boolean ok = true;
            switch (c.type()) {
                case ESTOP -> {
                    supervisor.estop();
                    try {
                        hand.hold();
                    } catch (HandException e) {
                        driverError(step, now, "hold", e);
                    }
                    event(EventType.ESTOP, step, now, "e-stop latched");
                }
                case RESET -> {
                    if (supervisor.isEstopped()) {
                        try {
                            hand.resume();
                            hand.read(state);
                            for (int i = 0; i < positions.length; i++) {
                                positions[i] = state.actuatorPos[handIndex[i]];
                            }
                            supervisor.resetEstop(positions);
                            event(EventType.ESTOP_RESET, step, now, "e-stop cleared");
                        } catch (HandException e) {
                            ok = false;
                            driverError(step, now, "resume", e);
                        }
                    }
                }
                case START -> ok = goals.start();
                case PAUSE -> goals.stop();
                case RESET_MEMORY -> memoryResetPending = true;
                case PUSH_GOALS -> {
                    ok = goals.push(c.plan());
                    text.setLength(0);
                    text.append(ok ? "pushed " : "queue full, refused ").append(c.plan().size()).append(" subgoals");
                    event(EventType.GOAL_PUSHED, step, now, text);
                }
                case CLEAR_GOALS -> goals.clear();
                case SHUTDOWN -> shutdownRequested = true;
                // console commands: text goes into the requester's builder, so nothing is allocated here
                case STATUS -> dev.dexd.controller.console.ControlThreadText.status(c.reply(), step, goals,
                    supervisor.isEstopped());
                case LIST_GOALS -> dev.dexd.controller.console.ControlThreadText.goals(c.reply(), step, goals);
                case PUSH_MOVES -> {
                    dev.dexd.controller.goals.SubgoalPlan plan = c.planFor(goals.plannedTopFace());
                    c.pushedPlan(plan);
                    ok = goals.push(plan);
                    if (!ok && c.reply() != null) {
                        c.reply().append("room for ").append(goals.queue().remaining());
                    }
                    text.setLength(0);
                    text.append(ok ? "pushed " : "queue full, refused ").append(plan.size()).append(" subgoals for ")
                        .append(plan.moves().size()).append(" moves, ").append(plan.topAtStart().letter())
                        .append(" on top at the start");
                    event(EventType.GOAL_PUSHED, step, now, text);
                }
                case LOCK_JOINT, UNLOCK_JOINTS -> {
                    ok = hand instanceof dev.dexd.drivers.sim.SimulatedHand;
                    text.setLength(0);
                    try {
                        if (!ok) {
                            text.append("refused: the hand is not a simulation");
                        } else if (c.type() == ControlCommand.Type.LOCK_JOINT) {
                            ((dev.dexd.drivers.sim.SimulatedHand) hand).lockJoint(c.joint(), true);
                            text.append("joint ").append(c.jointName()).append(" locked");
                        } else {
                            ((dev.dexd.drivers.sim.SimulatedHand) hand).clearFaults();
                            text.append("every joint unlocked");
                        }
                    } catch (HandException e) {
                        ok = false;
                        text.append("refused: ").append(e.getMessage());
                    }
                    if (!ok && c.reply() != null) {
                        c.reply().append(text);
                    }
                    event(EventType.PERTURBATION, step, now, text);
                }
                default -> ok = false;
            }
            c.complete(ok, step, System.nanoTime());
        }
    }

    private void goalEventsToLog(int ev, long step, long now) {
        if ((ev & GoalEvents.EPISODE_STARTED) != 0) {
            text.setLength(0);
            text.append("episode ").append(goals.episodes()).append(" started");
            event(EventType.EPISODE_START, step, now, text);
        }
        if ((ev & GoalEvents.SUBGOAL_SUCCEEDED) != 0) {
            event(EventType.SUBGOAL_SUCCESS, step, now, "subgoal succeeded");
        }
        if ((ev & GoalEvents.SUBGOAL_TIMED_OUT) != 0) {
            event(EventType.SUBGOAL_TIMEOUT, step, now, "subgoal timed out");
        }
        if ((ev & GoalEvents.DROPPED) != 0) {
            event(EventType.DROP, step, now, "cube dropped");
        }
        if ((ev & GoalEvents.SUBGOAL_STARTED) != 0) {
            Subgoal s = goals.activeSubgoal();
            text.setLength(0);
            text.append("subgoal ").append(goals.attempted()).append(": ").append(s.kind().name());
            if (goals.activeFace() != null) {
                text.append(' ').append(goals.activeFace().name());
            }
            if (s.turn() != null) {
                text.append(' ').append(s.turn().name());
            }
            if ((ev & GoalEvents.CORRECTIVE_FLIP) != 0) {
                text.append(" (corrective)");
            }
            event(EventType.SUBGOAL_START, step, now, text);
        }
        if ((ev & GoalEvents.EPISODE_ENDED) != 0) {
            text.setLength(0);
            text.append(goals.endReason().name()).append(": episode ").append(goals.episodes()).append(" ended, ")
                .append(goals.succeeded()).append(" of ").append(goals.attempted()).append(" subgoals succeeded");
            event(EventType.EPISODE_END, step, now, text);
        }
    }

    private void driverError(long step, long now, String call, HandException e) {
        text.setLength(0);
        text.append("hand ").append(call).append(" failed, e-stop latched: ").append(e.getMessage());
        event(EventType.DRIVER_ERROR, step, now, text);
        if (!supervisor.isEstopped()) {
            supervisor.estop();
            try {
                hand.hold();
            } catch (HandException ignored) {
                // already reporting a driver failure; the library's watchdog holds the hand too
            }
        }
    }

    private void event(EventType type, long step, long now, CharSequence message) {
        events.write(type, step, now, message);
    }

    private void record(Tick tick, int flags, long inference, long observationNanos, long decodeNanos, long t0,
                        long tRead, long tDecide, long tWrite) {
        StepRecord r = log.claimStep();
        if (r == null) {
            return;
        }
        r.step(tick.step).simTimeNanos(tick.nowNanos).flags(flags)
            .episode((int) goals.episodes()).goalIndex(goals.attempted()).goalState(goals.isRunning() ? 1 : 0)
            .cubePoseCaptureNanos(frame.cubePoseCaptureNanos).faceAnglesCaptureNanos(frame.faceAnglesCaptureNanos)
            .fingertipsCaptureNanos(frame.fingertipsCaptureNanos)
            .handReadNanos(state.stampNanos + world.handClockOffsetNanos());
        PolicyRunner runner = policy.runner();
        long digest = StateDigest.INITIAL;
        for (int i = 0; i < runner.statePairs(); i++) {
            digest = StateDigest.update(digest, runner.state(i));
        }
        r.stateDigest(digest);
        r.observation().putFrom(policy.observation());
        r.logits().putFrom(policy.logits());
        r.bins().putFrom(policy.bins());
        r.policyTargets().putFrom(policyTargets);
        r.commandedTargets().putFrom(commanded);
        r.actuatorPositions().putFrom(positions);
        r.jointPositions().putFrom(state.jointPos);
        r.cubePos().putFrom(frame.cubePos);
        r.cubeQuat().putFrom(frame.cubeQuat);
        r.faceAngles().putFrom(frame.faceAngles);
        long tLog = System.nanoTime();
        r.wallTickNanos(tick.wallDeadlineNanos).latenessNanos(tick.latenessNanos).inferenceNanos(inference)
            .skippedPeriods(tick.skippedPeriods).readNanos(tRead - t0).observationNanos(observationNanos)
            .decodeNanos(decodeNanos).writeNanos(tWrite - tDecide).stepNanos(tLog - t0).logHandoffNanos(tLog - tWrite);
        log.commitStep();
    }

    // ---- failure and e-stop paths, called by the runner (ControlAgent) on the control thread ----

    private long failureBurstSteps = -1;      // counters' steps at the burst's last failure, -1 when none

    /**
     * Any {@code Throwable} out of {@link #tick} (a bug, a library error, an injected fault): the
     * e-stop latches and the hand holds, the failure is counted, and the first failure of a burst
     * (no tick completed since, the e-stop not reset since) is logged as an ERROR event and printed
     * once; the rest of the burst is only counted, so a tick that always throws allocates and logs
     * nothing more. The loop goes on ticking, in hold, until an explicit reset.
     */
    public void onTickFailure(Throwable t, long step, long nowNanos) {
        log.abortStepIfClaimed(); // the failed tick may have left its record half-written
        boolean newBurst = !supervisor.isEstopped() || counters.steps().get() != failureBurstSteps;
        supervisor.estop();
        Throwable holdFailure = null;
        try {
            hand.hold();
        } catch (Throwable e) {
            holdFailure = e; // the library's watchdog holds the hand too
        }
        counters.estopLatched().setOrdered(1);
        counters.counter(DexdCounter.CONTROL_ERRORS).incrementOrdered();
        failureBurstSteps = counters.steps().get();
        if (newBurst) {
            text.setLength(0);
            text.append("tick failed, e-stop latched, hand held");
            if (holdFailure != null) {
                text.append(" (hold failed: ").append(holdFailure.getClass().getName()).append(')');
            }
            text.append(": ").append(t.getClass().getName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            }
            events.write(EventType.ERROR, step, nowNanos, text);
            System.err.println("dexd: control step " + step + " failed: " + t + (holdFailure != null
                ? "; hold failed too: " + holdFailure : "") + "; e-stop latched, the hand holds until 'reset'");
        }
    }

    /**
     * An e-stop between ticks: latches the supervisor, holds the hand at once and logs an ESTOP event
     * with the arrival time and the time the hand was held (wall clock, outside the digest; the text
     * carries no time). {@code step} is the next step (the first to be flagged as an e-stop hold).
     * Returns the System.nanoTime at which the hold was written.
     */
    public long estopNow(long arrivalNanos, long step, long simNanos) {
        supervisor.estop();
        boolean held = true;
        try {
            hand.hold();
        } catch (HandException e) {
            held = false;
            driverError(step, simNanos, "hold", e);
        }
        long heldNanos = System.nanoTime();
        counters.estopLatched().setOrdered(1);
        events.write(EventType.ESTOP, step, simNanos, arrivalNanos, heldNanos,
            held ? "e-stop latched between ticks, hand held" : "e-stop latched between ticks, the hold failed");
        return heldNanos;
    }
}
