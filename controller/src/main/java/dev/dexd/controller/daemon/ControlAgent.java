package dev.dexd.controller.daemon;

import dev.dexd.controller.counters.DaemonCounters;
import dev.dexd.controller.counters.DaemonState;
import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.EventWriter;
import dev.dexd.controller.os.RealtimeConfig;
import dev.dexd.controller.os.SelfCheck;
import dev.dexd.controller.timing.LockstepScheduler;
import dev.dexd.controller.timing.RealtimeScheduler;
import dev.dexd.controller.timing.TickScheduler;
import dev.dexd.policy.onnx.PolicyRunner;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;

/**
 * The control loop's duty cycle as an Agrona agent, the same code for both clocks: the runner's
 * {@link dev.dexd.controller.timing.DeadlineIdleStrategy} waits for the scheduler's next deadline
 * (lockstep: at once), then {@link #doWork} runs one {@link ControlStep}. A {@code Throwable} out of
 * the step never leaves the agent: {@link ControlStep#onTickFailure} holds the hand and the loop
 * ticks on, in hold, until a reset. While waiting for a deadline the scheduler's waiter calls
 * {@link #betweenTicks}, which applies a raised e-stop at once ({@link ControlStep#estopNow}).
 *
 * <p>Stops (by throwing {@link AgentTerminationException}, which ends the runner) when asked to, on
 * a SHUTDOWN command, when the duration is over, or, in lockstep without a duration, when the
 * episode ends. Allocates nothing per tick.
 */
final class ControlAgent implements Agent {
    /** Steps before the control thread's allocation is measured (JIT compilation allocates). */
    static final long ALLOCATION_WARMUP_STEPS = 2_000;

    private final ControlStep control;
    private final World world;
    private final TickScheduler scheduler;
    private final boolean lockstep;
    private final long periodNanos;
    private final long durationNanos;
    private final long maxSteps;
    private final EstopSignal estop;
    private final DaemonCounters counters;
    private final EventWriter events;
    private final PolicyRunner runner;
    private final RealtimeConfig realtime;
    private final ControlStep.Tick tick = new ControlStep.Tick();
    private final Runnable betweenTicks = this::betweenTicks;

    private volatile boolean stopRequested;
    private volatile long stepsRun;
    private volatile SelfCheck selfCheck;
    private AllocationWindow allocation;
    private long endNanos;
    private boolean finished;

    /**
     * @param durationNanos how long to run; 0 or less: until stopped (lockstep: until the episode ends)
     * @param spinNanos     real time only: how long before each deadline the wait stops parking and spins
     */
    ControlAgent(ControlStep control, World world, boolean lockstep, long periodNanos, long durationNanos,
                 long spinNanos, EstopSignal estop, DaemonCounters counters, EventWriter events, PolicyRunner runner,
                 RealtimeConfig realtime) {
        this.control = control;
        this.world = world;
        this.lockstep = lockstep;
        this.periodNanos = periodNanos;
        this.durationNanos = durationNanos;
        this.maxSteps = lockstep && durationNanos > 0 ? (long) Math.ceil((double) durationNanos / periodNanos)
            : Long.MAX_VALUE;
        this.estop = estop;
        this.counters = counters;
        this.events = events;
        this.runner = runner;
        this.realtime = realtime;
        this.scheduler = lockstep ? new LockstepScheduler(periodNanos)
            : RealtimeScheduler.parkThenSpin(periodNanos, spinNanos, betweenTicks);
    }

    /** The schedule the runner's idle strategy waits on. */
    TickScheduler scheduler() {
        return scheduler;
    }

    @Override
    public void onStart() {
        estop.bind(Thread.currentThread());
        selfCheck = SelfCheck.run(realtime);
        dev.dexd.common.startup.StartupTrace.mark("self-check done");
        allocation = new AllocationWindow(runner, ALLOCATION_WARMUP_STEPS);
        events.write(EventType.CONFIG, 0, 0, String.join("; ", selfCheck.lines()));
        counters.state(DaemonState.RUNNING);
        scheduler.start(); // the first doWork is tick 0, due now
        endNanos = System.nanoTime() + durationNanos;
    }

    @Override
    public int doWork() {
        if (stopRequested || finished || control.shutdownRequested()) {
            throw new AgentTerminationException();
        }
        long step = scheduler.tick();
        long now;
        if (lockstep) {
            // simulated time: tick k is due at k x period, which is the lockstep world's clock after k ticks
            now = scheduler.deadlineNs();
            if (step >= maxSteps) {
                throw new AgentTerminationException();
            }
        } else {
            now = System.nanoTime();
            if (durationNanos > 0 && now - endNanos >= 0) {
                throw new AgentTerminationException();
            }
        }
        applyEstop(step, now); // lockstep has no wall-clock wait: a raised e-stop lands here, before the tick

        tick.step = step;
        tick.nowNanos = now;
        tick.wallDeadlineNanos = lockstep ? System.nanoTime() : scheduler.deadlineNs();
        tick.latenessNanos = scheduler.latenessNs();
        tick.skippedPeriods = (int) scheduler.skippedPeriods();
        try {
            control.tick(tick);
        } catch (Throwable t) {
            control.onTickFailure(t, step, now);
        }
        counters.heartbeat();
        stepsRun = stepsRun + 1; // single writer (ticks run: skipped periods do not count)
        try {
            world.afterTick(periodNanos);
        } catch (Throwable t) {
            control.onTickFailure(t, step, now);
        }
        allocation.afterStep(stepsRun);
        if (lockstep && durationNanos <= 0 && !control.goals().isRunning()) {
            finished = true; // one episode, then stop (batch evaluation)
        }
        return 1;
    }

    /** Called by the waiter whenever it wakes before a deadline: an e-stop does not wait for the tick. */
    private void betweenTicks() {
        if (estop.pending()) {
            applyEstop(scheduler.tick() + 1, System.nanoTime());
        }
    }

    private void applyEstop(long step, long now) {
        long arrival = estop.take();
        if (arrival == 0) {
            return;
        }
        long held;
        try {
            held = control.estopNow(arrival, step, now);
        } catch (Throwable t) {
            control.onTickFailure(t, step, now);
            held = System.nanoTime();
        }
        estop.completeWaiting(step, held);
    }

    @Override
    public void onClose() {
        try {
            applyEstop(scheduler.tick() + 1, lockstep ? scheduler.deadlineNs() : System.nanoTime());
            long now = lockstep ? scheduler.deadlineNs() + periodNanos : System.nanoTime();
            control.holdForShutdown(lockstep ? stepsRun : scheduler.tick(), now);
        } finally {
            counters.state(DaemonState.STOPPING);
        }
    }

    @Override
    public String roleName() {
        return "dexd-control";
    }

    /** Asks the loop to stop before its next tick (any thread). */
    void requestStop() {
        stopRequested = true;
    }

    /** Steps run so far (any thread). */
    long stepsRun() {
        return stepsRun;
    }

    /** The self-check made on the control thread at its start, or null before. */
    SelfCheck selfCheck() {
        return selfCheck;
    }

    /** Bytes dexd allocated on the control thread per step after the warm-up; NaN before enough steps. */
    double allocatedBytesPerStep() {
        AllocationWindow a = allocation;
        return a == null || a.steps() == 0 ? Double.NaN : (double) a.bytes() / a.steps();
    }

    /** Steps over which {@link #allocatedBytesPerStep()} was measured. */
    long allocationMeasuredSteps() {
        AllocationWindow a = allocation;
        return a == null ? 0 : a.steps();
    }
}
