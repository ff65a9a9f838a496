package dev.dexd.policy;

/**
 * A policy that cannot be used as given: a missing or corrupt model, a manifest that does not match
 * it, malformed input. The message is one line that names the problem and, where there is one, the
 * fix. Thrown at load time and by offline tools, never from a control step.
 */
public class PolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PolicyException(String message) {
        super(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
