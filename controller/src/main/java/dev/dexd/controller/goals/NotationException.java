package dev.dexd.controller.goals;

/**
 * A goal sequence that is not valid cube notation. The message is one line naming the offending
 * token and its position, ready to be shown to the operator as is.
 */
public final class NotationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** A notation error with its one-line message. */
    public NotationException(final String message) {
        super(message);
    }
}
