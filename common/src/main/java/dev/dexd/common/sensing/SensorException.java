package dev.dexd.common.sensing;

/** A source that cannot be configured or started: the message is one line naming the problem and the fix. */
public final class SensorException extends RuntimeException {
    public SensorException(String message) {
        super(message);
    }

    public SensorException(String message, Throwable cause) {
        super(message, cause);
    }
}
