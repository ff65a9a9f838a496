package dev.dexd.giiker.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.giiker.frame.StateFrameFilter.Outcome;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A notification stream as a cube sends it, built with the encoder and the cube model. */
class StateFrameFilterTest {
    private final FrameCounters counters = new FrameCounters();
    private final StateFrameFilter filter = new StateFrameFilter(counters);
    private final CubieCube cube = new CubieCube();
    private final LastMoves moves = new LastMoves();
    private final byte[] frame = new byte[StateFrame.LENGTH];

    @Test
    void repeatAfterConnectIsDroppedMovesAreReportedAndTheResetEchoIsNot() {
        // connect: ReadValue, then StartNotify sends the same value once more
        assertEquals(Outcome.INITIAL, filter.onFrame(obfuscated(3, 9)));
        assertEquals(Outcome.REPEAT, filter.onFrame(obfuscated(3, 9)));
        // a turn
        turn(Face.R, 1);
        assertEquals(Outcome.MOVE, filter.onFrame(obfuscated(1, 2)));
        assertEquals(Face.R, filter.current().moves().face(0));
        turn(Face.U, 3);
        assertEquals(Outcome.MOVE, filter.onFrame(obfuscated(1, 2)));
        assertEquals("U'", filter.current().moves().notation(0));
        // the same data under another key is still the same frame
        assertEquals(Outcome.REPEAT, filter.onFrame(obfuscated(7, 4)));
        // the echo of a reset (0xA1) of a cube that is where it thinks, its move list cleared: no move
        moves.clear();
        assertEquals(Outcome.UNCHANGED, filter.onFrame(obfuscated(7, 4)));
        moves.push(Face.R, 1).push(Face.U, 3);
        // reset (0xA1) of a scrambled cube: the state jumps to solved with the old last moves, no move
        cube.reset();
        assertEquals(Outcome.JUMP, filter.onFrame(obfuscated(0, 0)));
        assertTrue(filter.current().cube().isSolved());
        // an invalid frame changes nothing
        final byte[] broken = frame.clone();
        broken[3] ^= 0x11;
        assertEquals(Outcome.INVALID, filter.onFrame(broken));
        assertTrue(filter.current().cube().isSolved());
        assertEquals(2, counters.repeatCount());
        assertEquals(2, counters.moveCount());
        assertEquals(1, counters.unchangedCount());
        assertEquals(1, counters.jumpCount());
        assertEquals(1, counters.rejectedTotal());
    }

    @Test
    void reconnectForgetsTheState() {
        assertEquals(Outcome.INITIAL, filter.onFrame(plain()));
        filter.reset();
        assertEquals(Outcome.INITIAL, filter.onFrame(plain()));
        turn(Face.B, 2);
        assertEquals(Outcome.MOVE, filter.onFrame(plain()));
    }

    @Test
    void everyTurnOfALongPlainStreamIsOneMove() {
        final SplittableRandom random = new SplittableRandom(11);
        assertEquals(Outcome.INITIAL, filter.onFrame(plain()));
        for (int i = 0; i < 2000; i++) {
            turn(Face.of(random.nextInt(6)), 1 + random.nextInt(3));
            assertEquals(Outcome.MOVE, filter.onFrame(i % 3 == 0 ? plain() : obfuscated(random.nextInt(16), random.nextInt(16))));
            assertTrue(filter.current().cube().sameAs(cube));
        }
        assertEquals(2000, counters.moveCount());
    }

    private void turn(final Face f, final int q) {
        cube.turn(f, q);
        moves.push(f, q);
    }

    private byte[] obfuscated(final int k1, final int k2) {
        StateFrameEncoder.encodeObfuscated(cube, moves, k1, k2, frame, 0);
        return frame;
    }

    private byte[] plain() {
        StateFrameEncoder.encode(cube, moves, frame, 0);
        return frame;
    }
}
