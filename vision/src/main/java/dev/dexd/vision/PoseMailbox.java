package dev.dexd.vision;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands the latest {@link FusedPose} from the listener thread (one writer) to one reader thread
 * (the control step, or the CLI) without locks and without either side ever waiting: a triple
 * buffer, as the controller's {@code SensorMailbox}. The writer fills its back buffer and swaps it
 * into the middle; the reader swaps the middle into its front buffer when something new is there.
 */
public final class PoseMailbox {
    private static final int FRESH = 4;
    private static final int INDEX = 3;

    private final FusedPose[] buffers = {new FusedPose(), new FusedPose(), new FusedPose()};
    private final AtomicInteger middle = new AtomicInteger(1);
    private int back;
    private int front = 2;

    /** Writer side: makes {@code pose} the latest. */
    public void publish(final FusedPose pose) {
        buffers[back].copyFrom(pose);
        back = middle.getAndSet(back | FRESH) & INDEX;
    }

    /** Reader side: copies the latest pose into {@code out} (count 0: none yet). */
    public void read(final FusedPose out) {
        if ((middle.get() & FRESH) != 0) {
            front = middle.getAndSet(front) & INDEX;
        }
        out.copyFrom(buffers[front]);
    }
}
