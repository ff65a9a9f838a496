package dev.dexd.controller.os;

/** errno values as names and text, for messages that tell the user which permission is missing. */
final class Errno {
    private Errno() {
    }

    /** The symbolic name of the errno values these calls return (Linux numbering), else "errno N". */
    static String name(int errno) {
        return switch (errno) {
            case 1 -> "EPERM";
            case 3 -> "ESRCH";
            case 4 -> "EINTR";
            case 11 -> "EAGAIN";
            case 12 -> "ENOMEM";
            case 13 -> "EACCES";
            case 14 -> "EFAULT";
            case 22 -> "EINVAL";
            case 38 -> "ENOSYS";
            default -> "errno " + errno;
        };
    }

    /** "EPERM (Operation not permitted)". */
    static String describe(int errno) {
        String text;
        try {
            text = LibC.strerror(errno);
        } catch (LinkageError e) {
            text = null;
        }
        return text == null || text.isEmpty() ? name(errno) : name(errno) + " (" + text + ")";
    }
}
