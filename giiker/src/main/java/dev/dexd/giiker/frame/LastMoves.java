package dev.dexd.giiker.frame;

/**
 * The last moves a state frame carries, newest first: up to 4 in a plain frame, 2 in an obfuscated
 * one. A move is a face and a number of clockwise quarter turns (1, 2 or 3 = counter-clockwise).
 * Mutable and reused; nothing here allocates.
 */
public final class LastMoves {
    /** Moves in a plain frame; an obfuscated frame has room for {@link #OBFUSCATED_CAPACITY}. */
    public static final int CAPACITY = 4;
    public static final int OBFUSCATED_CAPACITY = 2;

    private static final String[][] NOTATION = new String[6][4];

    static {
        for (int f = 0; f < 6; f++) {
            final String l = String.valueOf(Face.of(f).letter());
            NOTATION[f][1] = l;
            NOTATION[f][2] = l + "2";
            NOTATION[f][3] = l + "'";
        }
    }

    private final int[] face = new int[CAPACITY];
    private final int[] turns = new int[CAPACITY];
    private int count;

    public int count() {
        return count;
    }

    /** Move i's face (0 = newest). */
    public Face face(final int i) {
        return Face.of(face[checked(i)]);
    }

    /** Move i's clockwise quarter turns: 1, 2 or 3 (counter-clockwise). */
    public int quarterTurns(final int i) {
        return turns[checked(i)];
    }

    /** Move i in Singmaster notation, e.g. {@code R}, {@code U'}, {@code F2} (a constant: no allocation). */
    public String notation(final int i) {
        return NOTATION[face[checked(i)]][turns[checked(i)]];
    }

    public LastMoves clear() {
        count = 0;
        return this;
    }

    /** Appends an older move (the first added is the newest). Ignored when full. */
    public LastMoves add(final Face f, final int quarterTurns) {
        final int q = quarterTurnsOf(quarterTurns);
        if (count < CAPACITY) {
            face[count] = f.ordinal();
            turns[count] = q;
            count++;
        }
        return this;
    }

    /** Records a new move as the newest, shifting older ones down (the oldest falls off when full). */
    public LastMoves push(final Face f, final int quarterTurns) {
        final int q = quarterTurnsOf(quarterTurns);
        final int n = Math.min(count, CAPACITY - 1);
        System.arraycopy(face, 0, face, 1, n);
        System.arraycopy(turns, 0, turns, 1, n);
        face[0] = f.ordinal();
        turns[0] = q;
        count = n + 1;
        return this;
    }

    public LastMoves copyFrom(final LastMoves other) {
        System.arraycopy(other.face, 0, face, 0, CAPACITY);
        System.arraycopy(other.turns, 0, turns, 0, CAPACITY);
        count = other.count;
        return this;
    }

    private static int quarterTurnsOf(final int quarterTurns) {
        final int q = Math.floorMod(quarterTurns, 4);
        if (q == 0) {
            throw new IllegalArgumentException("a move needs 1, 2 or 3 quarter turns (or -1), got " + quarterTurns);
        }
        return q;
    }

    private int checked(final int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("move " + i + " of " + count);
        }
        return i;
    }

    /** The moves newest first, space-separated, e.g. {@code R U'} (allocates). */
    @Override
    public String toString() {
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append(i == 0 ? "" : " ").append(notation(i));
        }
        return b.toString();
    }
}
