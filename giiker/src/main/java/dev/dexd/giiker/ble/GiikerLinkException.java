package dev.dexd.giiker.ble;

/**
 * A failure to reach or use the cube through BlueZ: the message is one line that names the problem and
 * the fix (no bus, BlueZ not running, no adapter, no cube found, a characteristic missing). Most are the
 * user's to fix, so the CLI prints the message as it is.
 */
public final class GiikerLinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GiikerLinkException(final String message) {
        super(message);
    }

    public GiikerLinkException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
