package dev.dexd.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;

/**
 * A helper thread's failures (the sensors thread's, say) are counted, reported once per burst with
 * their cause, and never end the thread: not even an Error, which Agrona's runner would rethrow.
 */
class FailSafeAgentTest {
    /** Throws an InternalError on calls 10..59, an IllegalStateException on 60..69, then works. */
    private static final class Failing implements Agent {
        final CountDownLatch worked = new CountDownLatch(1);
        int calls;

        @Override
        public int doWork() {
            int c = calls++;
            if (c >= 10 && c < 60) {
                throw new InternalError("a fault in a mapped file");
            }
            if (c >= 60 && c < 70) {
                throw new IllegalStateException("sensor library");
            }
            if (c >= 100) {
                worked.countDown();
            }
            return 1;
        }

        @Override
        public String roleName() {
            return "failing";
        }
    }

    @Test
    void errorsAreCountedReportedOncePerBurstAndTheThreadGoesOn() throws Exception {
        CountersManager counters = new CountersManager(new UnsafeBuffer(new byte[64 * 512]),
            new UnsafeBuffer(new byte[64 * 128]));
        AtomicCounter errors = counters.newCounter("sensors errors");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ThreadErrors policy = new ThreadErrors("sensors", "its data goes stale: the control step holds", errors, null,
            new PrintStream(err, true, StandardCharsets.UTF_8));
        Failing agent = new Failing();
        try (AgentRunner runner = new AgentRunner(new SleepingIdleStrategy(10_000), policy, null,
            new FailSafeAgent(agent, policy))) {
            Thread t = AgentRunner.startOnThread(runner);
            assertTrue(agent.worked.await(30, TimeUnit.SECONDS), "the thread works again after the errors");
            assertTrue(t.isAlive(), "an Error did not end the thread");
        }
        assertEquals(60, errors.get(), "every error counted");
        String[] lines = err.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length, "one report per burst: " + String.join(" | ", lines));
        assertTrue(lines[0].contains("sensors thread failed (its data goes stale: the control step holds)")
            && lines[0].contains("InternalError: a fault in a mapped file"), lines[0]);
        assertTrue(lines[1].contains("IllegalStateException: sensor library"), lines[1]);
    }
}
