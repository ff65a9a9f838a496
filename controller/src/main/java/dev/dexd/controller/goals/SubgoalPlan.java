package dev.dexd.controller.goals;

import java.util.List;

/**
 * An ordered list of subgoals with where it came from: the moves (empty for explicit subgoals), the
 * face assumed on top at the start and the face on top at the end (null when unknown or unchanged,
 * as for an explicit rotation). Immutable; made by {@link SubgoalPlanner}.
 */
public final class SubgoalPlan {
    private final List<Subgoal> subgoals;
    private final List<Move> moves;
    private final Face topAtStart;
    private final Face topAtEnd;
    private final int flips;

    SubgoalPlan(final List<Subgoal> subgoals, final List<Move> moves, final Face topAtStart, final Face topAtEnd) {
        this.subgoals = List.copyOf(subgoals);
        this.moves = List.copyOf(moves);
        this.topAtStart = topAtStart;
        this.topAtEnd = topAtEnd;
        int f = 0;
        for (final Subgoal s : this.subgoals) {
            f += s.kind() == SubgoalKind.FLIP ? 1 : 0;
        }
        this.flips = f;
    }

    /** The subgoals in order (unmodifiable). */
    public List<Subgoal> subgoals() {
        return subgoals;
    }

    /** The moves the plan was made from (unmodifiable; empty for explicit subgoals). */
    public List<Move> moves() {
        return moves;
    }

    /** Number of subgoals. */
    public int size() {
        return subgoals.size();
    }

    /** The subgoal at {@code index}. */
    public Subgoal get(final int index) {
        return subgoals.get(index);
    }

    /** Number of flips. */
    public int flips() {
        return flips;
    }

    /** Number of rotations. */
    public int rotations() {
        return subgoals.size() - flips;
    }

    /** The face the planner assumed on top before the first subgoal, or null (explicit subgoals). */
    public Face topAtStart() {
        return topAtStart;
    }

    /** The face on top after the last subgoal, or null when the plan does not change or know it. */
    public Face topAtEnd() {
        return topAtEnd;
    }

    /**
     * The plan as a table, one row per subgoal numbered from 1, then a summary line, e.g.
     * <pre>
     *    #  kind      face  turn  from
     *    1  flip      L     -     L2 (move 1)
     *    2  rotation  L     cw    L2 (move 1)
     * </pre>
     */
    public String toTable() {
        final StringBuilder sb = new StringBuilder(64 + 40 * subgoals.size());
        appendHeader(sb);
        for (int i = 0; i < subgoals.size(); i++) {
            appendRow(sb, i + 1, subgoals.get(i));
        }
        sb.append(subgoals.size()).append(" subgoals: ").append(flips).append(" flips, ")
            .append(rotations()).append(" rotations");
        if (!moves.isEmpty()) {
            sb.append(" for ").append(moves.size()).append(" moves");
        }
        if (topAtStart != null) {
            sb.append(", ").append(topAtStart.letter()).append(" on top at the start");
        }
        return sb.append('\n').toString();
    }

    @Override
    public String toString() {
        return "SubgoalPlan[" + subgoals.size() + " subgoals: " + flips + " flips, " + rotations() + " rotations]";
    }

    static void appendHeader(final StringBuilder sb) {
        sb.append("   #  kind      face  turn  from\n");
    }

    static void appendRow(final StringBuilder sb, final int number, final Subgoal s) {
        final String n = Integer.toString(number);
        for (int pad = n.length(); pad < 4; pad++) {
            sb.append(' ');
        }
        sb.append(n).append("  ");
        pad(sb, s.kind().text(), 10);
        pad(sb, s.face() == null ? "top" : String.valueOf(s.face().letter()), 6);
        pad(sb, s.turn() == null ? "-" : s.turn().text(), 6);
        if (s.move() == null) {
            sb.append("explicit");
        } else {
            sb.append(s.move()).append(" (move ").append(s.moveIndex() + 1).append(')');
        }
        sb.append('\n');
    }

    private static void pad(final StringBuilder sb, final String text, final int width) {
        sb.append(text);
        for (int i = text.length(); i < width; i++) {
            sb.append(' ');
        }
    }
}
