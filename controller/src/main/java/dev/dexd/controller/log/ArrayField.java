package dev.dexd.controller.log;

import org.agrona.MutableDirectBuffer;

/**
 * The part every fixed-length array field of a record shares: its length, and where in which buffer
 * it currently sits (re-pointed by its record's {@code wrap}). Subclasses add typed element access.
 */
abstract class ArrayField {
    final int length;
    MutableDirectBuffer buffer;
    int offset;

    ArrayField(int length) {
        this.length = length;
    }

    final void wrap(MutableDirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
    }

    /** Number of elements. */
    public final int length() {
        return length;
    }

    final int checked(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException("index " + i + " outside [0, " + length + ")");
        }
        return i;
    }
}
