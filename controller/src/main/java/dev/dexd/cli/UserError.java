package dev.dexd.cli;

/** A problem the user caused and can fix; its message names the problem and the fix, on one line. */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
