package dev.dexd.controller.goals;

/**
 * One move in cube notation: a face and a number of quarter turns, +1 clockwise ({@code R}), -1
 * counter-clockwise ({@code R'}) or 2 (a half turn, {@code R2}), clockwise as seen from outside the
 * face.
 *
 * @param face         the turned face (a cube-frame face, named by its centre)
 * @param quarterTurns +1, -1 or 2
 */
public record Move(Face face, int quarterTurns) {

    /** Refuses a null face and turn counts other than -1, +1 and 2. */
    public Move {
        if (face == null) {
            throw new IllegalArgumentException("move: face is null");
        }
        if (quarterTurns != 1 && quarterTurns != -1 && quarterTurns != 2) {
            throw new IllegalArgumentException("move: quarterTurns must be -1, 1 or 2, was " + quarterTurns);
        }
    }

    /** The move that undoes this one ({@code R} and {@code R'} undo each other, {@code R2} itself). */
    public Move inverse() {
        return quarterTurns == 2 ? this : new Move(face, -quarterTurns);
    }

    /** The move in notation: {@code R}, {@code R'} or {@code R2}. */
    @Override
    public String toString() {
        final char f = face.letter();
        if (quarterTurns == 1) {
            return String.valueOf(f);
        }
        return quarterTurns == 2 ? f + "2" : f + "'";
    }
}
