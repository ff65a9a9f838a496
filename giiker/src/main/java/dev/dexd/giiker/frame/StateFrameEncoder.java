package dev.dexd.giiker.frame;

/**
 * Encodes a cube and its last moves as a real Giiker state frame, plain or obfuscated with a chosen
 * key pair: what the simulated cube sends, and the other half of the decoder's round-trip test.
 * Stateless; allocates nothing.
 */
public final class StateFrameEncoder {
    private StateFrameEncoder() {
    }

    /**
     * Writes a plain frame (up to 4 last moves, unused move nibbles 0) to {@code dst[offset..offset+20)}.
     * The cube must pass {@link CubieCube#check()}. Returns {@link StateFrame#LENGTH}.
     */
    public static int encode(final CubieCube cube, final LastMoves moves, final byte[] dst, final int offset) {
        java.util.Arrays.fill(dst, offset, offset + StateFrame.LENGTH, (byte) 0);
        for (int slot = 0; slot < CubeGeometry.CORNERS; slot++) {
            putNibble(dst, offset, StateFrame.CORNER_PIECE_NIBBLE + slot, cube.cornerPiece(slot) + 1);
            final int t = Math.floorMod(cube.cornerTwist(slot) * StateFrame.TWIST_SIGN[slot], 3);
            putNibble(dst, offset, StateFrame.CORNER_TWIST_NIBBLE + slot, t == 0 ? 3 : t);
        }
        int flips = 0;
        for (int slot = 0; slot < CubeGeometry.EDGES; slot++) {
            putNibble(dst, offset, StateFrame.EDGE_PIECE_NIBBLE + slot, cube.edgePiece(slot) + 1);
            flips |= (cube.edgeFlip(slot) & 1) << (11 - slot);
        }
        dst[offset + StateFrame.EDGE_FLIP_BYTE] = (byte) (flips >>> 4);
        dst[offset + StateFrame.EDGE_FLIP_BYTE + 1] = (byte) ((flips & 0xF) << 4);
        for (int i = 0; i < Math.min(moves.count(), LastMoves.CAPACITY); i++) {
            dst[offset + StateFrame.MOVES_BYTE + i] = (byte) (moves.face(i).giikerCode() << 4 | moves.quarterTurns(i));
        }
        return StateFrame.LENGTH;
    }

    /**
     * Writes an obfuscated frame as 2019+ cubes send it: the plain frame's first 18 bytes (cube and 2
     * last moves) with the key subtracted, then 0xA7 and the key offsets {@code k1} and {@code k2}
     * (0..15 each). Returns {@link StateFrame#LENGTH}.
     */
    public static int encodeObfuscated(final CubieCube cube, final LastMoves moves, final int k1, final int k2,
                                       final byte[] dst, final int offset) {
        if (k1 < 0 || k1 > 15 || k2 < 0 || k2 > 15) {
            throw new IllegalArgumentException("key offsets are 0..15, got " + k1 + " and " + k2);
        }
        encode(cube, moves, dst, offset);
        for (int i = 0; i < StateFrame.OBFUSCATED_DATA; i++) {
            dst[offset + i] = (byte) (dst[offset + i] - StateFrame.key(i, k1) - StateFrame.key(i, k2));
        }
        dst[offset + 18] = (byte) StateFrame.OBFUSCATED_MARKER;
        dst[offset + 19] = (byte) (k1 << 4 | k2);
        return StateFrame.LENGTH;
    }

    private static void putNibble(final byte[] dst, final int offset, final int n, final int value) {
        final int i = offset + (n >>> 1);
        dst[i] = (byte) ((n & 1) == 0 ? (dst[i] & 0x0F) | value << 4 : (dst[i] & 0xF0) | (value & 0xF));
    }
}
