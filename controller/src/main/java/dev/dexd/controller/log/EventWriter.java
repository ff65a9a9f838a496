package dev.dexd.controller.log;

import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * Writes event records into the step log's ring, in place and without allocation. One instance per
 * producing thread (it owns a flyweight); any number of threads may each hold their own. When the
 * ring is full the event is dropped and counted as lost, and the caller carries on.
 */
public final class EventWriter {
    private final StepLog log;
    private final RingBuffer ring;
    private final EventRecord record = new EventRecord();

    EventWriter(StepLog log, RingBuffer ring) {
        this.log = log;
        this.ring = ring;
    }

    /** Writes an event; false when it was dropped (ring full or log closed). */
    public boolean write(EventType type, long step, long simTimeNanos, CharSequence text) {
        return write(type, step, simTimeNanos, 0, 0, text);
    }

    /**
     * Writes an event that reacts to something timed: {@code arrivalNanos} when it arrived and
     * {@code actedNanos} when the daemon acted on it (both System.nanoTime; left out of the digest).
     */
    public boolean write(EventType type, long step, long simTimeNanos, long arrivalNanos, long actedNanos,
                         CharSequence text) {
        int index = log.claim(LogFormat.MSG_EVENT, EventRecord.lengthFor(text.length()));
        if (index < 0) {
            return false;
        }
        record.wrap(ring.buffer(), index).stampVersion().type(type).step(step).simTimeNanos(simTimeNanos)
            .wallTimes(arrivalNanos, actedNanos).text(text);
        ring.commit(index);
        return true;
    }

    /** Writes an event with ASCII text from {@code text[offset, offset + length)}; false when dropped. */
    public boolean write(EventType type, long step, long simTimeNanos, byte[] text, int offset, int length) {
        int index = log.claim(LogFormat.MSG_EVENT, EventRecord.lengthFor(length));
        if (index < 0) {
            return false;
        }
        record.wrap(ring.buffer(), index).stampVersion().type(type).step(step).simTimeNanos(simTimeNanos)
            .wallTimes(0, 0).text(text, offset, length);
        ring.commit(index);
        return true;
    }
}
