package dev.dexd.giiker.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Decoding, filtering and encoding allocate nothing per frame (valid, invalid, plain, obfuscated, moves). */
class FrameAllocationTest {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void stateFramesAllocateNothing() {
        final int n = 64;
        final byte[][] frames = new byte[n][StateFrame.LENGTH];
        final SplittableRandom random = new SplittableRandom(5);
        final CubieCube cube = new CubieCube();
        final LastMoves moves = new LastMoves();
        for (int i = 0; i < n; i++) {
            final Face f = Face.of(random.nextInt(6));
            cube.turn(f, 1);
            moves.push(f, 1);
            if (i % 8 == 7) {
                random.nextBytes(frames[i]);  // mostly invalid
            } else if (i % 2 == 0) {
                StateFrameEncoder.encode(cube, moves, frames[i], 0);
            } else {
                StateFrameEncoder.encodeObfuscated(cube, moves, i % 16, (i * 7) % 16, frames[i], 0);
            }
        }
        final FrameCounters counters = new FrameCounters();
        final StateFrameFilter filter = new StateFrameFilter(counters);
        final StateFrameDecoder decoder = new StateFrameDecoder(counters);
        final DecodedState out = new DecodedState();
        final byte[] encoded = new byte[StateFrame.LENGTH];
        final long least = leastAllocated(() -> {
            for (int round = 0; round < 200; round++) {
                filter.reset();
                for (int i = 0; i < n; i++) {
                    filter.onFrame(frames[i]);
                    decoder.decode(frames[i], out);
                }
                StateFrameEncoder.encodeObfuscated(filter.current().cube(), filter.current().moves(), round % 16, 3, encoded, 0);
            }
        });
        assertEquals(0, least, "bytes allocated by 25600 frames");
        // the stream really exercised every path
        assertEquals(true, counters.moveCount() > 0 && counters.rejectedTotal() > 0 && counters.acceptedCount() > 0, counters.toString());
    }

    @Test
    void faceAngleFramesAllocateNothing() {
        final FrameCounters counters = new FrameCounters();
        final FaceAngleDecoder decoder = new FaceAngleDecoder(counters);
        final DecodedAngles angles = new DecodedAngles();
        final byte[] frame = new byte[FaceAngleFrame.LENGTH];
        final double[] degrees = {0, 45.5, -90, 180, -179.99, 12.34};
        final int[] sequence = {0};
        final long least = leastAllocated(() -> {
            for (int i = 0; i < 20_000; i++) {
                FaceAngleFrame.encodeDegrees(sequence[0]++ & 0xFFFF, FaceAngleFrame.STATUS_CALIBRATED, 80, degrees, frame, 0);
                if (i % 5 == 0) {
                    frame[7] ^= 1;  // a bad checksum
                }
                decoder.decode(frame, angles);
            }
        });
        assertEquals(0, least, "bytes allocated by 20000 face-angle frames");
        assertEquals(true, counters.rejectedCount(FrameRejection.CHECKSUM) > 0 && counters.acceptedCount() > 0, counters.toString());
    }

    /** The fewest bytes over up to six runs: a JIT compilation shows in one, a per-frame allocation in all. */
    private static long leastAllocated(final Runnable work) {
        long least = Long.MAX_VALUE;
        for (int w = 0; w < 6 && least > 0; w++) {
            final long before = THREADS.getCurrentThreadAllocatedBytes();
            work.run();
            least = Math.min(least, THREADS.getCurrentThreadAllocatedBytes() - before);
        }
        return least;
    }
}
