package dev.dexd.controller.sensing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.common.sensing.CubeState;
import dev.dexd.common.sensing.FaceAngles;
import org.junit.jupiter.api.Test;

/** The simulated cube through real Giiker frames: angles come back to 0.01 degree, quarter turns become the state. */
class SimGiikerCodecTest {
    private static final String SOLVED = "UUUUUUUUURRRRRRRRRFFFFFFFFFDDDDDDDDDLLLLLLLLLBBBBBBBBB";
    /** The solved cube after R (clockwise seen from R), in URFDLB facelet order. */
    private static final String AFTER_R = "UUFUUFUUFRRRRRRRRRFFDFFDFFDDDBDDBDDBLLLLLLLLLUBBUBBUBB";

    private final SimGiikerCodec codec = new SimGiikerCodec();
    private final FaceAngles angles = new FaceAngles();
    private final CubeState state = new CubeState();
    private final double[] sim = new double[6];

    private void sample(long t) {
        codec.onFaceAngles(sim, t, angles, state);
    }

    @Test
    void anglesComeBackThroughTheFrameAndTheFirstStateIsSolved() {
        codec.reset();
        sim[0] = 0.3;
        sim[4] = -2.9;
        sample(100);
        assertEquals(100, angles.captureNanos);
        assertEquals(0.3, angles.angles[0], Math.toRadians(0.005));
        assertEquals(-2.9, angles.angles[4], Math.toRadians(0.005));
        assertEquals(SOLVED, state.faceletString());
        assertEquals(100, state.captureNanos);
    }

    @Test
    void aClockwiseQuarterTurnOfRIsTheMoveR() {
        codec.reset();
        sample(0);
        long movesBefore = codec.counters().moveCount();
        for (int i = 1; i <= 30; i++) {         // R turned clockwise: -90 degrees about its outward normal
            sim[1] = -Math.PI / 2 * i / 30;
            sample(i);
        }
        assertEquals(AFTER_R, state.faceletString());
        assertEquals(movesBefore + 1, codec.counters().moveCount(), "one move, decoded from an obfuscated frame");
        long stateAt = state.captureNanos;
        sim[1] = -Math.PI / 2 + 0.05;           // jitter around the detent is no move
        sample(31);
        sim[1] = -Math.PI / 2 - 0.05;
        sample(32);
        assertEquals(AFTER_R, state.faceletString());
        assertEquals(stateAt, state.captureNanos, "the state is renewed only when it changes");
        for (int i = 29; i >= 0; i--) {         // and back: R'
            sim[1] = -Math.PI / 2 * i / 30;
            sample(60 - i);
        }
        assertEquals(SOLVED, state.faceletString());
    }

    @Test
    void turnsPastHalfATurnFollowTheWrappedAngle() {
        codec.reset();
        sample(0);
        // U counter-clockwise by 270 degrees (through the wrap at 180): the same as one clockwise U
        for (int i = 1; i <= 90; i++) {
            double a = 1.5 * Math.PI * i / 90;
            sim[0] = a > Math.PI ? a - 2 * Math.PI : a;
            sample(i);
        }
        String afterU = "UUUUUUUUUBBBRRRRRRRRRFFFFFFDDDDDDDDDFFFLLLLLLLLLBBBBBB";
        assertEquals(afterU, state.faceletString());
        assertTrue(codec.counters().rejectedTotal() == 0, codec.counters().toString());
    }
}
