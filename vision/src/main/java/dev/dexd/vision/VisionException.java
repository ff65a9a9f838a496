package dev.dexd.vision;

/** A problem the user can fix (a port in use, a bad address, a bad CSV), said in one line. */
public final class VisionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VisionException(final String message) {
        super(message);
    }
}
