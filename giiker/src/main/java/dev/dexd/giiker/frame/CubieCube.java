package dev.dexd.giiker.frame;

import static dev.dexd.giiker.frame.CubeGeometry.CORNERS;
import static dev.dexd.giiker.frame.CubeGeometry.CORNER_FACELETS;
import static dev.dexd.giiker.frame.CubeGeometry.EDGES;
import static dev.dexd.giiker.frame.CubeGeometry.EDGE_FACELETS;
import static dev.dexd.giiker.frame.CubeGeometry.FACELETS;

/**
 * A 3x3 cube's state at the cubie level, in the Giiker's slot order (corners DRF RUF ULF LDF RDB URB
 * LUB DLB, edges FD FR FU FL DR UR UL DL BD BR BU BL; see docs/giiker.md), and the cube model the
 * tests and the simulated cube turn. A piece's number is the slot it belongs in (0-based); a corner's
 * twist (0..2) and an edge's flip (0..1) say how far its reference sticker (F/B, else U/D) has
 * moved round the slot's stickers. Mutable and reused: nothing here allocates except
 * {@link #facelets()} and {@link #toString()}.
 */
public final class CubieCube {
    private final int[] cornerPiece = new int[CORNERS];
    private final int[] cornerTwist = new int[CORNERS];
    private final int[] edgePiece = new int[EDGES];
    private final int[] edgeFlip = new int[EDGES];
    private final byte[] scratch = new byte[FACELETS];
    private final byte[] turned = new byte[FACELETS];

    /** A solved cube. */
    public CubieCube() {
        reset();
    }

    /** Back to solved. */
    public CubieCube reset() {
        for (int i = 0; i < CORNERS; i++) {
            cornerPiece[i] = i;
            cornerTwist[i] = 0;
        }
        for (int i = 0; i < EDGES; i++) {
            edgePiece[i] = i;
            edgeFlip[i] = 0;
        }
        return this;
    }

    public CubieCube copyFrom(final CubieCube other) {
        System.arraycopy(other.cornerPiece, 0, cornerPiece, 0, CORNERS);
        System.arraycopy(other.cornerTwist, 0, cornerTwist, 0, CORNERS);
        System.arraycopy(other.edgePiece, 0, edgePiece, 0, EDGES);
        System.arraycopy(other.edgeFlip, 0, edgeFlip, 0, EDGES);
        return this;
    }

    /** True when both describe the same cube (every piece in the same slot with the same orientation). */
    public boolean sameAs(final CubieCube other) {
        return java.util.Arrays.equals(cornerPiece, other.cornerPiece)
            && java.util.Arrays.equals(cornerTwist, other.cornerTwist)
            && java.util.Arrays.equals(edgePiece, other.edgePiece)
            && java.util.Arrays.equals(edgeFlip, other.edgeFlip);
    }

    public boolean isSolved() {
        for (int i = 0; i < CORNERS; i++) {
            if (cornerPiece[i] != i || cornerTwist[i] != 0) {
                return false;
            }
        }
        for (int i = 0; i < EDGES; i++) {
            if (edgePiece[i] != i || edgeFlip[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The corner piece (0..7) in corner slot {@code slot}. */
    public int cornerPiece(final int slot) {
        return cornerPiece[slot];
    }

    /** The twist (0..2) of the corner in slot {@code slot}. */
    public int cornerTwist(final int slot) {
        return cornerTwist[slot];
    }

    /** The edge piece (0..11) in edge slot {@code slot}. */
    public int edgePiece(final int slot) {
        return edgePiece[slot];
    }

    /** The flip (0..1) of the edge in slot {@code slot}. */
    public int edgeFlip(final int slot) {
        return edgeFlip[slot];
    }

    /** Puts corner {@code piece} (0..7) with {@code twist} into {@code slot}; {@link #check} says whether the whole is a cube. */
    public CubieCube corner(final int slot, final int piece, final int twist) {
        cornerPiece[slot] = piece;
        cornerTwist[slot] = twist;
        return this;
    }

    /** Puts edge {@code piece} (0..11) with {@code flip} into {@code slot}. */
    public CubieCube edge(final int slot, final int piece, final int flip) {
        edgePiece[slot] = piece;
        edgeFlip[slot] = flip;
        return this;
    }

    /**
     * Why this is not a cube that face turns can reach, or null when it is: every piece exactly once
     * (with a twist 0..2 and a flip 0..1), twists summing to 0 mod 3, flips to 0 mod 2, and corner and
     * edge permutations of the same parity.
     */
    public FrameRejection check() {
        int seen = 0;
        int twist = 0;
        for (int i = 0; i < CORNERS; i++) {
            final int p = cornerPiece[i];
            if (p < 0 || p >= CORNERS || (seen & 1 << p) != 0) {
                return FrameRejection.CORNER_PIECES;
            }
            seen |= 1 << p;
            if (cornerTwist[i] < 0 || cornerTwist[i] > 2) {
                return FrameRejection.CORNER_TWIST;
            }
            twist += cornerTwist[i];
        }
        if (twist % 3 != 0) {
            return FrameRejection.CORNER_TWIST_SUM;
        }
        seen = 0;
        int flip = 0;
        for (int i = 0; i < EDGES; i++) {
            final int p = edgePiece[i];
            if (p < 0 || p >= EDGES || (seen & 1 << p) != 0) {
                return FrameRejection.EDGE_PIECES;
            }
            seen |= 1 << p;
            if (edgeFlip[i] < 0 || edgeFlip[i] > 1) {
                return FrameRejection.EDGE_FLIP;
            }
            flip += edgeFlip[i];
        }
        if (flip % 2 != 0) {
            return FrameRejection.EDGE_FLIP_SUM;
        }
        if (parity(cornerPiece) != parity(edgePiece)) {
            return FrameRejection.PARITY;
        }
        return null;
    }

    private static int parity(final int[] permutation) {
        int inversions = 0;
        for (int i = 0; i < permutation.length; i++) {
            for (int j = i + 1; j < permutation.length; j++) {
                if (permutation[i] > permutation[j]) {
                    inversions++;
                }
            }
        }
        return inversions & 1;
    }

    /**
     * Writes the 54 facelets (URFDLB order) as the letters U R F D L B into {@code out[offset..offset+54)}.
     * Meaningful for a state that passed {@link #check}.
     */
    public void writeFacelets(final byte[] out, final int offset) {
        for (int f = 0; f < 6; f++) {
            out[offset + 9 * f + 4] = (byte) Face.of(f).letter();
        }
        for (int slot = 0; slot < CORNERS; slot++) {
            final int[] at = CORNER_FACELETS[slot];
            final int[] piece = CORNER_FACELETS[cornerPiece[slot]];
            for (int n = 0; n < 3; n++) {
                out[offset + at[(n + cornerTwist[slot]) % 3]] = letter(piece[n]);
            }
        }
        for (int slot = 0; slot < EDGES; slot++) {
            final int[] at = EDGE_FACELETS[slot];
            final int[] piece = EDGE_FACELETS[edgePiece[slot]];
            for (int n = 0; n < 2; n++) {
                out[offset + at[(n + edgeFlip[slot]) % 2]] = letter(piece[n]);
            }
        }
    }

    /** The 54 facelets as a string such as {@code UUUUUUUUURRR...BBB} (allocates: for people and tests). */
    public String facelets() {
        final byte[] out = new byte[FACELETS];
        writeFacelets(out, 0);
        return new String(out, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Reads 54 facelet letters (URFDLB order) from {@code in[offset..)}. Returns false, leaving this
     * state unspecified, when a centre is out of place or a slot's stickers match no piece; a true
     * result may still fail {@link #check} (a piece twice, a twisted corner).
     */
    public boolean readFacelets(final byte[] in, final int offset) {
        for (int f = 0; f < 6; f++) {
            if (in[offset + 9 * f + 4] != Face.of(f).letter()) {
                return false;
            }
        }
        for (int slot = 0; slot < CORNERS; slot++) {
            if (!readCorner(in, offset, slot)) {
                return false;
            }
        }
        for (int slot = 0; slot < EDGES; slot++) {
            if (!readEdge(in, offset, slot)) {
                return false;
            }
        }
        return true;
    }

    /** {@link #readFacelets(byte[], int)} from a string (allocates: for tests and tools). */
    public boolean readFacelets(final String facelets) {
        return facelets.length() == FACELETS
            && readFacelets(facelets.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0);
    }

    private boolean readCorner(final byte[] in, final int offset, final int slot) {
        final int[] at = CORNER_FACELETS[slot];
        for (int piece = 0; piece < CORNERS; piece++) {
            final int[] stickers = CORNER_FACELETS[piece];
            for (int twist = 0; twist < 3; twist++) {
                if (in[offset + at[twist % 3]] == letter(stickers[0])
                    && in[offset + at[(1 + twist) % 3]] == letter(stickers[1])
                    && in[offset + at[(2 + twist) % 3]] == letter(stickers[2])) {
                    corner(slot, piece, twist);
                    return true;
                }
            }
        }
        return false;
    }

    private boolean readEdge(final byte[] in, final int offset, final int slot) {
        final int[] at = EDGE_FACELETS[slot];
        for (int piece = 0; piece < EDGES; piece++) {
            final int[] stickers = EDGE_FACELETS[piece];
            for (int flip = 0; flip < 2; flip++) {
                if (in[offset + at[flip]] == letter(stickers[0]) && in[offset + at[(1 + flip) % 2]] == letter(stickers[1])) {
                    edge(slot, piece, flip);
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Turns {@code face} by {@code quarterTurns} clockwise quarter turns (1 clockwise, 2 half, 3 or -1
     * counter-clockwise), as seen looking at that face. Allocates nothing.
     */
    public CubieCube turn(final Face face, final int quarterTurns) {
        final int q = Math.floorMod(quarterTurns, 4);
        if (q == 0) {
            return this;
        }
        writeFacelets(scratch, 0);
        for (int k = 0; k < q; k++) {
            for (int i = 0; i < FACELETS; i++) {
                turned[CubeGeometry.turned(face.ordinal(), i)] = scratch[i];
            }
            System.arraycopy(turned, 0, scratch, 0, FACELETS);
        }
        if (!readFacelets(scratch, 0)) {
            throw new IllegalStateException("a face turn left a sticker pattern that is no cube: " + this);
        }
        return this;
    }

    private static byte letter(final int solvedFacelet) {
        return (byte) Face.of(CubeGeometry.faceOf(solvedFacelet)).letter();
    }

    /** The cubies: {@code corners [piece/twist ...] edges [piece/flip ...]} with pieces 0-based. */
    @Override
    public String toString() {
        final StringBuilder b = new StringBuilder("corners [");
        for (int i = 0; i < CORNERS; i++) {
            b.append(i == 0 ? "" : " ").append(cornerPiece[i]).append('/').append(cornerTwist[i]);
        }
        b.append("] edges [");
        for (int i = 0; i < EDGES; i++) {
            b.append(i == 0 ? "" : " ").append(edgePiece[i]).append('/').append(edgeFlip[i]);
        }
        return b.append(']').toString();
    }
}
