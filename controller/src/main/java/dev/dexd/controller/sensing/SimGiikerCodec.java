package dev.dexd.controller.sensing;

import dev.dexd.common.sensing.CubeState;
import dev.dexd.common.sensing.FaceAngles;
import dev.dexd.giiker.frame.CubieCube;
import dev.dexd.giiker.frame.DecodedAngles;
import dev.dexd.giiker.frame.Face;
import dev.dexd.giiker.frame.FaceAngleDecoder;
import dev.dexd.giiker.frame.FaceAngleFrame;
import dev.dexd.giiker.frame.FrameCounters;
import dev.dexd.giiker.frame.LastMoves;
import dev.dexd.giiker.frame.StateFrame;
import dev.dexd.giiker.frame.StateFrameEncoder;
import dev.dexd.giiker.frame.StateFrameFilter;

/**
 * The simulated cube talks as a real Giiker cube modified like OpenAI's would: its face angles go
 * out as face-angle frames (v1) and its state, tracked from the completed quarter turns of its
 * faces, as obfuscated state frames (as newer firmwares send them), and both come back through the
 * same decoders and stream filter as a real cube's frames. A simulation run thus exercises the
 * Giiker decoding. Allocates nothing per sample; one thread (whichever feeds the truth).
 */
final class SimGiikerCodec {
    private static final double QUARTER = Math.PI / 2;
    private static final Face[] FACES = Face.values();

    private final FrameCounters counters = new FrameCounters();
    private final FaceAngleDecoder angleDecoder = new FaceAngleDecoder(counters);
    private final StateFrameFilter filter = new StateFrameFilter(counters);
    private final DecodedAngles decoded = new DecodedAngles();
    private final byte[] angleFrame = new byte[FaceAngleFrame.LENGTH];
    private final byte[] stateFrame = new byte[StateFrame.LENGTH];
    private final double[] degrees = new double[6];
    private final double[] last = new double[6];
    private final double[] unwrapped = new double[6];
    private final int[] quarters = new int[6];
    private final CubieCube cube = new CubieCube();
    private final LastMoves moves = new LastMoves();
    private boolean started;
    private int sequence;
    private int frames;

    /** A new episode: the cube is solved and every face aligned (the simulation's reset). */
    void reset() {
        cube.reset();
        moves.clear();
        angleDecoder.reset();
        filter.reset();
        java.util.Arrays.fill(quarters, 0);
        java.util.Arrays.fill(unwrapped, 0);
        started = false;
        sequence = 0;
    }

    /** The decoders' counters (frames, rejections by reason, moves). */
    FrameCounters counters() {
        return counters;
    }

    /**
     * The simulated cube's six face angles (rad, wrapped to (-pi, pi], as the simulation reports
     * them), captured at {@code captureNanos}: sends them as the cube would and writes what the
     * decoders make of them into {@code angles} and, when the state changed (or is first known),
     * {@code state}.
     */
    void onFaceAngles(double[] simAngles, long captureNanos, FaceAngles angles, CubeState state) {
        boolean turned = !started;
        for (int f = 0; f < 6; f++) {
            double a = simAngles[f];
            unwrapped[f] = started ? unwrapped[f] + wrap(a - last[f]) : a;
            last[f] = a;
            int q = (int) Math.rint(unwrapped[f] / QUARTER);
            if (!started) {
                quarters[f] = q; // the cube is solved at reset, whatever detent each face rests in
            } else if (q != quarters[f]) {
                // +90 degrees about the outward normal is counter-clockwise: a clockwise turn is -1 quarter
                int clockwise = Math.floorMod(quarters[f] - q, 4);
                cube.turn(FACES[f], clockwise);
                moves.push(FACES[f], clockwise);
                quarters[f] = q;
                turned = true;
            }
            degrees[f] = Math.toDegrees(a);
        }
        started = true;
        sequence = sequence + 1 & 0xFFFF; // 16-bit serial numbers, as the cube counts
        FaceAngleFrame.encodeDegrees(sequence, FaceAngleFrame.STATUS_CALIBRATED, 100, degrees, angleFrame, 0);
        if (angleDecoder.decode(angleFrame, decoded)) {
            for (int f = 0; f < 6; f++) {
                angles.angles[f] = decoded.radians(f);
            }
            angles.captureNanos = captureNanos;
            angles.sequence++;
        }
        if (turned) {
            frames++;
            StateFrameEncoder.encodeObfuscated(cube, moves, frames * 7 & 15, frames * 11 + 3 & 15, stateFrame, 0);
            StateFrameFilter.Outcome o = filter.onFrame(stateFrame);
            if (o == StateFrameFilter.Outcome.INITIAL || o == StateFrameFilter.Outcome.MOVE
                || o == StateFrameFilter.Outcome.JUMP) {
                filter.current().cube().writeFacelets(state.facelets, 0);
                state.captureNanos = captureNanos;
                state.sequence++;
            }
        }
    }

    private static double wrap(double a) {
        return a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
    }
}
