package dev.dexd.controller.log;

import java.nio.ByteOrder;
import org.agrona.MutableDirectBuffer;

/**
 * A flyweight over one event record: something that happened at a step (a subgoal succeeded, the
 * cube dropped, an operator command arrived), with a short ASCII text. Every field is deterministic
 * content (the run digest covers all of it but the two wall-clock times, for every type but
 * {@link EventType#CONFIG}), so callers keep wall-clock values and machine details out of the text.
 *
 * <p>The two wall-clock times ({@code System.nanoTime()}, zero when unused) say how fast the daemon
 * reacted to something that arrived from outside: an e-stop's arrival at the console and the moment the
 * hold was written to the hand. They differ from run to run, so the digest leaves them out.
 *
 * <pre>
 *   0 int schemaVersion   4 int type (EventType code)   8 long step   16 long simTimeNanos
 *  24 long arrivalNanos  32 long actedNanos  (wall clock, not in the digest)
 *  40 int textLength     44 byte[textLength] text (ASCII, at most MAX_TEXT)
 * </pre>
 */
public final class EventRecord {
    /** Longest text kept; longer texts are truncated. */
    public static final int MAX_TEXT = 256;
    /** Bytes before the text. */
    public static final int HEADER_LENGTH = 44;
    /** The wall-clock times' bytes, which the run digest skips. */
    public static final int WALL_TIMES_OFFSET = 24;
    public static final int WALL_TIMES_LENGTH = 16;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int SCHEMA_VERSION_OFFSET = 0;
    private static final int TYPE_OFFSET = 4;
    private static final int STEP_OFFSET = 8;
    private static final int SIM_TIME_OFFSET = 16;
    private static final int ARRIVAL_OFFSET = 24;
    private static final int ACTED_OFFSET = 32;
    private static final int TEXT_LENGTH_OFFSET = 40;

    private MutableDirectBuffer buffer;
    private int offset;

    /** Record length for a text of {@code textLength} characters (after truncation). */
    public static int lengthFor(int textLength) {
        return HEADER_LENGTH + Math.min(Math.max(textLength, 0), MAX_TEXT);
    }

    public EventRecord wrap(MutableDirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public MutableDirectBuffer buffer() {
        return buffer;
    }

    public int offset() {
        return offset;
    }

    /** Bytes of this record as written (header and text). */
    public int length() {
        return HEADER_LENGTH + textLength();
    }

    public int schemaVersion() {
        return buffer.getInt(offset + SCHEMA_VERSION_OFFSET, ORDER);
    }

    /** Stamps the schema version (done by the writers when they claim a record). */
    public EventRecord stampVersion() {
        buffer.putInt(offset + SCHEMA_VERSION_OFFSET, StepLayout.SCHEMA_VERSION, ORDER);
        return this;
    }

    public int typeCode() {
        return buffer.getInt(offset + TYPE_OFFSET, ORDER);
    }

    /** The type, or null for a code this version does not know. */
    public EventType type() {
        return EventType.fromCode(typeCode());
    }

    public EventRecord type(EventType type) {
        buffer.putInt(offset + TYPE_OFFSET, type.code(), ORDER);
        return this;
    }

    public long step() {
        return buffer.getLong(offset + STEP_OFFSET, ORDER);
    }

    public EventRecord step(long value) {
        buffer.putLong(offset + STEP_OFFSET, value, ORDER);
        return this;
    }

    public long simTimeNanos() {
        return buffer.getLong(offset + SIM_TIME_OFFSET, ORDER);
    }

    public EventRecord simTimeNanos(long value) {
        buffer.putLong(offset + SIM_TIME_OFFSET, value, ORDER);
        return this;
    }

    /** When what this event reacts to arrived (System.nanoTime), or 0. */
    public long arrivalNanos() {
        return buffer.getLong(offset + ARRIVAL_OFFSET, ORDER);
    }

    /** When the daemon acted on it, e.g. wrote the hold (System.nanoTime), or 0. */
    public long actedNanos() {
        return buffer.getLong(offset + ACTED_OFFSET, ORDER);
    }

    /** Sets both wall-clock times (0 and 0 for an event that reacts to nothing timed). */
    public EventRecord wallTimes(long arrivalNanos, long actedNanos) {
        buffer.putLong(offset + ARRIVAL_OFFSET, arrivalNanos, ORDER);
        buffer.putLong(offset + ACTED_OFFSET, actedNanos, ORDER);
        return this;
    }

    public int textLength() {
        return buffer.getInt(offset + TEXT_LENGTH_OFFSET, ORDER);
    }

    /** The i-th text character. */
    public char textAt(int i) {
        return (char) buffer.getByte(offset + HEADER_LENGTH + i);
    }

    /**
     * Writes the text, truncated to {@link #MAX_TEXT}; characters outside printable ASCII (and tab)
     * become '?'. Allocates nothing. Returns the number of characters written.
     */
    public int text(CharSequence text) {
        int n = Math.min(text.length(), MAX_TEXT);
        int base = offset + HEADER_LENGTH;
        for (int i = 0; i < n; i++) {
            buffer.putByte(base + i, ascii(text.charAt(i)));
        }
        buffer.putInt(offset + TEXT_LENGTH_OFFSET, n, ORDER);
        return n;
    }

    /** Writes {@code length} bytes of ASCII text from {@code src}, truncated and sanitised as above. */
    public int text(byte[] src, int srcOffset, int length) {
        int n = Math.min(length, MAX_TEXT);
        int base = offset + HEADER_LENGTH;
        for (int i = 0; i < n; i++) {
            buffer.putByte(base + i, ascii((char) (src[srcOffset + i] & 0xff)));
        }
        buffer.putInt(offset + TEXT_LENGTH_OFFSET, n, ORDER);
        return n;
    }

    /** Appends the text to {@code out} (no allocation when {@code out} has room). */
    public StringBuilder textTo(StringBuilder out) {
        int n = textLength();
        for (int i = 0; i < n; i++) {
            out.append(textAt(i));
        }
        return out;
    }

    /** The text as a new String (allocates: for tools). */
    public String text() {
        return textTo(new StringBuilder(textLength())).toString();
    }

    private static byte ascii(char c) {
        return (byte) ((c >= 0x20 && c < 0x7f) || c == '\t' ? c : '?');
    }
}
