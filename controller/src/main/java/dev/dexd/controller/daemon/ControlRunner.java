package dev.dexd.controller.daemon;

import dev.dexd.controller.counters.DaemonCounters;
import dev.dexd.controller.counters.DexdCounter;
import dev.dexd.controller.timing.DeadlineIdleStrategy;
import dev.dexd.drivers.hand.HandDriver;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AgentTerminationException;

/**
 * The control thread: one Agrona {@link AgentRunner} running the {@link ControlAgent} with a
 * {@link DeadlineIdleStrategy} on the agent's scheduler, in both clock modes. The agent handles a
 * failing tick itself (hold, latch, go on); what still reaches the runner's error handler failed
 * outside a tick (the start-up self-check, the wait): it is counted, kept for {@link #failure()},
 * and the hand is held from this thread, which is the hand's only writer.
 */
final class ControlRunner {
    private final ControlAgent agent;
    private final HandDriver hand;
    private final DaemonCounters counters;
    private final AgentRunner runner;
    private volatile Throwable failure;
    private volatile Thread thread;

    ControlRunner(ControlAgent agent, HandDriver hand, DaemonCounters counters) {
        this.agent = agent;
        this.hand = hand;
        this.counters = counters;
        this.runner = new AgentRunner(new DeadlineIdleStrategy(agent.scheduler()), this::onError, null, agent);
    }

    private void onError(Throwable t) {
        if (t instanceof AgentTerminationException) {
            return; // the agent's way of ending the loop
        }
        if (failure == null) {
            failure = t;
        }
        counters.counter(DexdCounter.CONTROL_ERRORS).incrementOrdered();
        try {
            hand.hold();
        } catch (Throwable ignored) {
            // the failure is reported; the hand library's own watchdog holds the hand too
        }
    }

    /** Starts the control thread. */
    void start() {
        thread = AgentRunner.startOnThread(runner, r -> new Thread(r, agent.roleName()));
    }

    /** Waits up to {@code millis} (0: for ever) for the loop to end. */
    void join(long millis) throws InterruptedException {
        Thread t = thread;
        if (t != null) {
            t.join(millis);
        }
    }

    boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /** What failed outside a tick and ended or troubled the loop, or null. */
    Throwable failure() {
        return failure;
    }

    /** Stops the loop at its next tick boundary and waits for the thread (the agent holds the hand on its way out). */
    void stop() {
        agent.requestStop();
        if (thread == null) {
            return;
        }
        try {
            join(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runner.close();
    }
}
