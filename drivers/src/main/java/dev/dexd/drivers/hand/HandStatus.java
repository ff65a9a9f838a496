package dev.dexd.drivers.hand;

/** The status bits of a {@link HandState} ({@code DEXD_HAND_STATUS_*} in {@code dexd_hand.h}). */
public final class HandStatus {
    /** hold() is latched: the hand holds its position and refuses writes until resume(). */
    public static final int HOLDING = 1;
    /** No write within the watchdog time: holding position until the next accepted write. */
    public static final int WATCHDOG = 1 << 1;
    /** The last accepted write had out-of-range targets, which were clipped. */
    public static final int CLIPPED = 1 << 2;
    /** A write was refused since the last accepted one. */
    public static final int REJECTED = 1 << 3;
    /** The library's own cycle missed a deadline since the previous read. */
    public static final int LATE = 1 << 4;
    /** A hardware or simulation fault: the state cannot be trusted. */
    public static final int FAULT = 1 << 5;

    private static final String[] NAMES = {"HOLDING", "WATCHDOG", "CLIPPED", "REJECTED", "LATE", "FAULT"};

    private HandStatus() {
    }

    /** The set bits by name, e.g. {@code "HOLDING|CLIPPED"}, or {@code "OK"}; for people, not for the loop. */
    public static String describe(int status) {
        StringBuilder text = new StringBuilder();
        for (int bit = 0; bit < 32; bit++) {
            if ((status & (1 << bit)) != 0) {
                text.append(text.length() == 0 ? "" : "|").append(bit < NAMES.length ? NAMES[bit] : "BIT" + bit);
            }
        }
        return text.length() == 0 ? "OK" : text.toString();
    }
}
