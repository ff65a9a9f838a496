package dev.dexd.vision;

/**
 * Why a packet (or an estimate in fusion) did not reach the fused pose. Each reason has its own
 * counter in {@link VisionCounters}; none of them is an error of dexd, and none stops the listener.
 */
public enum Rejection {
    /** A binary datagram that is not 84 bytes (or an empty one). */
    LENGTH("length"),
    /** The first four bytes are not DXPS (and the datagram is not JSON). */
    MAGIC("magic"),
    /** A protocol version other than 1. */
    VERSION("version"),
    /** A JSON datagram that does not parse or lacks, mistypes or adds a key. */
    JSON("json"),
    /** NaN or infinite position, quaternion, confidence or top-face angle. */
    NOT_FINITE("not-finite"),
    /** Quaternion norm off 1 by more than 1e-3. */
    QUATERNION_NORM("quaternion-norm"),
    /** Confidence outside 0..1. */
    CONFIDENCE("confidence"),
    /** A camera id that is not configured. */
    UNKNOWN_CAMERA("unknown-camera"),
    /** A sequence number not newer than the camera's last accepted one. */
    SEQUENCE("sequence"),
    /** More packets from one camera than its rate limit allows. */
    FLOOD("flood"),
    /** Capture time further from now than the camera's max_age_ms (old, or from a clock far ahead). */
    TOO_OLD("too-old"),
    /** Accepted, but too far from the other cameras' consensus to be fused. */
    OUTLIER("outlier");

    private static final Rejection[] VALUES = values();
    private final String key;

    Rejection(final String key) {
        this.key = key;
    }

    /** The name printed by the CLI and counters, e.g. {@code unknown-camera}. */
    public String key() {
        return key;
    }

    public static int count() {
        return VALUES.length;
    }

    public static Rejection of(final int ordinal) {
        return VALUES[ordinal];
    }
}
