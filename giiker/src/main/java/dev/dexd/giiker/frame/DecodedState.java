package dev.dexd.giiker.frame;

/**
 * What {@link StateFrameDecoder} made of one frame, written in place (allocated once, reused for every
 * frame): valid or the reason it is not, the cube, the last moves, and whether it was obfuscated.
 * After an invalid frame only {@link #rejection()} and {@link #obfuscated()} are meaningful.
 */
public final class DecodedState {
    final CubieCube cube = new CubieCube();
    final LastMoves moves = new LastMoves();
    boolean obfuscated;
    FrameRejection rejection;

    public boolean valid() {
        return rejection == null;
    }

    /** Why the frame was dropped, or null when it is valid. */
    public FrameRejection rejection() {
        return rejection;
    }

    /** The frame was obfuscated (byte 18 = 0xA7): then at most 2 last moves. */
    public boolean obfuscated() {
        return obfuscated;
    }

    /** The decoded cube (meaningful when {@link #valid()}). */
    public CubieCube cube() {
        return cube;
    }

    /** The frame's last moves, newest first (meaningful when {@link #valid()}). */
    public LastMoves moves() {
        return moves;
    }

    public DecodedState copyFrom(final DecodedState other) {
        cube.copyFrom(other.cube);
        moves.copyFrom(other.moves);
        obfuscated = other.obfuscated;
        rejection = other.rejection;
        return this;
    }

    @Override
    public String toString() {
        return valid() ? (obfuscated ? "obfuscated " : "plain ") + cube.facelets() + " moves " + moves
            : "invalid: " + rejection.key();
    }
}
