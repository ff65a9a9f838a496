package dev.dexd.controller.command;

import dev.dexd.controller.goals.Face;
import dev.dexd.controller.goals.SubgoalPlan;
import dev.dexd.common.sensing.SensorKind;

/**
 * A request to the control thread, applied at the next tick boundary. Made by any thread (console,
 * signal handler), handed over through a lock-free queue; the control thread writes the outcome and
 * then marks it done, so the requester can poll {@link #isDone()} without ever waiting on the loop.
 *
 * <p>Its own package, so that the console (which makes commands) and the daemon (which applies them)
 * both depend on it and not on each other.
 */
public final class ControlCommand {
    /** What to do. */
    public enum Type {
        /** Latch the e-stop: the hand holds until RESET. */
        ESTOP,
        /** Clear the e-stop latch. */
        RESET,
        /** Start an episode with the queued goals. */
        START,
        /** Stop the episode: the hand holds. */
        PAUSE,
        /** Zero the policy's recurrent state now (a perturbation). */
        RESET_MEMORY,
        /** Append a subgoal plan to the queue. */
        PUSH_GOALS,
        /** Drop every queued subgoal. */
        CLEAR_GOALS,
        /** Stop the daemon: hold, flush the log, exit. */
        SHUTDOWN,
        /** Write the goal state into {@link #reply()} (console {@code status}). */
        STATUS,
        /** Write the active subgoal and the queue into {@link #reply()} (console {@code goals list}). */
        LIST_GOALS,
        /**
         * Append the plan made for the face that will be on top once the queue is done, out of one
         * plan per possible top face made by the requester ({@link #planFor}); the plan used is
         * {@link #pushedPlan()}.
         */
        PUSH_MOVES,
        /** Simulation only: pin joint {@link #joint()} where it is (a perturbation). */
        LOCK_JOINT,
        /** Simulation only: free every locked joint (clears every simulated fault). */
        UNLOCK_JOINTS,
        /** Simulation only: reads report the FAULT status while {@link #on()}. */
        DRIVER_FAULT,
        /** Simulation only: the next tick blocks for {@link #nanos()} (wall clock). */
        STALL,
        /** Simulation only: sensor {@link #sensor()} publishes nothing for {@link #nanos()} (control clock). */
        SENSOR_DROP,
        /** Simulation only: resample the dynamics now, from {@link #seed()} or the run's next seed. */
        RANDOMISE
    }

    private final Type type;
    private final SubgoalPlan plan;
    private final SubgoalPlan[] plansByTop;
    private final int joint;
    private final String jointName;
    private final long nanos;
    private final SensorKind sensor;
    private final StringBuilder reply;
    private final long createdNanos = System.nanoTime();
    private volatile boolean done;
    private boolean ok;
    private long appliedStep;
    private long appliedNanos;
    private SubgoalPlan pushedPlan;

    private ControlCommand(Type type, SubgoalPlan plan, SubgoalPlan[] plansByTop, int joint, String jointName,
                           StringBuilder reply) {
        this(type, plan, plansByTop, joint, jointName, 0, null, reply);
    }

    private ControlCommand(Type type, SubgoalPlan plan, SubgoalPlan[] plansByTop, int joint, String jointName,
                           long nanos, SensorKind sensor, StringBuilder reply) {
        this.type = type;
        this.plan = plan;
        this.plansByTop = plansByTop;
        this.joint = joint;
        this.jointName = jointName;
        this.nanos = nanos;
        this.sensor = sensor;
        this.reply = reply;
    }

    public static ControlCommand of(Type type) {
        return of(type, null);
    }

    /**
     * A command without arguments whose outcome the control thread may describe in {@code reply}
     * (made by the requester with room enough, so the control thread does not allocate; null for none).
     */
    public static ControlCommand of(Type type, StringBuilder reply) {
        switch (type) {
            case PUSH_GOALS -> throw new IllegalArgumentException("PUSH_GOALS needs a plan: use push(plan)");
            case PUSH_MOVES -> throw new IllegalArgumentException("PUSH_MOVES needs plans: use pushMoves(plans, reply)");
            case LOCK_JOINT -> throw new IllegalArgumentException("LOCK_JOINT needs a joint: use lockJoint(...)");
            case DRIVER_FAULT, STALL, SENSOR_DROP -> throw new IllegalArgumentException(type
                + " needs arguments: use driverFault(...), stall(...) or sensorDrop(...)");
            case STATUS, LIST_GOALS -> {
                if (reply == null) {
                    throw new IllegalArgumentException(type + " writes its answer into a reply builder: pass one");
                }
            }
            default -> { }
        }
        return new ControlCommand(type, null, null, -1, null, reply);
    }

    public static ControlCommand push(SubgoalPlan plan) {
        return new ControlCommand(Type.PUSH_GOALS, plan, null, -1, null, null);
    }

    /**
     * Pushes the plan in {@code plansByTop} (indexed by {@link Face#index()}) made for the face that
     * will be on top once the queued goals are done.
     */
    public static ControlCommand pushMoves(SubgoalPlan[] plansByTop, StringBuilder reply) {
        if (plansByTop.length != Face.COUNT) {
            throw new IllegalArgumentException("PUSH_MOVES needs one plan per face, got " + plansByTop.length);
        }
        for (SubgoalPlan p : plansByTop) {
            if (p == null) {
                throw new IllegalArgumentException("PUSH_MOVES needs one plan per face, got a null");
            }
        }
        return new ControlCommand(Type.PUSH_MOVES, null, plansByTop.clone(), -1, null, reply);
    }

    /** Locks joint {@code joint} (0-based, the hand's joint order) named {@code name}, in simulation. */
    public static ControlCommand lockJoint(int joint, String name, StringBuilder reply) {
        if (joint < 0) {
            throw new IllegalArgumentException("joint index must be >= 0, was " + joint);
        }
        return new ControlCommand(Type.LOCK_JOINT, null, null, joint, name, reply);
    }

    /** Turns the simulation's injected driver fault on or off. */
    public static ControlCommand driverFault(boolean on, StringBuilder reply) {
        return new ControlCommand(Type.DRIVER_FAULT, null, null, on ? 1 : 0, null, reply);
    }

    /** Makes the next tick block for {@code nanos} of wall-clock time. */
    public static ControlCommand stall(long nanos, StringBuilder reply) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("a stall must last > 0 ns, was " + nanos);
        }
        return new ControlCommand(Type.STALL, null, null, -1, null, nanos, null, reply);
    }

    /** Makes the simulated sensor {@code kind} publish nothing for {@code nanos} (on the control clock). */
    public static ControlCommand sensorDrop(SensorKind kind, long nanos, StringBuilder reply) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("a sensor drop must last > 0 ns, was " + nanos);
        }
        return new ControlCommand(Type.SENSOR_DROP, null, null, -1, null, nanos, kind, reply);
    }

    /**
     * Resamples the simulation's dynamics (a perturbation) from {@code seed}; without one
     * ({@code seedGiven} false) the control thread draws the run's next perturbation seed, so that a
     * lockstep run stays deterministic. The control thread writes the seed used into {@code reply}.
     */
    public static ControlCommand randomise(boolean seedGiven, long seed, StringBuilder reply) {
        return new ControlCommand(Type.RANDOMISE, null, null, seedGiven ? 1 : 0, null, seed, null, reply);
    }

    public Type type() {
        return type;
    }

    public SubgoalPlan plan() {
        return plan;
    }

    /** PUSH_MOVES: the plan made for {@code top} on top at its start. */
    public SubgoalPlan planFor(Face top) {
        return plansByTop[top.index()];
    }

    /** PUSH_MOVES: the plan the control thread pushed (or refused), valid once done. */
    public SubgoalPlan pushedPlan() {
        return pushedPlan;
    }

    /** Control thread only: records which plan PUSH_MOVES used, before {@link #complete}. */
    public void pushedPlan(SubgoalPlan used) {
        this.pushedPlan = used;
    }

    /** LOCK_JOINT: the joint's index in the hand's joint order. */
    public int joint() {
        return joint;
    }

    /** LOCK_JOINT: the joint's name (for the log). */
    public String jointName() {
        return jointName;
    }

    /** DRIVER_FAULT: on (true) or off. */
    public boolean on() {
        return joint == 1;
    }

    /** STALL, SENSOR_DROP: how long. */
    public long nanos() {
        return nanos;
    }

    /** RANDOMISE: whether {@link #seed()} was given (else the run's next seed is drawn). */
    public boolean seedGiven() {
        return joint == 1;
    }

    /** RANDOMISE: the seed given. */
    public long seed() {
        return nanos;
    }

    /** SENSOR_DROP: which sensor. */
    public SensorKind sensor() {
        return sensor;
    }

    /**
     * Text the control thread appends for the requester (STATUS, LIST_GOALS, or why a command was
     * refused); null when the requester gave none. Read it only once {@link #isDone()}.
     */
    public StringBuilder reply() {
        return reply;
    }

    /** System.nanoTime() when the command was made (for command-to-effect latency). */
    public long createdNanos() {
        return createdNanos;
    }

    /** Control thread only: records the outcome and publishes it. */
    public void complete(boolean succeeded, long step, long nanos) {
        this.ok = succeeded;
        this.appliedStep = step;
        this.appliedNanos = nanos;
        this.done = true;
    }

    public boolean isDone() {
        return done;
    }

    /** Whether it took effect (valid once done). */
    public boolean ok() {
        return ok;
    }

    /** The step at whose start it was applied (valid once done). */
    public long appliedStep() {
        return appliedStep;
    }

    /** System.nanoTime() when its effect was written (valid once done). */
    public long appliedNanos() {
        return appliedNanos;
    }
}
