package dev.dexd.common.sensing;

/**
 * The cube's state as 54 facelets in URFDLB order (U1..U9, R1..R9, ... B1..B9), each the face letter
 * of its colour's centre ('U', 'R', 'F', 'D', 'L', 'B'), as min2phase and {@code solve} take it.
 */
public final class CubeState extends TimedSample {
    public static final int FACELETS = 54;
    public final byte[] facelets = new byte[FACELETS];

    public CubeState() {
        solved(facelets);
    }

    public void copyFrom(CubeState o) {
        copyStamp(o);
        System.arraycopy(o.facelets, 0, facelets, 0, FACELETS);
    }

    /** The facelets as a 54-letter string (allocates: for tools and the console, not the loop). */
    public String faceletString() {
        return new String(facelets, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Fills {@code out} (54 bytes) with the solved cube. */
    public static void solved(byte[] out) {
        byte[] faces = {'U', 'R', 'F', 'D', 'L', 'B'};
        for (int i = 0; i < FACELETS; i++) {
            out[i] = faces[i / 9];
        }
    }
}
