package dev.dexd.controller.goals;

/**
 * One goal for the policy: a {@link SubgoalKind#FLIP} that brings {@code face} to the top, or a
 * {@link SubgoalKind#ROTATION} that turns the top face by a quarter turn in direction {@code turn}.
 * A planned rotation names the face it expects on top; an explicit one ({@code goals rotate}) has a
 * null face and turns whatever face is on top. Subgoals made from a move remember it and its
 * 0-based index in the sequence, for the plan table and the step log.
 *
 * @param kind      flip or rotation
 * @param face      flip: the face to bring up; rotation: the face expected on top, or null for any
 * @param turn      rotation: the direction; flip: null
 * @param move      the move this subgoal serves, or null for an explicit subgoal
 * @param moveIndex 0-based index of {@code move} in its sequence, or -1
 */
public record Subgoal(SubgoalKind kind, Face face, Turn turn, Move move, int moveIndex) {
    private static final Subgoal[] FLIPS = new Subgoal[Face.COUNT];
    private static final Subgoal ROTATE_CW = new Subgoal(SubgoalKind.ROTATION, null, Turn.CW, null, -1);
    private static final Subgoal ROTATE_CCW = new Subgoal(SubgoalKind.ROTATION, null, Turn.CCW, null, -1);

    static {
        for (int i = 0; i < Face.COUNT; i++) {
            FLIPS[i] = new Subgoal(SubgoalKind.FLIP, Face.of(i), null, null, -1);
        }
    }

    /** Checks that the fields fit the kind. */
    public Subgoal {
        if (kind == null) {
            throw new IllegalArgumentException("subgoal: kind is null");
        }
        if (kind == SubgoalKind.FLIP && (face == null || turn != null)) {
            throw new IllegalArgumentException("subgoal: a flip needs a face and no turn");
        }
        if (kind == SubgoalKind.ROTATION && turn == null) {
            throw new IllegalArgumentException("subgoal: a rotation needs a turn");
        }
        if ((move == null) != (moveIndex < 0)) {
            throw new IllegalArgumentException("subgoal: move and moveIndex go together");
        }
    }

    /** The explicit flip bringing {@code face} up (shared instance, no allocation). */
    public static Subgoal flip(final Face face) {
        return FLIPS[face.index()];
    }

    /** The explicit rotation of whatever face is on top (shared instance, no allocation). */
    public static Subgoal rotate(final Turn turn) {
        return turn == Turn.CW ? ROTATE_CW : ROTATE_CCW;
    }

    /** "flip L up", "rotate L cw" or "rotate top ccw", for status lines. */
    @Override
    public String toString() {
        if (kind == SubgoalKind.FLIP) {
            return "flip " + face.letter() + " up";
        }
        return "rotate " + (face == null ? "top" : String.valueOf(face.letter())) + " " + turn.text();
    }
}
