package dev.dexd.controller.os;

/**
 * The outcome of one attempt to change how the OS treats this process or thread: granted,
 * refused (with errno), not requested, or not possible here (not Linux, JNA missing). Attempts
 * return this instead of throwing, so that the daemon can warn and carry on.
 */
public record OsResult(Status status, int errno, String detail) {
    /** What happened. */
    public enum Status { GRANTED, REFUSED, NOT_REQUESTED, UNSUPPORTED }

    private static final OsResult GRANTED = new OsResult(Status.GRANTED, 0, "");
    private static final OsResult NOT_REQUESTED = new OsResult(Status.NOT_REQUESTED, 0, "");

    public static OsResult granted() {
        return GRANTED;
    }

    public static OsResult notRequested() {
        return NOT_REQUESTED;
    }

    public static OsResult refused(int errno) {
        return new OsResult(Status.REFUSED, errno, Errno.describe(errno));
    }

    public static OsResult refused(String why) {
        return new OsResult(Status.REFUSED, 0, why);
    }

    public static OsResult unsupported(String why) {
        return new OsResult(Status.UNSUPPORTED, 0, why);
    }

    public boolean isGranted() {
        return status == Status.GRANTED;
    }

    /** True when asked for and not obtained (refused or unsupported). */
    public boolean isMissing() {
        return status == Status.REFUSED || status == Status.UNSUPPORTED;
    }

    /** The errno's symbolic name ("EPERM"), or "" when there is none. */
    public String errnoName() {
        return errno == 0 ? "" : Errno.name(errno);
    }

    /** "granted", "not requested", "refused: EPERM (Operation not permitted)", "unsupported: ...". */
    public String describe() {
        return switch (status) {
            case GRANTED -> "granted";
            case NOT_REQUESTED -> "not requested";
            case REFUSED -> "refused: " + detail;
            case UNSUPPORTED -> "unsupported: " + detail;
        };
    }
}
