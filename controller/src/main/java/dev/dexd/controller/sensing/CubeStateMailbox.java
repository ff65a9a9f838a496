package dev.dexd.controller.sensing;

import dev.dexd.common.sensing.CubeState;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands the control thread's latest cube state to one reader off the control path (the console's
 * worker, for {@code solve} without facelets): a triple buffer like {@link SensorMailbox}, so the
 * control thread never waits and never allocates to publish it.
 */
public final class CubeStateMailbox {
    private static final int FRESH = 4;
    private static final int INDEX = 3;

    private final CubeState[] buffers = {new CubeState(), new CubeState(), new CubeState()};
    private final AtomicInteger middle = new AtomicInteger(1);
    private int back;
    private int front = 2;

    /** Writer (the control thread): makes {@code state} the latest. */
    public void publish(CubeState state) {
        buffers[back].copyFrom(state);
        back = middle.getAndSet(back | FRESH) & INDEX;
    }

    /** Reader (one thread): copies the latest into {@code out} (capture time NONE: none yet). */
    public void read(CubeState out) {
        if ((middle.get() & FRESH) != 0) {
            front = middle.getAndSet(front) & INDEX;
        }
        out.copyFrom(buffers[front]);
    }
}
