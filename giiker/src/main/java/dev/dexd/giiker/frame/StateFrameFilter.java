package dev.dexd.giiker.frame;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Turns the stream of state-frame notifications of one connection into state changes and moves.
 * Right after StartNotify a cube notifies the value just read once more: a frame whose data bytes
 * (0..17, after removing any obfuscation: the cube and the 2 newest moves) equal the previous
 * frame's is a {@link Outcome#REPEAT} and dropped. After a reset (0xA1)
 * the cube sends a frame that is no move: a move is reported only when the decoded state changes,
 * and only as a {@link Outcome#MOVE} when the new state is the old one turned by the frame's newest
 * move (anything else, such as a reset of a scrambled cube, is a {@link Outcome#JUMP}). Call
 * {@link #reset()} at every (re)connect. Allocates nothing per frame; one thread.
 */
public final class StateFrameFilter {
    /** What one notification was. */
    public enum Outcome {
        /** Dropped: the frame failed a check (counted by reason). */
        INVALID,
        /** Dropped: the same data bytes as the previous frame. */
        REPEAT,
        /** The first valid frame since {@link #reset()}: the state is now known. */
        INITIAL,
        /** Valid, but the cube is as before (e.g. the echo after a reset): no move. */
        UNCHANGED,
        /** The state changed by exactly the frame's newest move ({@code current().moves().face(0)}...). */
        MOVE,
        /** The state changed, but not by one move (a reset of a scrambled cube, a lost frame). */
        JUMP
    }

    private final StateFrameDecoder decoder;
    private final FrameCounters counters;
    private final DecodedState incoming = new DecodedState();
    private final DecodedState current = new DecodedState();
    private final CubieCube expected = new CubieCube();
    private final byte[] previous = new byte[StateFrame.OBFUSCATED_DATA];
    private final UnsafeBuffer wrapper = new UnsafeBuffer(new byte[0]);
    private boolean known;
    private boolean hasPrevious;

    public StateFrameFilter(final FrameCounters counters) {
        this.decoder = new StateFrameDecoder(counters);
        this.counters = counters;
    }

    /** Forgets the state and the previous frame: call at every (re)connect, before the first ReadValue. */
    public void reset() {
        known = false;
        hasPrevious = false;
    }

    /** True once a valid frame has arrived since {@link #reset()}. */
    public boolean known() {
        return known;
    }

    /** The last accepted state and its last moves (meaningful when {@link #known()}). */
    public DecodedState current() {
        return current;
    }

    public FrameCounters counters() {
        return counters;
    }

    /** Why the last {@link Outcome#INVALID} frame was refused. */
    public FrameRejection rejection() {
        return incoming.rejection();
    }

    /** {@link #onFrame(DirectBuffer, int, int)} of a whole array (a D-Bus "Value" or a ReadValue reply). */
    public Outcome onFrame(final byte[] frame) {
        wrapper.wrap(frame);
        return onFrame(wrapper, 0, frame.length);
    }

    public Outcome onFrame(final DirectBuffer buffer, final int offset, final int length) {
        if (!decoder.decode(buffer, offset, length, incoming)) {
            return Outcome.INVALID;
        }
        final byte[] data = decoder.plainBytes();
        final boolean repeat = hasPrevious && sameAsPrevious(data);
        System.arraycopy(data, 0, previous, 0, previous.length);
        hasPrevious = true;
        if (repeat) {
            counters.repeat();
            return Outcome.REPEAT;
        }
        if (!known) {
            current.copyFrom(incoming);
            known = true;
            return Outcome.INITIAL;
        }
        if (incoming.cube.sameAs(current.cube)) {
            counters.unchanged();
            return Outcome.UNCHANGED;
        }
        final boolean oneMove = incoming.moves.count() > 0
            && expected.copyFrom(current.cube).turn(incoming.moves.face(0), incoming.moves.quarterTurns(0)).sameAs(incoming.cube);
        current.copyFrom(incoming);
        if (oneMove) {
            counters.move();
            return Outcome.MOVE;
        }
        counters.jump();
        return Outcome.JUMP;
    }

    private boolean sameAsPrevious(final byte[] data) {
        for (int i = 0; i < previous.length; i++) {
            if (data[i] != previous[i]) {
                return false;
            }
        }
        return true;
    }
}
