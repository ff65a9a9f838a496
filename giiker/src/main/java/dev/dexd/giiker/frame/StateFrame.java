package dev.dexd.giiker.frame;

/**
 * The Giiker's 20-byte state frame (characteristic 0000aadc-..., service 0000aadb-...): its length,
 * the obfuscation marker and key, and the nibble layout. See docs/giiker.md for the table.
 */
public final class StateFrame {
    /** Bytes in a state frame. */
    public static final int LENGTH = 20;
    /** Byte 18 equal to this marks an obfuscated frame; byte 19 then holds the key offsets k1 (high nibble) and k2. */
    public static final int OBFUSCATED_MARKER = 0xA7;
    /** Bytes that carry data in an obfuscated frame (the cube, then 2 last moves). */
    public static final int OBFUSCATED_DATA = 18;

    /** The fixed key: byte i of an obfuscated frame decodes as raw[i] + KEY[i + k1] + KEY[i + k2] (mod 256). */
    private static final int[] KEY = {
        176, 81, 104, 224, 86, 137, 237, 119, 38, 26, 193, 161, 210, 126, 150, 81, 93, 13, 236, 249,
        89, 235, 88, 24, 113, 81, 214, 131, 130, 199, 2, 169, 39, 165, 171, 41,
    };

    /** Nibbles: corner pieces 0-7, corner orientations 8-15, edge pieces 16-27, edge flips 28-30, moves 32-39. */
    static final int CORNER_PIECE_NIBBLE = 0;
    static final int CORNER_TWIST_NIBBLE = 8;
    static final int EDGE_PIECE_NIBBLE = 16;
    static final int EDGE_FLIP_BYTE = 14;
    static final int MOVES_BYTE = 16;

    /**
     * Converts the Giiker's corner orientation nibble (1..3, 3 = oriented) in a slot to our twist and
     * back: twist = nibble x SIGN[slot] mod 3. The Giiker counts the twist the other way round in
     * alternate slots; this makes twists add up to 0 mod 3 on every reachable cube.
     */
    static final int[] TWIST_SIGN = {-1, 1, -1, 1, 1, -1, 1, -1};

    private StateFrame() {
    }

    /** The key byte added to data byte i for key offset k (0..15). */
    static int key(final int i, final int k) {
        return KEY[i + k];
    }
}
