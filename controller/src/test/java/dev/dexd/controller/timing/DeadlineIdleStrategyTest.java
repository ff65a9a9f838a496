package dev.dexd.controller.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.drivers.ClockMode;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class DeadlineIdleStrategyTest {
    /** An agent that records the tick it is called for, as the control agent would. */
    private static final class Recorder implements Agent {
        final TickScheduler scheduler;
        final long[] ticks = new long[30];
        final long[] lateness = new long[30];
        final CountDownLatch done = new CountDownLatch(1);
        int calls;

        Recorder(TickScheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public void onStart() {
            scheduler.start();
        }

        @Override
        public int doWork() {
            if (calls < ticks.length) {
                ticks[calls] = scheduler.tick();
                lateness[calls] = scheduler.latenessNs();
                if (++calls == ticks.length) {
                    done.countDown();
                }
            }
            return 1;
        }

        @Override
        public String roleName() {
            return "recorder";
        }
    }

    @Test
    void anAgentRunnerCallsDoWorkOncePerTickStartingAtTickZero() throws Exception {
        for (ClockMode mode : ClockMode.values()) {
            TickScheduler scheduler = TickScheduler.of(mode, 1_000_000, 100_000);
            Recorder agent = new Recorder(scheduler);
            CountersManager counters = new CountersManager(new UnsafeBuffer(new byte[64 * 512]), new UnsafeBuffer(new byte[64 * 128]));
            AtomicCounter errors = counters.newCounter("errors");
            try (AgentRunner runner = new AgentRunner(new DeadlineIdleStrategy(scheduler), Throwable::printStackTrace, errors, agent)) {
                AgentRunner.startOnThread(runner);
                assertTrue(agent.done.await(10, TimeUnit.SECONDS));
            }
            assertEquals(0, agent.ticks[0], mode.name());
            for (int i = 1; i < agent.ticks.length; i++) {
                assertTrue(agent.ticks[i] > agent.ticks[i - 1], mode + ": one doWork per tick, in order");
                assertTrue(agent.lateness[i] >= 0 && agent.lateness[i] < 1_000_000, mode.name());
            }
            if (mode == ClockMode.LOCKSTEP) {
                assertEquals(agent.ticks.length - 1, agent.ticks[agent.ticks.length - 1], "lockstep never skips");
            }
            assertEquals(0, errors.get());
        }
    }
}
