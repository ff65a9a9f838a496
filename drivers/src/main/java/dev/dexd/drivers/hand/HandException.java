package dev.dexd.drivers.hand;

/**
 * A hand that cannot be used as asked: a library that is missing or built for another ABI, a bad
 * config, a refused command. The message is one line that names the problem (with the library's
 * own error text) and, where there is one, the fix. Thrown by open and by calls that failed; a
 * control loop checks its targets first, so a well-behaved loop never sees one per tick.
 */
public class HandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final HandError error;

    public HandException(HandError error, String message) {
        super(message);
        this.error = error;
    }

    public HandException(HandError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    /** What kind of failure this was. */
    public HandError error() {
        return error;
    }
}
