package dev.dexd.giiker.frame;

/**
 * The six faces in URFDLB order, the order of the 54-facelet string (U1..U9, R1..R9, F1..F9, D1..D9,
 * L1..L9, B1..B9). Colours of a Giiker cube: U white, R red, F green, D yellow, L orange, B blue.
 */
public enum Face {
    U('U', 4), R('R', 5), F('F', 6), D('D', 2), L('L', 3), B('B', 1);

    private static final Face[] VALUES = values();
    /** The Giiker move nibble (1..6 = B D L U R F) to our face index; -1 for anything else. */
    private static final int[] BY_GIIKER_CODE = {-1, 5, 3, 4, 0, 1, 2, -1, -1, -1, -1, -1, -1, -1, -1, -1};

    private final char letter;
    private final int giikerCode;

    Face(final char letter, final int giikerCode) {
        this.letter = letter;
        this.giikerCode = giikerCode;
    }

    /** The face's letter, which is also the colour code of its centre in a facelet string. */
    public char letter() {
        return letter;
    }

    /** The nibble a Giiker frame uses for a move of this face (1..6 = B D L U R F). */
    public int giikerCode() {
        return giikerCode;
    }

    /** The face at index 0..5 (URFDLB) without allocating. */
    public static Face of(final int index) {
        return VALUES[index];
    }

    /** The face index (URFDLB) of a Giiker move nibble, or -1 when the nibble names no face. */
    public static int indexOfGiikerCode(final int nibble) {
        return BY_GIIKER_CODE[nibble & 0xF];
    }

    /** The face index (URFDLB) of a facelet colour letter, or -1. */
    public static int indexOfLetter(final int letter) {
        switch (letter) {
            case 'U': return 0;
            case 'R': return 1;
            case 'F': return 2;
            case 'D': return 3;
            case 'L': return 4;
            case 'B': return 5;
            default: return -1;
        }
    }
}
