package dev.dexd.controller.solve;

import dev.dexd.controller.goals.CubeNotation;
import dev.dexd.controller.goals.Face;
import dev.dexd.controller.goals.Move;
import dev.dexd.controller.goals.SubgoalPlan;
import dev.dexd.controller.goals.SubgoalPlanner;
import java.util.List;

/**
 * A solved cube state: the facelets and the moves that solve them, and the moves as the flips and
 * rotations the hand can do.
 *
 * @param facelets the 54 facelets solved (upper case, URFDLB order)
 * @param moves    the solution; empty when the cube was solved already
 */
public record Solution(String facelets, List<Move> moves) {
    public Solution {
        moves = List.copyOf(moves);
    }

    /** The moves in notation, e.g. {@code "R U2 F'"}; empty when there are none. */
    public String movesText() {
        return CubeNotation.format(moves);
    }

    /** The subgoal plan for the moves with {@code top} on top at the start. */
    public SubgoalPlan plan(Face top) {
        return SubgoalPlanner.plan(moves, top);
    }

    /** One plan per face that may be on top at the start, indexed by {@link Face#index()}. */
    public SubgoalPlan[] plansByTop() {
        SubgoalPlan[] plans = new SubgoalPlan[Face.COUNT];
        for (int i = 0; i < Face.COUNT; i++) {
            plans[i] = plan(Face.of(i));
        }
        return plans;
    }
}
