package dev.dexd.controller.log;

/**
 * A log that cannot be opened or read as a dexd log (missing directory, not a dexd log, unknown
 * schema version, damaged record); the message is one line naming the directory and the problem.
 */
public final class StepLogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StepLogException(String message) {
        super(message);
    }

    public StepLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
