package dev.dexd.controller.daemon;

import dev.dexd.controller.command.ControlCommand;
import dev.dexd.controller.counters.DaemonCounters;
import dev.dexd.controller.counters.DexdCounter;
import dev.dexd.controller.counters.SensorCounter;
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
import dev.dexd.common.sensing.SensorFrame;
import dev.dexd.common.sensing.SensorKind;
import dev.dexd.controller.sensing.SensorSources;
import org.agrona.concurrent.status.AtomicCounter;
import dev.dexd.drivers.hand.HandDriver;
import dev.dexd.drivers.hand.HandError;
import dev.dexd.drivers.hand.HandException;
import dev.dexd.drivers.hand.HandState;
import dev.dexd.drivers.hand.HandStatus;
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
 * flag in the step record, an event (once per burst) and a counter, never an exception out of
 * {@link #tick}. Faults that mean the hand cannot be trusted (a failed driver call, a FAULT read, a
 * following error) latch the e-stop and hold the hand; faults of the inputs (stale sensors,
 * non-finite policy outputs, a policy runtime error) hold for as long as they last. Commands are
 * applied through a {@link CommandRegistry} of small handlers.
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
    private final SensorSources sensors;
    private final AtomicCounter[] staleTicks;  // per SensorKind: ticks its sample was too old
    private final boolean layoutFingertips;     // the log's records carry the fingertips / the facelets
    private final boolean layoutCubeState;
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
    private final PerturbationSchedule schedule;
    private final CommandRegistry registry = new CommandRegistry();
    private final String[] actuatorNames;    // policy order, for following-error events

    private final int[] handIndex;            // policy actuator i -> hand actuator handIndex[i]
    private final HandState state = new HandState();
    private final SensorFrame frame = new SensorFrame();
    private final SensorSnapshot snapshot = new SensorSnapshot();
    private final double[] positions;         // policy order
    private final double[] policyTargets;
    private final double[] commanded;
    private final double[] handTargets = new double[HandState.ACTUATORS];
    private final StringBuilder text = new StringBuilder(256);
    private final int[] followingPeriods;     // consecutive periods over the limit, per actuator

    private boolean anchored;
    private boolean memoryResetPending;
    private boolean shutdownRequested;
    private long worstLateness;
    private long worstInference;
    private boolean wroteLastTick;            // the targets in 'commanded' reached the hand last tick
    private boolean driverFailing;            // in a burst of driver failures (one event per burst)
    private boolean policyFailing;            // in a burst of non-finite or failed policy steps
    private int staleReported;                // stale bits already reported by an event
    private String estopReason = ESTOP_OPERATOR; // why the e-stop latched, for 'status' (one word)

    /**
     * The control period, the hand reading's age limit (the sensors' are in {@link SensorSources}), and the following error: an actuator farther than
     * {@code followingErrorRad} from the target written the tick before, for
     * {@code followingErrorPeriods} consecutive ticks, latches the e-stop.
     */
    public record Limits(long periodNanos, long handNanos, double followingErrorRad, int followingErrorPeriods) {
    }

    /** Starts a new episode in the world when one ends (simulation), or does nothing. */
    public interface EpisodeRestarter {
        /** Called on the control thread after an episode ended; returns true when a new one was started. */
        boolean restart(long step, GoalTracker goals, World world);
    }

    public ControlStep(World world, SensorSources sensors, HandDriver hand, PolicyStep policy, Supervisor supervisor,
                       GoalTracker goals, StepLog log, DaemonCounters counters, Queue<ControlCommand> commands,
                       Limits limits, int[] handIndex, EpisodeRestarter restarter) {
        this(world, sensors, hand, policy, supervisor, goals, log, counters, commands, limits, handIndex, restarter,
            new PerturbationSeeds(0), PerturbationSchedule.NONE);
    }

    /**
     * @param seeds the run's perturbation seeds (for a console {@code perturb randomise} without a seed)
     * @param schedule the perturbations applied at the episode's N-th success
     */
    ControlStep(World world, SensorSources sensors, HandDriver hand, PolicyStep policy, Supervisor supervisor,
                GoalTracker goals, StepLog log, DaemonCounters counters, Queue<ControlCommand> commands, Limits limits,
                int[] handIndex, EpisodeRestarter restarter, PerturbationSeeds seeds, PerturbationSchedule schedule) {
        this.world = world;
        this.sensors = sensors;
        this.staleTicks = new AtomicCounter[SensorKind.values().length];
        for (SensorKind k : SensorKind.values()) {
            staleTicks[k.ordinal()] = counters.newCounter(SensorCounter.STALE, k.text(), null);
        }
        this.layoutFingertips = log.layout().hasFingertips();
        this.layoutCubeState = log.layout().hasCubeState();
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
        this.schedule = schedule;
        int n = handIndex.length;
        this.positions = new double[n];
        this.policyTargets = new double[n];
        this.commanded = new double[n];
        this.followingPeriods = new int[n];
        this.actuatorNames = new String[n];
        for (int i = 0; i < n; i++) {
            actuatorNames[i] = hand.describe().actuatorNames().get(handIndex[i]);
        }
        registry.on(ControlCommand.Type.ESTOP, this::estop)
            .on(ControlCommand.Type.RESET, this::reset)
            .on(ControlCommand.Type.RESET_MEMORY, (c, step, now) -> memoryResetPending = true)
            .on(ControlCommand.Type.SHUTDOWN, (c, step, now) -> shutdownRequested = true);
        new GoalCommands(goals, supervisor, () -> estopReason, events).register(registry);
        new PerturbationCommands(world.perturbations(), events, seeds).register(registry);
    }

    /** Runs one step. */
    public void tick(Tick tick) {
        final long t0 = System.nanoTime();
        final long step = tick.step;
        final long now = tick.nowNanos;
        int flags = tick.skippedPeriods > 0 ? StepFlags.OVERRUN : 0;

        applyCommands(step, now);

        // read: the hand, then every sensor source (kinematics computes from this reading)
        world.beforeRead();
        boolean handOk = readHand(step, now);
        if (!handOk) {
            flags |= StepFlags.DRIVER_ERROR_HOLD;
        }
        sensors.tick(state.jointPos, state.stampNanos + world.handClockOffsetNanos(), frame);
        final long tRead = System.nanoTime();
        if (handOk) {
            flags |= checkFollowing(step, now);
        }

        // staleness
        // (a kind without a source has an unlimited age limit: never stale)
        int stale = 0;
        if (frame.cubePose.ageNanos(now) > sensors.staleNanos(SensorKind.CUBE_POSE)) {
            stale |= StepFlags.STALE_CUBE_POSE;
            staleTicks[SensorKind.CUBE_POSE.ordinal()].incrementRelease();
        }
        if (frame.faceAngles.ageNanos(now) > sensors.staleNanos(SensorKind.FACE_ANGLES)) {
            stale |= StepFlags.STALE_FACE_ANGLES;
            staleTicks[SensorKind.FACE_ANGLES.ordinal()].incrementRelease();
        }
        if (frame.fingertips.ageNanos(now) > sensors.staleNanos(SensorKind.FINGERTIPS)) {
            stale |= StepFlags.STALE_FINGERTIPS;
            staleTicks[SensorKind.FINGERTIPS.ordinal()].incrementRelease();
        }
        if (!handOk || now - (state.stampNanos + world.handClockOffsetNanos()) > limits.handNanos()) {
            stale |= StepFlags.STALE_HAND;
        }

        // goals (before the observation, so the policy sees a new goal at once)
        int goalEvents = 0;
        if (goals.isRunning() && (stale & (StepFlags.STALE_CUBE_POSE | StepFlags.STALE_FACE_ANGLES)) == 0) {
            goalEvents = goals.onStep(step, frame.cubePose.position, frame.cubePose.quaternion, frame.faceAngles.angles, snapshot.goalQuat,
                snapshot.goalFaceAngles);
        }
        if ((goalEvents & GoalEvents.SUBGOAL_SUCCEEDED) != 0) {
            schedule.onSuccess(goals.succeeded(), registry, step, now); // a reset-memory applies on this step
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
            java.util.Arrays.fill(followingPeriods, 0);
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
            if ((stale & ~staleReported) != 0) {
                staleEvent(stale, step, now);
            }
        } else {
            fillSnapshot();
            int result;
            try {
                result = policy.step(snapshot, positions, policyTargets);
            } catch (Exception e) { // OrtException, or a runtime failure inside ORT's binding: hold
                result = -1;
                flags |= StepFlags.DRIVER_ERROR_HOLD;
                counters.policyErrors().incrementOrdered();
                if (!policyFailing) {
                    policyFailing = true;
                    text.setLength(0);
                    text.append("policy run failed, holding until it runs again: ").append(e.getMessage());
                    event(EventType.ERROR, step, now, text);
                }
            }
            observationNanos = policy.assembleNanos();
            inference = policy.runNanos();
            decodeNanos = policy.decodeNanos();
            if (result == PolicyStep.RAN) {
                policyFailing = false;
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
                if (result == PolicyStep.HELD || result == PolicyStep.HELD_OUTPUT) {
                    flags |= result == PolicyStep.HELD ? StepFlags.POLICY_HELD_NONFINITE
                        : StepFlags.POLICY_OUTPUT_NONFINITE;
                    nonFinite(result, step, now);
                }
                supervisor.hold(commanded);
            }
        }
        if (stale == 0) {
            staleReported = 0;
        }
        if ((flags & StepFlags.HOLD_MASK) != 0) {
            System.arraycopy(commanded, 0, policyTargets, 0, commanded.length);
        }
        final long tDecide = System.nanoTime();

        // write
        wroteLastTick = false;
        if (!supervisor.isEstopped()) {
            for (int i = 0; i < commanded.length; i++) {
                handTargets[handIndex[i]] = commanded[i];
            }
            int rc = hand.tryWrite(handTargets);
            if (rc < 0) {
                flags |= StepFlags.DRIVER_ERROR_HOLD;
                driverFailure(step, now, "write", rc);
            } else {
                wroteLastTick = true;
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
        // the logger thread watches its disk; this thread only copies what it found (volatile reads, no syscall)
        counters.logFailing().setOrdered(log.failing() ? 1 : 0);
        counters.logFreeMb().setOrdered(log.freeDiskMb());
        if ((goalEvents & GoalEvents.SUBGOAL_SUCCEEDED) != 0) {
            counters.subgoalsDone().incrementOrdered(); // over the whole run; the tracker counts per episode
        }
        if ((goalEvents & (GoalEvents.SUBGOAL_TIMED_OUT | GoalEvents.DROPPED)) != 0) {
            counters.subgoalsFailed().incrementOrdered();
        }
        counters.episode().setOrdered(goals.episodes());
        counters.estopLatched().setOrdered(supervisor.isEstopped() ? 1 : 0);
        counters.estops().setOrdered(supervisor.latches());

        if ((goalEvents & GoalEvents.EPISODE_ENDED) != 0 && restarter != null
            && restarter.restart(step, goals, world)) {
            wroteLastTick = false; // the world moved the hand: its targets are the new episode's
            sensors.episodeStarted(now); // what the sources saw before the reset is not this episode's
        }
    }

    /** Whether a SHUTDOWN command was applied. */
    public boolean shutdownRequested() {
        return shutdownRequested;
    }

    public GoalTracker goals() {
        return goals;
    }

    /** Whether a handler for {@code type} is registered (every type has one). */
    boolean handles(ControlCommand.Type type) {
        return registry.handles(type);
    }

    /** On shutdown, from the control thread: hold the hand where it is (the log's trailer records the stop). */
    public void holdForShutdown(long step, long now) {
        try {
            hand.hold();
        } catch (HandException e) {
            driverFailure(step, now, "hold", e.error().code());
        }
    }

    /** Reads the hand; false (and a latched e-stop) when the call failed or the hand reports FAULT. */
    private boolean readHand(long step, long now) {
        int rc = hand.tryRead(state);
        if (rc < 0) {
            driverFailure(step, now, "read", rc);
            return false;
        }
        if ((state.status & HandStatus.FAULT) != 0) {
            driverFailure(step, now, "read", FAULT_STATUS);
            return false; // the hand says its state cannot be trusted: positions stay as last read
        }
        driverFailing = false;
        for (int i = 0; i < positions.length; i++) {
            positions[i] = state.actuatorPos[handIndex[i]];
        }
        return true;
    }

    /**
     * Compares the targets written last tick with the positions read now; an actuator over the
     * limit for the configured number of consecutive periods latches the e-stop (a jammed joint,
     * a broken tendon: pushing on would only strain it).
     */
    private int checkFollowing(long step, long now) {
        if (!wroteLastTick || supervisor.isEstopped()) {
            java.util.Arrays.fill(followingPeriods, 0);
            return 0;
        }
        int worst = -1;
        for (int i = 0; i < commanded.length; i++) {
            if (Math.abs(commanded[i] - positions[i]) > limits.followingErrorRad()) {
                if (++followingPeriods[i] >= limits.followingErrorPeriods()
                    && (worst < 0 || followingPeriods[i] > followingPeriods[worst])) {
                    worst = i;
                }
            } else {
                followingPeriods[i] = 0;
            }
        }
        if (worst < 0) {
            return 0;
        }
        counters.followingErrorTrips().incrementOrdered();
        text.setLength(0);
        text.append("following error on actuator ").append(actuatorNames[worst]).append(": ")
            .append(Math.round(Math.abs(commanded[worst] - positions[worst]) * 1000)).append(" mrad from its target for ")
            .append(followingPeriods[worst]).append(" periods (limit ")
            .append(Math.round(limits.followingErrorRad() * 1000)).append(" mrad); e-stop latched");
        event(EventType.FOLLOWING_ERROR, step, now, text);
        latchEstop(ESTOP_FOLLOWING_ERROR);
        java.util.Arrays.fill(followingPeriods, 0);
        return StepFlags.FOLLOWING_ERROR_HOLD;
    }

    private void nonFinite(int result, long step, long now) {
        counters.nonFiniteHolds().incrementOrdered();
        if (policyFailing) {
            return;
        }
        policyFailing = true;
        text.setLength(0);
        if (result == PolicyStep.HELD) {
            text.append("observation not finite: the policy was skipped, holding until it is");
        } else {
            text.append("policy output '").append(policy.runner().outputName(policy.nonFiniteOutput()))
                .append("' not finite: holding, the carried state stays the last finite one");
        }
        event(EventType.POLICY_NONFINITE, step, now, text);
    }

    private void staleEvent(int stale, long step, long now) {
        text.setLength(0);
        text.append("stale, holding:");
        if ((stale & StepFlags.STALE_CUBE_POSE) != 0) {
            text.append(" cube_pose");
        }
        if ((stale & StepFlags.STALE_FACE_ANGLES) != 0) {
            text.append(" face_angles");
        }
        if ((stale & StepFlags.STALE_FINGERTIPS) != 0) {
            text.append(" fingertips");
        }
        if ((stale & StepFlags.STALE_HAND) != 0) {
            text.append(" hand");
        }
        event(EventType.STALE_SENSOR, step, now, text);
        staleReported |= stale;
    }

    private void fillSnapshot() {
        System.arraycopy(frame.fingertips.positions, 0, snapshot.fingertipPos, 0, 15);
        System.arraycopy(frame.cubePose.position, 0, snapshot.cubePos, 0, 3);
        System.arraycopy(frame.cubePose.quaternion, 0, snapshot.cubeQuat, 0, 4);
        System.arraycopy(frame.faceAngles.angles, 0, snapshot.cubeFaceAngles, 0, 6);
        System.arraycopy(state.jointPos, 0, snapshot.jointPos, 0, HandState.JOINTS);
        System.arraycopy(state.jointVel, 0, snapshot.jointVel, 0, HandState.JOINTS);
    }

    private void applyCommands(long step, long now) {
        ControlCommand c;
        while ((c = commands.poll()) != null) {
            boolean ok = registry.apply(c, step, now);
            c.complete(ok, step, System.nanoTime());
        }
    }

    private boolean estop(ControlCommand c, long step, long now) {
        if (!supervisor.isEstopped()) {
            estopReason = ESTOP_OPERATOR;
        }
        supervisor.estop();
        try {
            hand.hold();
        } catch (HandException e) {
            driverFailure(step, now, "hold", e.error().code());
        }
        event(EventType.ESTOP, step, now, "e-stop latched");
        return true;
    }

    private boolean reset(ControlCommand c, long step, long now) {
        if (!supervisor.isEstopped()) {
            return true;
        }
        try {
            hand.resume();
            hand.read(state);
            if ((state.status & HandStatus.FAULT) != 0) {
                hand.hold();
                if (c.reply() != null) {
                    c.reply().append("the hand still reports FAULT: the e-stop stays latched");
                }
                return false;
            }
            for (int i = 0; i < positions.length; i++) {
                positions[i] = state.actuatorPos[handIndex[i]];
            }
            supervisor.resetEstop(positions);
            driverFailing = false;
            event(EventType.ESTOP_RESET, step, now, "e-stop cleared");
            return true;
        } catch (HandException e) {
            driverFailure(step, now, "resume", e.error().code());
            return false;
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

    /** Why the e-stop latched, as {@code status} shows it. */
    static final String ESTOP_OPERATOR = "operator";
    static final String ESTOP_DRIVER = "driver";
    static final String ESTOP_FOLLOWING_ERROR = "following-error";
    static final String ESTOP_TICK_FAILURE = "tick-failure";

    /** Code for a read that succeeded but reported {@link HandStatus#FAULT}. */
    private static final int FAULT_STATUS = 1;

    /**
     * A hand call failed ({@code rc} negative) or a read reported FAULT ({@link #FAULT_STATUS}): count
     * it; on the first of a burst, write the event (the library's text) and latch the e-stop. A dead
     * hand thus costs a counter increment per tick, not an event or an allocation.
     */
    private void driverFailure(long step, long now, String call, int rc) {
        counters.driverErrors().incrementOrdered();
        if (driverFailing) {
            return;
        }
        driverFailing = true;
        text.setLength(0);
        if (rc == FAULT_STATUS) {
            text.append("hand ").append(call).append(" reports FAULT (state not trusted), e-stop latched");
        } else {
            text.append("hand ").append(call).append(" failed (").append(HandError.of(rc).name()).append("), e-stop latched: ")
                .append(hand.lastError());
        }
        event(EventType.DRIVER_ERROR, step, now, text);
        latchEstop(ESTOP_DRIVER);
    }

    /** Latches the e-stop and has the hand hold its measured position (once: a latched e-stop is not re-sent). */
    private void latchEstop(String reason) {
        if (supervisor.isEstopped()) {
            return;
        }
        estopReason = reason;
        supervisor.estop();
        try {
            hand.hold();
        } catch (HandException ignored) {
            counters.driverErrors().incrementOrdered(); // already reporting a failure; the library's watchdog holds too
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
            .cubePoseCaptureNanos(frame.cubePose.captureNanos).faceAnglesCaptureNanos(frame.faceAngles.captureNanos)
            .fingertipsCaptureNanos(frame.fingertips.captureNanos)
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
        r.cubePos().putFrom(frame.cubePose.position);
        r.cubeQuat().putFrom(frame.cubePose.quaternion);
        r.faceAngles().putFrom(frame.faceAngles.angles);
        if (layoutFingertips) {
            r.fingertips().putFrom(frame.fingertips.positions);
        }
        if (layoutCubeState) {
            r.cubeState().putFrom(frame.cubeState.facelets);
        }
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
        if (!supervisor.isEstopped()) {
            estopReason = ESTOP_TICK_FAILURE;
        }
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
        if (!supervisor.isEstopped()) {
            estopReason = ESTOP_OPERATOR;
        }
        supervisor.estop();
        boolean held = true;
        try {
            hand.hold();
        } catch (HandException e) {
            held = false;
            driverFailure(step, simNanos, "hold", e.error().code());
        }
        long heldNanos = System.nanoTime();
        counters.estopLatched().setOrdered(1);
        events.write(EventType.ESTOP, step, simNanos, arrivalNanos, heldNanos,
            held ? "e-stop latched between ticks, hand held" : "e-stop latched between ticks, the hold failed");
        return heldNanos;
    }
}
