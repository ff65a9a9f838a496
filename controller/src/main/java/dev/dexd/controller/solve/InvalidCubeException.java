package dev.dexd.controller.solve;

/** A cube state that cannot be solved or is not a cube state at all; the message says why, in words. */
public final class InvalidCubeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidCubeException(String message) {
        super(message);
    }
}
