package dev.dexd.controller.sensing;

import dev.dexd.common.sensing.SensorFrame;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands the latest {@link SensorFrame} from one writer thread (the sensors) to one reader thread (the
 * control loop) without locks and without either side ever waiting for the other: a triple buffer.
 * The writer fills its own back buffer and swaps it into the middle; the reader swaps the middle
 * into its own front buffer when something new is there. Each buffer is touched by one thread at a
 * time, so a frame is never read half-written, and a preempted writer cannot stall the reader.
 */
public final class SensorMailbox {
    private static final int FRESH = 4;   // set in 'middle' when it holds a frame the reader has not taken
    private static final int INDEX = 3;

    private final SensorFrame[] buffers = {new SensorFrame(), new SensorFrame(), new SensorFrame()};
    private final AtomicInteger middle = new AtomicInteger(1);
    private int back;        // writer's
    private int front = 2;   // reader's

    /** Writer side: makes {@code frame} the latest. */
    public void publish(SensorFrame frame) {
        buffers[back].copyFrom(frame);
        back = middle.getAndSet(back | FRESH) & INDEX;
    }

    /** Reader side: copies the latest frame into {@code out}. */
    public void read(SensorFrame out) {
        if ((middle.get() & FRESH) != 0) {
            front = middle.getAndSet(front) & INDEX;
        }
        out.copyFrom(buffers[front]);
    }
}
