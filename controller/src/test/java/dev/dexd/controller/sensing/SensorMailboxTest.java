package dev.dexd.controller.sensing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SensorMailboxTest {
    /** Every field of frame k carries k: a torn read would mix two frames. */
    private static void fill(SensorFrame f, long k) {
        java.util.Arrays.fill(f.cubePos, k);
        java.util.Arrays.fill(f.cubeQuat, k);
        java.util.Arrays.fill(f.faceAngles, k);
        java.util.Arrays.fill(f.fingertipPos, k);
        f.cubePoseCaptureNanos = k;
        f.faceAnglesCaptureNanos = k;
        f.fingertipsCaptureNanos = k;
    }

    private static void assertWhole(SensorFrame f) {
        long k = f.cubePoseCaptureNanos;
        assertEquals(k, f.faceAnglesCaptureNanos);
        assertEquals(k, f.fingertipsCaptureNanos);
        for (double[] a : new double[][] {f.cubePos, f.cubeQuat, f.faceAngles, f.fingertipPos}) {
            for (double v : a) {
                assertEquals(k, (long) v, "a frame mixed with another");
            }
        }
    }

    @Test
    void theReaderNeverSeesAHalfWrittenFrameAndFramesOnlyMoveForward() throws InterruptedException {
        SensorMailbox box = new SensorMailbox();
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
                assertTrue(seen.cubePoseCaptureNanos >= last, "frames never go back");
                last = seen.cubePoseCaptureNanos;
                reads++;
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertTrue(last >= 20_000, "the reader saw the writer's progress in " + reads + " reads: frame " + last);
    }
}
