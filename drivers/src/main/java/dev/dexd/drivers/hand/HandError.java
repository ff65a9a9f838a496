package dev.dexd.drivers.hand;

/**
 * The negative return codes of the hand ABI ({@code DEXD_HAND_E_*} in {@code dexd_hand.h}), so that
 * callers can tell a refused target from a broken link without parsing messages.
 */
public enum HandError {
    /** A NULL handle or pointer, or an index out of range. */
    ARG(-1),
    /** The config string is malformed or has an unknown key. */
    CONFIG(-2),
    /** The hand (device, model file) could not be opened. */
    OPEN(-3),
    /** A target was NaN or infinite: all were refused and the previous ones kept. */
    NOT_FINITE(-4),
    /** A write was refused because hold() is latched. */
    HOLDING(-5),
    /** The call is not valid in the current mode or state. */
    STATE(-6),
    /** Communication with the hardware failed. */
    IO(-7),
    /** The hand or the simulation is in a fault state. */
    FAULT(-8),
    /** The library does not implement the call. */
    UNSUPPORTED(-9),
    /** A bug in the library. */
    INTERNAL(-10),
    /** A code this version of dexd does not know, or a failure on the Java side. */
    UNKNOWN(Integer.MIN_VALUE);

    private final int code;

    HandError(int code) {
        this.code = code;
    }

    /** The C return code. */
    public int code() {
        return code;
    }

    /** The error for a negative return code; {@link #UNKNOWN} for codes this version does not know. */
    public static HandError of(int code) {
        for (HandError e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return UNKNOWN;
    }
}
