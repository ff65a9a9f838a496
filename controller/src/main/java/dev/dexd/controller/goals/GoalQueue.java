package dev.dexd.controller.goals;

/**
 * The subgoals waiting to be attempted, first in first out, in a ring of fixed capacity. Owned by
 * the control thread: the console's commands reach it through the controller's command ring, so
 * nothing here is thread safe. {@link #peek()} and {@link #poll()} allocate nothing; pushing and
 * listing may, as they happen only when a command arrives.
 */
public final class GoalQueue {
    private final Subgoal[] ring;
    private int head;
    private int size;
    private Face tailTop;

    /** An empty queue holding at most {@code capacity} subgoals. */
    public GoalQueue(final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("goal queue capacity must be >= 1, was " + capacity);
        }
        ring = new Subgoal[capacity];
    }

    /**
     * Appends every subgoal of {@code plan}, or none of them when they do not all fit.
     *
     * @return false when the plan does not fit (the queue is unchanged)
     */
    public boolean push(final SubgoalPlan plan) {
        if (plan.size() > ring.length - size) {
            return false;
        }
        for (int i = 0; i < plan.size(); i++) {
            ring[(head + size) % ring.length] = plan.get(i);
            size++;
        }
        if (plan.topAtEnd() != null) {
            tailTop = plan.topAtEnd();
        }
        return true;
    }

    /** Removes every waiting subgoal. */
    public void clear() {
        while (size > 0) {
            poll();
        }
        tailTop = null;
    }

    /** The next subgoal, or null when empty. */
    public Subgoal peek() {
        return size == 0 ? null : ring[head];
    }

    /** Removes and returns the next subgoal, or null when empty. */
    public Subgoal poll() {
        if (size == 0) {
            return null;
        }
        final Subgoal s = ring[head];
        ring[head] = null;
        head = (head + 1) % ring.length;
        size--;
        return s;
    }

    /** The subgoal {@code index} places after the head (0 is the head). */
    public Subgoal get(final int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("goal queue index " + index + ", size " + size);
        }
        return ring[(head + index) % ring.length];
    }

    /** Subgoals waiting. */
    public int size() {
        return size;
    }

    /** True when nothing is waiting. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Maximum number of subgoals. */
    public int capacity() {
        return ring.length;
    }

    /** Room left, in subgoals. */
    public int remaining() {
        return ring.length - size;
    }

    /**
     * The face the plans pushed so far leave on top, or null when no pushed plan says (nothing
     * pushed since the last {@link #clear()}, or only explicit rotations).
     */
    public Face tailTop() {
        return tailTop;
    }

    /** The waiting subgoals as a table numbered from {@code firstNumber}, or "(none)". */
    public String toTable(final int firstNumber) {
        if (size == 0) {
            return "(none)\n";
        }
        final StringBuilder sb = new StringBuilder(40 * (size + 1));
        SubgoalPlan.appendHeader(sb);
        for (int i = 0; i < size; i++) {
            SubgoalPlan.appendRow(sb, firstNumber + i, get(i));
        }
        return sb.toString();
    }
}
