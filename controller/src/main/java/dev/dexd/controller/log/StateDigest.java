package dev.dexd.controller.log;

import java.nio.FloatBuffer;

/**
 * A 64-bit digest of the policy's recurrent state, for the step record: FNV-1a over the raw bits of
 * each float, one 32-bit word at a time. Not cryptographic; it tells two runs' states apart cheaply
 * (any single differing value changes it) and allocates nothing. Chain several buffers:
 * {@code update(update(INITIAL, h), c)}.
 */
public final class StateDigest {
    /** The FNV-1a 64-bit offset basis: the digest of nothing. */
    public static final long INITIAL = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private StateDigest() {
    }

    /** Folds {@code values[position, limit)} into {@code digest} with absolute gets (position unchanged). */
    public static long update(long digest, FloatBuffer values) {
        long h = digest;
        for (int i = values.position(), end = values.limit(); i < end; i++) {
            h = (h ^ (Float.floatToRawIntBits(values.get(i)) & 0xffff_ffffL)) * PRIME;
        }
        return h;
    }

    /** Folds {@code values[offset, offset + length)} into {@code digest}. */
    public static long update(long digest, float[] values, int offset, int length) {
        long h = digest;
        for (int i = offset, end = offset + length; i < end; i++) {
            h = (h ^ (Float.floatToRawIntBits(values[i]) & 0xffff_ffffL)) * PRIME;
        }
        return h;
    }
}
