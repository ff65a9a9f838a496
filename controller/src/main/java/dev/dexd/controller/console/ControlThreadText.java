package dev.dexd.controller.console;

import dev.dexd.controller.goals.EndReason;
import dev.dexd.controller.goals.Face;
import dev.dexd.controller.goals.GoalQueue;
import dev.dexd.controller.goals.GoalTracker;
import dev.dexd.controller.goals.Move;
import dev.dexd.controller.goals.Subgoal;
import dev.dexd.controller.goals.SubgoalKind;

/**
 * The answers to {@code status} and {@code goals list}, written by the control thread into a
 * builder the console made with room enough ({@link #STATUS_CAPACITY}, {@link #LIST_CAPACITY}):
 * appends of constants, chars and longs only, so nothing is allocated on the control thread.
 * The first line is the summary (the reply's message); further lines are the body.
 */
public final class ControlThreadText {
    /** Rows of the queue that {@code goals list} shows; the rest are counted. */
    public static final int MAX_ROWS = 200;
    /** Room a {@code status} answer needs. */
    public static final int STATUS_CAPACITY = 512;
    /** Room a {@code goals list} answer needs. */
    public static final int LIST_CAPACITY = 256 + 56 * (MAX_ROWS + 2);

    private ControlThreadText() {
    }

    /** One line of {@code key=value} pairs: the goal state as the control thread sees it at {@code step}. */
    public static void status(StringBuilder sb, long step, GoalTracker g, boolean estopped) {
        status(sb, step, g, estopped, null);
    }

    /**
     * The same, with {@code estop_reason=} after {@code estop=on} when {@code reason} (one word, e.g.
     * {@code operator}, {@code driver}, {@code following-error}) is given.
     */
    public static void status(StringBuilder sb, long step, GoalTracker g, boolean estopped, String reason) {
        sb.append("step=").append(step)
            .append(" episode=").append(g.episodes())
            .append(" running=").append(g.isRunning() ? "yes" : "no")
            .append(" ended=");
        lower(sb, g.endReason() == EndReason.NONE ? "none" : g.endReason().name());
        sb.append(" estop=").append(estopped ? "on" : "off");
        if (estopped && reason != null) {
            sb.append(" estop_reason=").append(reason);
        }
        sb.append(" active=");
        Subgoal s = g.activeSubgoal();
        if (s == null) {
            sb.append("none");
        } else {
            active(sb, g, s, ':');
            sb.append(" active_number=").append(g.attempted())
                .append(" active_steps=").append(Math.max(0, step - g.activeStartStep()));
        }
        sb.append(" succeeded=").append(g.succeeded())
            .append(" timed_out=").append(g.timedOut())
            .append(" drops=").append(g.drops())
            .append(" queued=").append(g.queue().size())
            .append(" top=").append(g.topFace().letter())
            .append(" next_top=").append(g.plannedTopFace().letter());
        milli(sb, " orientation_error_mrad=", g.orientationError());
        milli(sb, " face_error_mrad=", g.faceError());
    }

    /** A summary line, then the active subgoal and the queue as a table (at most {@link #MAX_ROWS} rows). */
    public static void goals(StringBuilder sb, long step, GoalTracker g) {
        GoalQueue q = g.queue();
        Subgoal s = g.activeSubgoal();
        sb.append(s == null ? "no active subgoal, " : "1 active, ").append(q.size()).append(" queued, ")
            .append(g.plannedTopFace().letter()).append(" on top when done\n");
        sb.append("active: ");
        if (s == null) {
            sb.append("none");
        } else {
            sb.append('#').append(g.attempted()).append(' ');
            active(sb, g, s, ' ');
            sb.append(" for ").append(Math.max(0, step - g.activeStartStep())).append(" steps");
        }
        sb.append('\n');
        if (q.isEmpty()) {
            sb.append("queue: empty\n");
            return;
        }
        sb.append("   #  kind      face  turn  from\n");
        int rows = Math.min(q.size(), MAX_ROWS);
        for (int i = 0; i < rows; i++) {
            row(sb, g.attempted() + 1 + i, q.get(i));
        }
        if (q.size() > rows) {
            sb.append("... and ").append(q.size() - rows).append(" more\n");
        }
    }

    private static void active(StringBuilder sb, GoalTracker g, Subgoal s, char sep) {
        Face face = g.activeFace();
        if (s.kind() == SubgoalKind.FLIP) {
            sb.append("flip").append(sep).append(face == null ? '?' : face.letter());
            if (sep == ' ') {
                sb.append(" up");
            }
        } else {
            sb.append("rotate").append(sep);
            if (face == null) {
                sb.append("top");
            } else {
                sb.append(face.letter());
            }
            sb.append(sep).append(s.turn().text());
        }
        if (g.activeIsCorrective()) {
            sb.append(sep).append(sep == ' ' ? "(corrective)" : "corrective");
        }
    }

    private static void row(StringBuilder sb, int number, Subgoal s) {
        for (int n = digits(number); n < 4; n++) {
            sb.append(' ');
        }
        sb.append(number).append("  ");
        pad(sb, s.kind().text(), 10);
        if (s.face() == null) {
            pad(sb, "top", 6);
        } else {
            sb.append(s.face().letter()).append("     ");
        }
        pad(sb, s.turn() == null ? "-" : s.turn().text(), 6);
        Move m = s.move();
        if (m == null) {
            sb.append("explicit");
        } else {
            sb.append(m.face().letter());
            if (m.quarterTurns() == 2) {
                sb.append('2');
            } else if (m.quarterTurns() == -1) {
                sb.append('\'');
            }
            sb.append(" (move ").append(s.moveIndex() + 1).append(')');
        }
        sb.append('\n');
    }

    private static void pad(StringBuilder sb, String text, int width) {
        sb.append(text);
        for (int i = text.length(); i < width; i++) {
            sb.append(' ');
        }
    }

    private static int digits(int n) {
        int d = 1;
        while (n >= 10) {
            n /= 10;
            d++;
        }
        return d;
    }

    private static void lower(StringBuilder sb, String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(c == '_' ? '-' : Character.toLowerCase(c));
        }
    }

    /** Appends {@code key} and {@code radians} in whole milliradians, or nothing when NaN. */
    private static void milli(StringBuilder sb, String key, double radians) {
        if (!Double.isNaN(radians)) {
            sb.append(key).append(Math.round(radians * 1000.0));
        }
    }
}
