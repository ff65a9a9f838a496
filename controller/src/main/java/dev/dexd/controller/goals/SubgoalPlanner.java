package dev.dexd.controller.goals;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns moves into the flips and rotations the policy can do, as in Dactyl: the hand can only turn
 * the face on top, so a move of a face that is not on top becomes a flip that brings it up, then a
 * rotation; a half turn is two clockwise quarter-turn rotations. The planner tracks which face is
 * on top through the plan, starting from the face the caller says is up now.
 *
 * <p>Counting: every change of face costs exactly one flip, including a change to the opposite face
 * (the flip goal is one reorientation, however far). OpenAI's benchmark scramble
 * {@code L2 U2 R2 B D2 B2 D2 L2 F' D' R B F L U' F D' L2} has 18 moves, 8 of them half turns, so 26
 * rotations; no two consecutive moves share a face, so there are 17 flips when L is already on top
 * and 18 when U is. The paper's "43 subgoals: 26 rotations and 17 flips" is the first case.
 */
public final class SubgoalPlanner {
    private SubgoalPlanner() {
    }

    /** The plan for {@code moves} with {@code top} on top at the start (U if null). */
    public static SubgoalPlan plan(final List<Move> moves, final Face top) {
        final Face start = top == null ? Face.U : top;
        final List<Subgoal> out = new ArrayList<>(moves.size() * 3);
        Face up = start;
        for (int i = 0; i < moves.size(); i++) {
            final Move m = moves.get(i);
            if (m.face() != up) {
                out.add(new Subgoal(SubgoalKind.FLIP, m.face(), null, m, i));
                up = m.face();
            }
            final Turn turn = m.quarterTurns() == -1 ? Turn.CCW : Turn.CW;
            final int rotations = m.quarterTurns() == 2 ? 2 : 1;
            for (int r = 0; r < rotations; r++) {
                out.add(new Subgoal(SubgoalKind.ROTATION, up, turn, m, i));
            }
        }
        return new SubgoalPlan(out, moves, start, up);
    }

    /**
     * The plan for a sequence in cube notation.
     *
     * @throws NotationException when {@code notation} is not valid notation
     */
    public static SubgoalPlan plan(final String notation, final Face top) {
        return plan(CubeNotation.parse(notation), top);
    }

    /** An explicit flip bringing {@code face} up. */
    public static SubgoalPlan flip(final Face face) {
        return new SubgoalPlan(List.of(Subgoal.flip(face)), List.of(), null, face);
    }

    /** An explicit quarter turn of whatever face is on top when it starts. */
    public static SubgoalPlan rotate(final Turn turn) {
        return new SubgoalPlan(List.of(Subgoal.rotate(turn)), List.of(), null, null);
    }
}
