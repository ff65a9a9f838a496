package dev.dexd.controller.solve;

/**
 * Checks that 54 facelets (URFDLB order, already checked for length, letters, centres and colour
 * counts by {@link CubeSolver#check}) are a cube that can be solved, by reading them as cubies: each
 * of the 8 corner and 12 edge pieces occurs exactly once (no mirrored or impossible piece), the
 * corner twists sum to 0 mod 3, the edge flips to 0 mod 2, and the corner and edge permutations have
 * the same parity. These are the four conditions of a reachable state; min2phase's own checks miss
 * some states (16 of the 960 single sticker swaps of OpenAI's scramble passed them), so dexd does not
 * rely on them. Every refusal is one line naming the check that failed.
 *
 * <p>Facelet numbering and the piece order are Kociemba's (facelet {@code U1} is 0, {@code R1} 9, ...).
 */
public final class CubeValidator {
    private static final String FACES = "URFDLB";
    private static final int U = 0, R = 9, F = 18, D = 27, L = 36, B = 45;
    /** The facelets of each corner position, starting with its U or D facelet, then clockwise. */
    private static final int[][] CORNER_FACELETS = {
        {U + 8, R, F + 2}, {U + 6, F, L + 2}, {U, L, B + 2}, {U + 2, B, R + 2},
        {D + 2, F + 8, R + 6}, {D, L + 8, F + 6}, {D + 6, B + 8, L + 6}, {D + 8, R + 8, B + 6}};
    /** The faces of each corner piece, in the same order as its home position's facelets. */
    private static final String[] CORNERS = {"URF", "UFL", "ULB", "UBR", "DFR", "DLF", "DBL", "DRB"};
    /** The facelets of each edge position, the U/D (or F/B) facelet first. */
    private static final int[][] EDGE_FACELETS = {
        {U + 5, R + 1}, {U + 7, F + 1}, {U + 3, L + 1}, {U + 1, B + 1},
        {D + 5, R + 7}, {D + 1, F + 7}, {D + 3, L + 7}, {D + 7, B + 7},
        {F + 5, R + 3}, {F + 3, L + 5}, {B + 5, L + 3}, {B + 3, R + 5}};
    private static final String[] EDGES = {"UR", "UF", "UL", "UB", "DR", "DF", "DL", "DB", "FR", "FL", "BL", "BR"};

    private CubeValidator() {
    }

    /**
     * @param f 54 upper-case face letters, centres in place
     * @throws InvalidCubeException naming the first check that fails
     */
    public static void validate(final String f) {
        final int[] cornerAt = new int[8];
        final int[] cornerSeen = new int[8];
        int twist = 0;
        for (int pos = 0; pos < 8; pos++) {
            final int[] fl = CORNER_FACELETS[pos];
            int ori = 0;
            while (ori < 3 && f.charAt(fl[ori]) != 'U' && f.charAt(fl[ori]) != 'D') {
                ori++;
            }
            final String colours = "" + f.charAt(fl[0]) + f.charAt(fl[1]) + f.charAt(fl[2]);
            final int piece = ori == 3 ? -1
                : indexOf(CORNERS, "" + f.charAt(fl[ori]) + f.charAt(fl[(ori + 1) % 3]) + f.charAt(fl[(ori + 2) % 3]));
            if (piece < 0) {
                throw new InvalidCubeException("not a real cube (corner pieces): the corner at " + CORNERS[pos]
                    + " (facelets " + facelets(fl) + ") shows " + colours + ", which no corner piece has"
                    + " (check those facelets)");
            }
            if (cornerSeen[piece]++ > 0) {
                throw new InvalidCubeException("not a real cube (corner pieces): the " + CORNERS[piece]
                    + " corner piece occurs twice, the second time at " + CORNERS[pos] + " (facelets " + facelets(fl)
                    + "; check the facelets of the corners)");
            }
            cornerAt[pos] = piece;
            twist += ori;
        }
        final int[] edgeAt = new int[12];
        final int[] edgeSeen = new int[12];
        int flip = 0;
        for (int pos = 0; pos < 12; pos++) {
            final int[] fl = EDGE_FACELETS[pos];
            final String colours = "" + f.charAt(fl[0]) + f.charAt(fl[1]);
            int piece = indexOf(EDGES, colours);
            int flipped = 0;
            if (piece < 0) {
                piece = indexOf(EDGES, "" + colours.charAt(1) + colours.charAt(0));
                flipped = 1;
            }
            if (piece < 0) {
                throw new InvalidCubeException("not a real cube (edge pieces): the edge at " + EDGES[pos]
                    + " (facelets " + facelets(fl) + ") shows " + colours + ", which no edge piece has"
                    + " (check those facelets)");
            }
            if (edgeSeen[piece]++ > 0) {
                throw new InvalidCubeException("not a real cube (edge pieces): the " + EDGES[piece]
                    + " edge piece occurs twice, the second time at " + EDGES[pos] + " (facelets " + facelets(fl)
                    + "; check the facelets of the edges)");
            }
            edgeAt[pos] = piece;
            flip += flipped;
        }
        if (twist % 3 != 0) {
            throw new InvalidCubeException("not solvable (corner twist): the corner twists add up to " + twist % 3
                + " third(s) of a turn, not 0: a corner piece was put back turned");
        }
        if (flip % 2 != 0) {
            throw new InvalidCubeException("not solvable (edge flip): an odd number of edges is flipped:"
                + " an edge piece was put back the wrong way round");
        }
        if (parity(cornerAt) != parity(edgeAt)) {
            throw new InvalidCubeException("not solvable (permutation parity): the corners and the edges are"
                + " permuted with different parity: two corners or two edges are swapped");
        }
    }

    /** 0 for an even permutation, 1 for an odd one. */
    private static int parity(final int[] perm) {
        int inversions = 0;
        for (int i = 0; i < perm.length; i++) {
            for (int j = i + 1; j < perm.length; j++) {
                if (perm[i] > perm[j]) {
                    inversions++;
                }
            }
        }
        return inversions & 1;
    }

    private static int indexOf(final String[] names, final String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Facelets as the user reads them: 1-based number and name, e.g. "9 U9, 10 R1". */
    private static String facelets(final int[] fl) {
        final StringBuilder sb = new StringBuilder();
        for (int i : fl) {
            sb.append(sb.length() == 0 ? "" : ", ").append(i + 1).append(' ').append(FACES.charAt(i / 9)).append(i % 9 + 1);
        }
        return sb.toString();
    }
}
