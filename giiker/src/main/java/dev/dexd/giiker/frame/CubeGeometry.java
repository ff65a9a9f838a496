package dev.dexd.giiker.frame;

/**
 * Where the pieces' stickers sit in the 54-facelet URFDLB string, in the Giiker's slot order, and
 * the facelet permutation of each face turn (computed once from the cube's 3-D geometry, so the turns
 * cannot disagree with the facelet layout).
 */
final class CubeGeometry {
    static final int FACELETS = 54;
    static final int CORNERS = 8;
    static final int EDGES = 12;

    /** Corner slots DRF RUF ULF LDF RDB URB LUB DLB; reference (F or B) sticker first. */
    static final int[][] CORNER_FACELETS = {
        {26, 15, 29}, {20, 8, 9}, {18, 38, 6}, {24, 27, 44},
        {51, 35, 17}, {45, 11, 2}, {47, 0, 36}, {53, 42, 33},
    };

    /** Edge slots FD FR FU FL DR UR UL DL BD BR BU BL; reference sticker first. */
    static final int[][] EDGE_FACELETS = {
        {25, 28}, {23, 12}, {19, 7}, {21, 41}, {32, 16}, {5, 10},
        {3, 37}, {30, 43}, {52, 34}, {48, 14}, {46, 1}, {50, 39},
    };

    /** Outward normals of U R F D L B (x right, y up, z towards the viewer at the front). */
    private static final int[][] NORMALS = {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}, {0, -1, 0}, {-1, 0, 0}, {0, 0, -1}};

    /** TURN[f][i]: where the sticker at facelet i goes after a clockwise quarter turn of face f. */
    private static final int[][] TURN = new int[6][FACELETS];

    static {
        final int[][] position = new int[FACELETS][];
        final int[][] normal = new int[FACELETS][];
        for (int i = 0; i < FACELETS; i++) {
            position[i] = position(i);
            normal[i] = NORMALS[i / 9];
        }
        for (int f = 0; f < 6; f++) {
            final int[] axis = NORMALS[f];
            for (int i = 0; i < FACELETS; i++) {
                if (dot(position[i], axis) != 1) {
                    TURN[f][i] = i;
                    continue;
                }
                final int[] p = clockwise(axis, position[i]);
                final int[] n = clockwise(axis, normal[i]);
                TURN[f][i] = find(position, normal, p, n);
            }
        }
    }

    private CubeGeometry() {
    }

    /** The face (URFDLB index) whose colour the sticker at facelet {@code i} of a solved cube has. */
    static int faceOf(final int facelet) {
        return facelet / 9;
    }

    /** Where facelet i goes after a clockwise quarter turn of face f. */
    static int turned(final int face, final int facelet) {
        return TURN[face][facelet];
    }

    /** The cubie position (each coordinate -1..1) of facelet i, faces read as in the usual net. */
    private static int[] position(final int i) {
        final int r = (i % 9) / 3;
        final int c = i % 3;
        switch (i / 9) {
            case 0: return new int[] {c - 1, 1, r - 1};
            case 1: return new int[] {1, 1 - r, 1 - c};
            case 2: return new int[] {c - 1, 1 - r, 1};
            case 3: return new int[] {c - 1, -1, 1 - r};
            case 4: return new int[] {-1, 1 - r, c - 1};
            default: return new int[] {1 - c, 1 - r, -1};
        }
    }

    /** v turned a quarter clockwise as seen from outside along axis a: -(a x v) + a (a.v). */
    private static int[] clockwise(final int[] a, final int[] v) {
        final int d = dot(a, v);
        return new int[] {
            -(a[1] * v[2] - a[2] * v[1]) + a[0] * d,
            -(a[2] * v[0] - a[0] * v[2]) + a[1] * d,
            -(a[0] * v[1] - a[1] * v[0]) + a[2] * d,
        };
    }

    private static int dot(final int[] a, final int[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static int find(final int[][] position, final int[][] normal, final int[] p, final int[] n) {
        for (int i = 0; i < FACELETS; i++) {
            if (java.util.Arrays.equals(position[i], p) && java.util.Arrays.equals(normal[i], n)) {
                return i;
            }
        }
        throw new IllegalStateException("no facelet at the turned position");
    }
}
