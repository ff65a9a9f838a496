package dev.dexd.controller.log;

import java.nio.ByteOrder;
import java.util.Locale;
import org.agrona.DirectBuffer;

/**
 * One named field of a step record, as the log header's field table lists it: name, element type,
 * element count, unit and a one-line meaning, and its byte offset in the record. Readers (stats,
 * verify, export) look fields up by name ({@link StepLayout#field}) and read them through the typed
 * accessors here, so a new sensor field is one new row in {@link StepLayout}, not a change in every
 * reader. Accessors allocate nothing.
 *
 * @param name snake_case name, unique in a layout
 * @param type element type
 * @param count number of elements (1 for a scalar)
 * @param offset byte offset of element 0 in the record
 * @param unit unit of each element ("" when it has none)
 * @param meaning one line: what the field holds
 */
public record StepField(String name, Type type, int count, int offset, String unit, String meaning) {
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    /** Element types, little-endian, with their size in bytes. */
    public enum Type {
        INT8(1), INT32(4), INT64(8), FLOAT32(4), FLOAT64(8);

        private final int size;

        Type(int size) {
            this.size = size;
        }

        public int size() {
            return size;
        }

        /** The name in the header's table: int8, int32, int64, float32, float64. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The type for a table label, or null. */
        public static Type ofLabel(String label) {
            for (Type t : values()) {
                if (t.label().equals(label)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** Bytes the field takes. */
    public int length() {
        return type.size * count;
    }

    /** Element {@code i} of this field in {@code record} as a long (floats are truncated toward zero). */
    public long getLong(StepRecord record, int i) {
        return getLong(record.buffer(), record.offset(), i);
    }

    /** Element {@code i} of this field in {@code record} as a double (exact for every type but large longs). */
    public double getDouble(StepRecord record, int i) {
        return getDouble(record.buffer(), record.offset(), i);
    }

    /** The scalar value (element 0) as a long. */
    public long getLong(StepRecord record) {
        return getLong(record, 0);
    }

    /** The scalar value (element 0) as a double. */
    public double getDouble(StepRecord record) {
        return getDouble(record, 0);
    }

    /** Element {@code i} of this field in the record starting at {@code base} of {@code buffer}. */
    public long getLong(DirectBuffer buffer, int base, int i) {
        int at = at(base, i);
        return switch (type) {
            case INT8 -> buffer.getByte(at);
            case INT32 -> buffer.getInt(at, ORDER);
            case INT64 -> buffer.getLong(at, ORDER);
            case FLOAT32 -> (long) Float.intBitsToFloat(buffer.getInt(at, ORDER));
            case FLOAT64 -> (long) buffer.getDouble(at, ORDER);
        };
    }

    /** Element {@code i} of this field in the record starting at {@code base} of {@code buffer}. */
    public double getDouble(DirectBuffer buffer, int base, int i) {
        int at = at(base, i);
        return switch (type) {
            case INT8 -> buffer.getByte(at);
            case INT32 -> buffer.getInt(at, ORDER);
            case INT64 -> buffer.getLong(at, ORDER);
            case FLOAT32 -> Float.intBitsToFloat(buffer.getInt(at, ORDER));
            case FLOAT64 -> buffer.getDouble(at, ORDER);
        };
    }

    /** The raw bits of element {@code i} (sign-extended for int8/int32), for bit-exact comparisons. */
    public long getBits(DirectBuffer buffer, int base, int i) {
        int at = at(base, i);
        return switch (type) {
            case INT8 -> buffer.getByte(at);
            case INT32, FLOAT32 -> buffer.getInt(at, ORDER);
            case INT64, FLOAT64 -> buffer.getLong(at, ORDER);
        };
    }

    private int at(int base, int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(name + "[" + i + "] outside [0, " + count + ")");
        }
        return base + offset + i * type.size;
    }
}
