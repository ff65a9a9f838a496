package dev.dexd.controller.goals;

import java.util.List;

/**
 * A 3x3x3 cube as 54 facelets in the URFDLB order of Kociemba's solvers: the nine facelets of U,
 * then R, F, D, L, B, each face read row by row as drawn on the usual net (U above F; L, F, R, B in
 * a row; D below F), every facelet named by the face whose centre has its colour. Used to check
 * that a solution really solves a state. Faces and turn directions are those of {@link Face} and
 * {@link Move}; the permutation of each clockwise turn is worked out once from the facelets'
 * positions in the cube frame rather than written out by hand.
 */
public final class CubeState {
    /** The solved cube. */
    public static final String SOLVED = "UUUUUUUUURRRRRRRRRFFFFFFFFFDDDDDDDDDLLLLLLLLLBBBBBBBBB";

    private static final int FACELETS = 54;
    /** Per face: the outward normal, then the net's "right" and "down" directions, cube frame. */
    private static final int[][] NET = {
        {0, 0, 1, 1, 0, 0, 0, -1, 0},     // U: rows run from B towards F
        {1, 0, 0, 0, 1, 0, 0, 0, -1},     // R: columns run from F towards B
        {0, -1, 0, 1, 0, 0, 0, 0, -1},    // F
        {0, 0, -1, 1, 0, 0, 0, 1, 0},     // D: rows run from F towards B
        {-1, 0, 0, 0, -1, 0, 0, 0, -1},   // L: columns run from B towards F
        {0, 1, 0, -1, 0, 0, 0, 0, -1},    // B: columns run from R towards L
    };
    /** CLOCKWISE[f][i]: where facelet i goes in a clockwise quarter turn of face f. */
    private static final int[][] CLOCKWISE = clockwiseTables();

    private final char[] facelets = new char[FACELETS];
    private final char[] scratch = new char[FACELETS];

    /** A solved cube. */
    public CubeState() {
        SOLVED.getChars(0, FACELETS, facelets, 0);
    }

    /**
     * The cube with these facelets.
     *
     * @throws IllegalArgumentException unless {@code facelets} is 54 of the letters U R F D L B
     */
    public static CubeState of(final String facelets) {
        if (facelets.length() != FACELETS) {
            throw new IllegalArgumentException("cube: facelets must be 54 letters of U R F D L B, got "
                + facelets.length() + " characters");
        }
        final CubeState c = new CubeState();
        for (int i = 0; i < FACELETS; i++) {
            final char ch = facelets.charAt(i);
            if (Face.ofLetter(ch) == null) {
                throw new IllegalArgumentException("cube: facelet " + (i + 1) + " is '" + ch
                    + "', not one of U R F D L B");
            }
            c.facelets[i] = ch;
        }
        return c;
    }

    /** Applies {@code move} in place and returns this cube. */
    public CubeState apply(final Move move) {
        final int quarters = move.quarterTurns() == -1 ? 3 : move.quarterTurns();
        final int[] perm = CLOCKWISE[move.face().index()];
        for (int q = 0; q < quarters; q++) {
            for (int i = 0; i < FACELETS; i++) {
                scratch[perm[i]] = facelets[i];
            }
            System.arraycopy(scratch, 0, facelets, 0, FACELETS);
        }
        return this;
    }

    /** Applies {@code moves} in order, in place, and returns this cube. */
    public CubeState apply(final List<Move> moves) {
        for (int i = 0; i < moves.size(); i++) {
            apply(moves.get(i));
        }
        return this;
    }

    /** The 54 facelets. */
    public String facelets() {
        return new String(facelets);
    }

    /** True when every face shows one colour. */
    public boolean isSolved() {
        for (int f = 0; f < Face.COUNT; f++) {
            for (int i = 1; i < 9; i++) {
                if (facelets[9 * f + i] != facelets[9 * f]) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return facelets();
    }

    private static int[][] clockwiseTables() {
        // index of the facelet at position p (each coordinate -1..1) on the face with normal n
        final int[] at = new int[27 * Face.COUNT];
        final int[][] pos = new int[FACELETS][];
        for (int f = 0; f < Face.COUNT; f++) {
            final int[] g = NET[f];
            for (int row = 0; row < 3; row++) {
                for (int col = 0; col < 3; col++) {
                    final int[] p = new int[3];
                    for (int k = 0; k < 3; k++) {
                        p[k] = g[k] + (col - 1) * g[3 + k] + (row - 1) * g[6 + k];
                    }
                    final int i = 9 * f + 3 * row + col;
                    pos[i] = p;
                    at[key(p, f)] = i;
                }
            }
        }
        final int[][] tables = new int[Face.COUNT][FACELETS];
        for (int t = 0; t < Face.COUNT; t++) {
            final int[] m = NET[t];
            for (int i = 0; i < FACELETS; i++) {
                final int[] p = pos[i];
                final int[] n = NET[i / 9];
                if (p[0] * m[0] + p[1] * m[1] + p[2] * m[2] != 1) {
                    tables[t][i] = i;
                    continue;
                }
                final int[] p2 = quarterClockwise(m, p);
                final int[] n2 = quarterClockwise(m, n);
                tables[t][i] = at[key(p2, faceWithNormal(n2))];
            }
        }
        return tables;
    }

    /** v turned by -90 degrees about the axis m: v' = m (m.v) - m x v. */
    private static int[] quarterClockwise(final int[] m, final int[] v) {
        final int dot = m[0] * v[0] + m[1] * v[1] + m[2] * v[2];
        return new int[] {
            m[0] * dot - (m[1] * v[2] - m[2] * v[1]),
            m[1] * dot - (m[2] * v[0] - m[0] * v[2]),
            m[2] * dot - (m[0] * v[1] - m[1] * v[0])};
    }

    private static int faceWithNormal(final int[] n) {
        for (int f = 0; f < Face.COUNT; f++) {
            if (NET[f][0] == n[0] && NET[f][1] == n[1] && NET[f][2] == n[2]) {
                return f;
            }
        }
        throw new IllegalStateException("not a face normal");
    }

    private static int key(final int[] p, final int face) {
        return ((p[0] + 1) * 9 + (p[1] + 1) * 3 + (p[2] + 1)) * Face.COUNT + face;
    }
}
