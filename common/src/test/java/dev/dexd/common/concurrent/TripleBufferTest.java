package dev.dexd.common.concurrent;

import dev.dexd.common.sensing.SensorFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The triple buffer over the control step's sensor frame: never a torn frame, never one going back. */
class TripleBufferTest {
    /** Every field of frame k carries k: a torn read would mix two frames. */
    private static void fill(SensorFrame f, long k) {
        java.util.Arrays.fill(f.cubePose.position, k);
        java.util.Arrays.fill(f.cubePose.quaternion, k);
        java.util.Arrays.fill(f.faceAngles.angles, k);
        java.util.Arrays.fill(f.fingertips.positions, k);
        f.cubePose.captureNanos = k;
        f.faceAngles.captureNanos = k;
        f.fingertips.captureNanos = k;
    }

    private static void assertWhole(SensorFrame f) {
        long k = f.cubePose.captureNanos;
        assertEquals(k, f.faceAngles.captureNanos);
        assertEquals(k, f.fingertips.captureNanos);
        for (double[] a : new double[][] {f.cubePose.position, f.cubePose.quaternion, f.faceAngles.angles, f.fingertips.positions}) {
            for (double v : a) {
                assertEquals(k, (long) v, "a frame mixed with another");
            }
        }
    }

    @Test
    void theReaderNeverSeesAHalfWrittenFrameAndFramesOnlyMoveForward() throws InterruptedException {
        TripleBuffer<SensorFrame> box = new TripleBuffer<>(SensorFrame::new, (from, into) -> into.copyFrom(from));
        SensorFrame first = new SensorFrame();
        fill(first, 0);
        box.publish(first);
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            SensorFrame f = new SensorFrame();
            for (long k = 1; !stop.get(); k++) {
                fill(f, k);
                box.publish(f);
            }
        });
        writer.start();
        SensorFrame seen = new SensorFrame();
        long last = -1;
        long reads = 0;
        long deadline = System.nanoTime() + 10_000_000_000L;
        try {
            // read until the writer has published 20,000 frames (a few hundred ms), every read checked
            while (last < 20_000 && System.nanoTime() < deadline) {
                box.read(seen);
                assertWhole(seen);
                assertTrue(seen.cubePose.captureNanos >= last, "frames never go back");
                last = seen.cubePose.captureNanos;
                reads++;
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertTrue(last >= 20_000, "the reader saw the writer's progress in " + reads + " reads: frame " + last);
    }
}
