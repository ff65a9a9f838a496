package dev.dexd.giiker.frame;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Decodes Giiker state frames, plain and obfuscated, into a {@link DecodedState} and checks that
 * they describe a reachable cube (each piece once, twist and flip sums, parity). An invalid frame is
 * counted by its {@link FrameRejection} and reported through the result: never an exception, and
 * nothing is allocated per frame. One instance per decoding thread.
 */
public final class StateFrameDecoder {
    private final FrameCounters counters;
    private final byte[] plain = new byte[StateFrame.LENGTH];
    private final UnsafeBuffer wrapper = new UnsafeBuffer(new byte[0]);

    public StateFrameDecoder(final FrameCounters counters) {
        this.counters = counters;
    }

    public FrameCounters counters() {
        return counters;
    }

    /** {@link #decode(DirectBuffer, int, int, DecodedState)} of a whole array (a D-Bus "Value"). */
    public boolean decode(final byte[] frame, final DecodedState out) {
        wrapper.wrap(frame);
        return decode(wrapper, 0, frame.length, out);
    }

    /**
     * Decodes {@code length} bytes at {@code buffer[offset]} into {@code out}; returns whether the
     * frame is valid (else {@code out.rejection()} says why, and the counters have counted it).
     */
    public boolean decode(final DirectBuffer buffer, final int offset, final int length, final DecodedState out) {
        counters.received();
        out.moves.clear();
        out.obfuscated = false;
        if (length != StateFrame.LENGTH) {
            return reject(out, FrameRejection.LENGTH);
        }
        out.obfuscated = (buffer.getByte(offset + 18) & 0xFF) == StateFrame.OBFUSCATED_MARKER;
        if (out.obfuscated) {
            final int keys = buffer.getByte(offset + 19) & 0xFF;
            final int k1 = keys >>> 4;
            final int k2 = keys & 0xF;
            for (int i = 0; i < StateFrame.OBFUSCATED_DATA; i++) {
                plain[i] = (byte) (buffer.getByte(offset + i) + StateFrame.key(i, k1) + StateFrame.key(i, k2));
            }
        } else {
            buffer.getBytes(offset, plain, 0, StateFrame.LENGTH);
        }
        final CubieCube cube = out.cube;
        for (int slot = 0; slot < CubeGeometry.CORNERS; slot++) {
            final int t = nibble(StateFrame.CORNER_TWIST_NIBBLE + slot);
            cube.corner(slot, nibble(StateFrame.CORNER_PIECE_NIBBLE + slot) - 1,
                t >= 1 && t <= 3 ? Math.floorMod(t * StateFrame.TWIST_SIGN[slot], 3) : -1);
        }
        final int flips = (plain[StateFrame.EDGE_FLIP_BYTE] & 0xFF) << 4 | (plain[StateFrame.EDGE_FLIP_BYTE + 1] & 0xFF) >>> 4;
        for (int slot = 0; slot < CubeGeometry.EDGES; slot++) {
            cube.edge(slot, nibble(StateFrame.EDGE_PIECE_NIBBLE + slot) - 1, flips >>> (11 - slot) & 1);
        }
        final FrameRejection reason = cube.check();
        if (reason != null) {
            return reject(out, reason);
        }
        final int room = out.obfuscated ? LastMoves.OBFUSCATED_CAPACITY : LastMoves.CAPACITY;
        for (int i = 0; i < room; i++) {
            final int b = plain[StateFrame.MOVES_BYTE + i] & 0xFF;
            final int face = Face.indexOfGiikerCode(b >>> 4);
            final int amount = b & 0xF;
            // a half turn is 2, or 9 on some cubes; anything else (0 on a fresh cube) ends the list
            final int turns = amount == 1 || amount == 2 || amount == 3 ? amount : amount == 9 ? 2 : 0;
            if (face < 0 || turns == 0) {
                break;
            }
            out.moves.add(Face.of(face), turns);
        }
        out.rejection = null;
        counters.accepted();
        return true;
    }

    /** The last frame's data bytes after removing any obfuscation (0..17 meaningful for every frame kind). */
    byte[] plainBytes() {
        return plain;
    }

    private int nibble(final int n) {
        final int b = plain[n >>> 1] & 0xFF;
        return (n & 1) == 0 ? b >>> 4 : b & 0xF;
    }

    private boolean reject(final DecodedState out, final FrameRejection reason) {
        out.rejection = reason;
        counters.rejected(reason);
        return false;
    }
}
