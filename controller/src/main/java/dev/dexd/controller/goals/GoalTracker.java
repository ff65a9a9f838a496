package dev.dexd.controller.goals;

import dev.dexd.policy.observation.Angles;
import dev.dexd.policy.observation.SensorSnapshot;

/**
 * The episode as the control thread sees it: once per step, {@link #onStep} judges the measured
 * cube against the active subgoal, starts the next queued subgoal when needed, writes the goal pose
 * the policy should see and returns what happened as {@link GoalEvents} flags. Call it after the
 * sensors are read and before the observation is assembled, so a new goal is seen at once (as in
 * training, where the observation after a success already holds the next goal).
 *
 * <p>Rules (OpenAI 2019): an episode runs from {@link #start()} until {@code successesToEnd}
 * consecutive successes, a drop, a timeout, the queue running out, or {@link #stop()}. Because any
 * failure ends the episode, the consecutive successes equal the successes of the episode. A new
 * subgoal is first judged on the step after it started, so each subgoal is seen by the policy for
 * at least one step and a step starts at most one. The failed subgoal of a timeout or drop is
 * discarded; the rest of the queue stays for the next episode. Nothing is reset between subgoals:
 * {@link GoalEvents#EPISODE_STARTED} is the one signal on which the controller resets the policy's
 * hidden state (besides the operator's explicit request, which is not this class's business).
 *
 * <p>Goals are made from the pose measured when the subgoal starts: a flip's orientation is the
 * smallest rotation bringing its face up ({@link CubeGeometry#bringUp}), a rotation's is the start
 * orientation with the top face brought exactly up; face angles are the measured ones straightened,
 * and for a rotation the top face's angle moved by the turn. A planned rotation whose face is not on
 * top when it is due (the plan assumed another face up, or explicit goals were mixed in) is preceded
 * by a corrective flip to that face, once. While no subgoal is active the goal is the current pose,
 * straightened: nothing to do.
 *
 * <p>Single-threaded: every method is for the control thread. {@link #onStep} allocates nothing;
 * {@link #push}, {@link #clear()} and the text methods may, and run only when a command arrives.
 */
public final class GoalTracker {
    private final GoalConfig config;
    private final SuccessCriteria criteria;
    private final GoalQueue queue;
    private final double[] quat = new double[4];
    private final double[] goalQuat = {1, 0, 0, 0};
    private final double[] goalFaces = new double[Face.COUNT];

    private boolean running;
    private int pendingFlags;
    private int lastFlags;
    private EndReason endReason = EndReason.NONE;
    private long episodes;
    private long lastStep = -1;
    private Face lastTop = Face.U;

    private int attempted;
    private int succeeded;
    private int timedOut;
    private int drops;
    private int consecutive;
    private int correctiveFlips;

    private Subgoal active;
    private boolean activeCorrective;
    private boolean headCorrected;
    private Face activeTop;
    private long activeStartStep;
    private double orientationError = Double.NaN;
    private double faceError = Double.NaN;

    /** A tracker with an empty queue of {@code config.queueCapacity()} subgoals, no episode running. */
    public GoalTracker(final GoalConfig config) {
        this.config = config;
        this.criteria = new SuccessCriteria(config);
        this.queue = new GoalQueue(config.queueCapacity());
    }

    /**
     * Begins an episode: counters reset, and the next {@link #onStep} reports
     * {@link GoalEvents#EPISODE_STARTED} and starts the first queued subgoal.
     *
     * @return false (and nothing changes) when an episode is already running
     */
    public boolean start() {
        if (running) {
            return false;
        }
        running = true;
        endReason = EndReason.NONE;
        episodes++;
        attempted = 0;
        succeeded = 0;
        timedOut = 0;
        drops = 0;
        consecutive = 0;
        correctiveFlips = 0;
        active = null;
        headCorrected = false;
        pendingFlags |= GoalEvents.EPISODE_STARTED;
        return true;
    }

    /**
     * Ends the running episode now (reason {@link EndReason#STOPPED}); the active subgoal is
     * abandoned without counting as failed. The next {@link #onStep} reports it. No-op when idle.
     */
    public void stop() {
        if (running) {
            end(EndReason.STOPPED);
            pendingFlags |= GoalEvents.STOPPED | GoalEvents.EPISODE_ENDED;
        }
    }

    /**
     * Queues every subgoal of {@code plan} (or none, when they do not all fit).
     *
     * @return false when the queue has no room for the whole plan
     */
    public boolean push(final SubgoalPlan plan) {
        return queue.push(plan);
    }

    /** Drops every queued subgoal; the active one, if any, runs on to its end. */
    public void clear() {
        queue.clear();
        headCorrected = false;
    }

    /**
     * The face that will be on top once everything queued is done, as far as the plans say: the
     * face to start the next plan from. Falls back to the active flip's face, then to the face
     * measured on top at the last step (U before any step).
     */
    public Face plannedTopFace() {
        if (!queue.isEmpty() && queue.tailTop() != null) {
            return queue.tailTop();
        }
        if (active != null && active.kind() == SubgoalKind.FLIP) {
            return active.face();
        }
        return lastTop;
    }

    /** {@link #onStep(long, double[], double[], double[], double[], double[])} on a snapshot's fields. */
    public int onStep(final long step, final SensorSnapshot s) {
        return onStep(step, s.cubePos, s.cubeQuat, s.cubeFaceAngles, s.goalQuat, s.goalFaceAngles);
    }

    /**
     * Judges one step and writes the goal to show the policy.
     *
     * @param step         the step index; timeouts count in these
     * @param cubePos      measured cube centre, world xyz, metres
     * @param cubeQuat     measured cube orientation, w x y z (normalised here)
     * @param faceAngles   measured face angles U R F D L B, radians
     * @param goalQuatOut  receives the goal orientation, w x y z (left as it was when the pose is invalid)
     * @param goalFacesOut receives the goal face angles U R F D L B (likewise)
     * @return {@link GoalEvents} flags for this step
     */
    public int onStep(final long step, final double[] cubePos, final double[] cubeQuat, final double[] faceAngles,
        final double[] goalQuatOut, final double[] goalFacesOut) {
        int flags = pendingFlags;
        pendingFlags = 0;
        lastStep = step;
        final boolean valid = CubeGeometry.normalize(cubeQuat, quat) && finite(cubePos, 3)
            && finite(faceAngles, Face.COUNT);
        if (valid) {
            lastTop = CubeGeometry.topFace(quat);
        } else {
            flags |= GoalEvents.POSE_INVALID;
        }
        if (running) {
            flags |= judge(step, valid, cubePos, faceAngles);
            if (running && active == null && valid) {
                if (queue.isEmpty()) {
                    end(EndReason.QUEUE_EMPTY);
                    flags |= GoalEvents.QUEUE_EMPTY | GoalEvents.EPISODE_ENDED;
                } else {
                    flags |= startNext(step, faceAngles);
                }
            }
        }
        if (active != null) {
            System.arraycopy(goalQuat, 0, goalQuatOut, 0, 4);
            System.arraycopy(goalFaces, 0, goalFacesOut, 0, Face.COUNT);
        } else if (valid) {
            CubeGeometry.bringUp(quat, lastTop, goalQuatOut);
            CubeGeometry.straighten(faceAngles, goalFacesOut);
        }
        lastFlags = flags;
        return flags;
    }

    private int judge(final long step, final boolean valid, final double[] cubePos, final double[] faceAngles) {
        if (valid && criteria.isDropped(cubePos)) {
            drops++;
            end(EndReason.DROP);
            return GoalEvents.DROPPED | GoalEvents.EPISODE_ENDED;
        }
        if (active == null) {
            return 0;
        }
        if (valid) {
            orientationError = criteria.orientationError(quat, goalQuat, active.kind(), activeTop);
            faceError = criteria.faceError(faceAngles, goalFaces);
            if (criteria.isMet(orientationError, faceError)) {
                succeeded++;
                consecutive++;
                active = null;
                if (consecutive >= config.successesToEnd()) {
                    end(EndReason.SUCCESSES);
                    return GoalEvents.SUBGOAL_SUCCEEDED | GoalEvents.EPISODE_ENDED;
                }
                return GoalEvents.SUBGOAL_SUCCEEDED;
            }
        }
        if (step - activeStartStep >= config.timeoutSteps()) {
            timedOut++;
            end(EndReason.TIMEOUT);
            return GoalEvents.SUBGOAL_TIMED_OUT | GoalEvents.EPISODE_ENDED;
        }
        return 0;
    }

    private int startNext(final long step, final double[] faceAngles) {
        final Subgoal next = queue.peek();
        int flags = GoalEvents.SUBGOAL_STARTED;
        if (next.kind() == SubgoalKind.ROTATION && next.face() != null && next.face() != lastTop && !headCorrected) {
            active = Subgoal.flip(next.face());
            activeCorrective = true;
            headCorrected = true;
            correctiveFlips++;
            flags |= GoalEvents.CORRECTIVE_FLIP;
        } else {
            active = queue.poll();
            activeCorrective = false;
            headCorrected = false;
        }
        attempted++;
        activeStartStep = step;
        orientationError = Double.NaN;
        faceError = Double.NaN;
        CubeGeometry.straighten(faceAngles, goalFaces);
        if (active.kind() == SubgoalKind.FLIP) {
            activeTop = active.face();
            CubeGeometry.bringUp(quat, activeTop, goalQuat);
        } else {
            activeTop = lastTop;
            CubeGeometry.bringUp(quat, activeTop, goalQuat);
            final int i = activeTop.index();
            goalFaces[i] = Angles.wrap(goalFaces[i] + active.turn().faceAngleDelta());
        }
        return flags;
    }

    private void end(final EndReason reason) {
        running = false;
        endReason = reason;
        active = null;
        activeCorrective = false;
        headCorrected = false;
    }

    private static boolean finite(final double[] a, final int n) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(a[i])) {
                return false;
            }
        }
        return true;
    }

    /** True while an episode runs. */
    public boolean isRunning() {
        return running;
    }

    /** Why the last episode ended; {@link EndReason#NONE} while one runs or before the first. */
    public EndReason endReason() {
        return endReason;
    }

    /** Episodes started so far (the running one included). */
    public long episodes() {
        return episodes;
    }

    /** The flags the last {@link #onStep} returned. */
    public int lastFlags() {
        return lastFlags;
    }

    /** Subgoals started this episode (corrective flips included); also the active one's number. */
    public int attempted() {
        return attempted;
    }

    /** Subgoals that succeeded this episode. */
    public int succeeded() {
        return succeeded;
    }

    /** Subgoals that timed out this episode (0 or 1, as a timeout ends it). */
    public int timedOut() {
        return timedOut;
    }

    /** Drops this episode (0 or 1, as a drop ends it). */
    public int drops() {
        return drops;
    }

    /** Successes since the episode started or the last failure. */
    public int consecutiveSuccesses() {
        return consecutive;
    }

    /** Flips inserted this episode because a planned rotation's face was not on top. */
    public int correctiveFlips() {
        return correctiveFlips;
    }

    /** The active subgoal, or null. A corrective flip is the shared {@link Subgoal#flip} instance. */
    public Subgoal activeSubgoal() {
        return active;
    }

    /** True when the active subgoal is a corrective flip. */
    public boolean activeIsCorrective() {
        return active != null && activeCorrective;
    }

    /** Step at which the active subgoal started (meaningless when none is active). */
    public long activeStartStep() {
        return activeStartStep;
    }

    /** The face brought up (flip) or turned (rotation) by the active subgoal, or null. */
    public Face activeFace() {
        return active == null ? null : activeTop;
    }

    /** Orientation error at the last judged step of the active or last subgoal, radians (NaN before any). */
    public double orientationError() {
        return orientationError;
    }

    /** Face-angle error (as configured) at the last judged step, radians (NaN before any). */
    public double faceError() {
        return faceError;
    }

    /** The face measured on top at the last valid step (U before any). */
    public Face topFace() {
        return lastTop;
    }

    /** The queue (for inspection; push and clear through this tracker). */
    public GoalQueue queue() {
        return queue;
    }

    /** One status line, e.g. for the console's {@code status} (allocates). */
    public String statusText() {
        final StringBuilder sb = new StringBuilder(160);
        sb.append("episode ").append(episodes).append(running ? " running" : " idle");
        if (!running && endReason != EndReason.NONE) {
            sb.append(" (ended: ").append(endReason.text()).append(')');
        }
        if (active != null) {
            sb.append(", subgoal ").append(attempted).append(' ').append(describeActive())
                .append(" for ").append(lastStep - activeStartStep).append(" steps");
            if (!Double.isNaN(orientationError)) {
                sb.append(String.format(java.util.Locale.ROOT, ", orientation error %.3f rad, face error %.3f rad",
                    orientationError, faceError));
            }
        }
        sb.append("; ").append(succeeded).append(" succeeded, ").append(timedOut).append(" timed out, ")
            .append(drops).append(" drops, ").append(queue.size()).append(" queued, top ").append(lastTop.letter());
        return sb.toString();
    }

    /** The active subgoal and the queue as text, for the console's {@code goals list} (allocates). */
    public String listAsText() {
        final StringBuilder sb = new StringBuilder(64 + 40 * queue.size());
        sb.append("active: ");
        if (active == null) {
            sb.append("none");
        } else {
            sb.append('#').append(attempted).append(' ').append(describeActive())
                .append(", started at step ").append(activeStartStep);
        }
        sb.append('\n').append("queued: ").append(queue.size()).append('\n');
        sb.append(queue.toTable(attempted + 1));
        return sb.toString();
    }

    private String describeActive() {
        if (active.kind() == SubgoalKind.FLIP) {
            return "flip " + activeTop.letter() + " up" + (activeCorrective ? " (corrective)" : "");
        }
        final String from = active.move() == null ? "" : " (" + active.move() + ")";
        return "rotate " + activeTop.letter() + " " + active.turn().text() + from;
    }
}
