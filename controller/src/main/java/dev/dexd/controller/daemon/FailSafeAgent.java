package dev.dexd.controller.daemon;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;

/**
 * Runs an agent so that nothing it throws ends its thread: Agrona's runner rethrows an
 * {@code Error} (and so dies on an OutOfMemoryError or an InternalError) and retries at once,
 * without idling, after any other failure. Here every {@code Throwable} from the agent goes to the
 * error handler and the duty cycle reports no work, so the runner's idle strategy backs off.
 */
final class FailSafeAgent implements Agent {
    private final Agent agent;
    private final ErrorHandler errors;

    FailSafeAgent(Agent agent, ErrorHandler errors) {
        this.agent = agent;
        this.errors = errors;
    }

    @Override
    public void onStart() {
        try {
            agent.onStart();
        } catch (Throwable t) {
            errors.onError(t);
        }
    }

    @Override
    public int doWork() {
        try {
            return agent.doWork();
        } catch (AgentTerminationException e) {
            throw e;
        } catch (Throwable t) {
            errors.onError(t);
            return 0;
        }
    }

    @Override
    public void onClose() {
        try {
            agent.onClose();
        } catch (Throwable t) {
            errors.onError(t);
        }
    }

    @Override
    public String roleName() {
        return agent.roleName();
    }
}
