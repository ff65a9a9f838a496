package dev.dexd.giiker.frame;

/**
 * Why a Giiker state frame or a face-angle frame was dropped. Each reason has its own counter in
 * {@link FrameCounters}; a dropped frame never throws and never changes the decoded state.
 */
public enum FrameRejection {
    /** A state frame that is not 20 bytes, or a face-angle frame that is not {@link FaceAngleFrame#LENGTH}. */
    LENGTH("length"),
    /** State frame: a corner nibble outside 1..8, or a corner piece in two slots. */
    CORNER_PIECES("corner-pieces"),
    /** State frame: a corner orientation nibble outside 1..3. */
    CORNER_TWIST("corner-twist"),
    /** State frame: the corner twists do not sum to 0 mod 3 (a twisted corner). */
    CORNER_TWIST_SUM("corner-twist-sum"),
    /** State frame: an edge nibble outside 1..12, or an edge piece in two slots. */
    EDGE_PIECES("edge-pieces"),
    /** A flip other than 0 or 1 (only a state built by hand can have one; a frame's flips are bits). */
    EDGE_FLIP("edge-flip"),
    /** State frame: the edge flips do not sum to 0 mod 2 (a flipped edge). */
    EDGE_FLIP_SUM("edge-flip-sum"),
    /** State frame: corner and edge permutations of different parity (two pieces swapped). */
    PARITY("parity"),
    /** Face-angle frame: byte 0 is not the magic 0xD5. */
    MAGIC("magic"),
    /** Face-angle frame: a version other than 1. */
    VERSION("version"),
    /** Face-angle frame: the CRC-8 in byte 19 does not match bytes 0..18. */
    CHECKSUM("checksum"),
    /** Face-angle frame: an angle outside -180..+180 degrees. */
    ANGLE_RANGE("angle-range"),
    /** Face-angle frame: the cube says its angle sensors failed (status bit 2). */
    SENSOR_FAULT("sensor-fault"),
    /** Face-angle frame: a sequence number not newer than the last accepted one (a repeat or an old frame). */
    SEQUENCE("sequence");

    private static final FrameRejection[] VALUES = values();
    private final String key;

    FrameRejection(final String key) {
        this.key = key;
    }

    /** The name printed by the CLI and in counters, e.g. {@code corner-twist-sum}. */
    public String key() {
        return key;
    }

    public static int count() {
        return VALUES.length;
    }

    public static FrameRejection of(final int ordinal) {
        return VALUES[ordinal];
    }
}
