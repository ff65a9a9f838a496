package dev.dexd.controller.log;

/**
 * The run digest's rules and the trailer's text, shared by the logger (which computes the digest as
 * it appends and writes it into the SHUTDOWN trailer) and the readers (which recompute it and
 * compare). The digest is SHA-256 over, in log order, 'S' and each step record's first
 * {@link StepLayout#deterministicLength()} bytes, and 'E' and each covered event record's bytes
 * without its two wall-clock times.
 */
public final class RunDigest {
    static final String LOST = "lost_records=";
    static final String LOST_STEPS = "lost_steps=";
    static final String WRITE_ERRORS = "write_errors=";
    static final String STEPS = "steps=";
    static final String EVENTS = "events=";
    static final String DIGEST = "digest=";

    private RunDigest() {
    }

    /**
     * Whether events of this type are in the digest: all but CONFIG, DISK_LOW and LOG_DELETED, which describe the
     * machine rather than the run, and the SHUTDOWN trailer, which carries the digest.
     */
    public static boolean covers(int typeCode) {
        return typeCode != EventType.CONFIG.code() && typeCode != EventType.SHUTDOWN.code()
            && typeCode != EventType.DISK_LOW.code() && typeCode != EventType.LOG_DELETED.code();
    }

    static String trailerText(long lost, long lostSteps, long writeErrors, long steps, long events, String digestHex) {
        return LOST + lost + " " + LOST_STEPS + lostSteps + " " + WRITE_ERRORS + writeErrors + " " + STEPS + steps + " "
            + EVENTS + events + " " + DIGEST + digestHex;
    }

    /** The number after {@code key} in a trailer text, or null when absent. */
    static Long number(String text, String key) {
        String v = value(text, key);
        if (v == null || v.isEmpty()) {
            return null;
        }
        for (int i = 0; i < v.length(); i++) {
            if (!Character.isDigit(v.charAt(i))) {
                return null;
            }
        }
        return Long.parseLong(v);
    }

    /** The word after {@code key} (up to a space) in a trailer text, or null when absent. */
    static String value(String text, String key) {
        int at = (" " + text).indexOf(" " + key);
        if (at < 0) {
            return null;
        }
        int start = at + key.length();
        int end = text.indexOf(' ', start);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }
}
