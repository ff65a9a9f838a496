package dev.dexd.vision;

import java.util.concurrent.atomic.AtomicInteger;

/** The latest {@link FingertipSample} from the mocap listener (one writer) to one reader, neither waiting: a triple buffer as {@link PoseMailbox}. */
public final class FingertipMailbox {
    private static final int FRESH = 4;
    private static final int INDEX = 3;

    private final FingertipSample[] buffers = {new FingertipSample(), new FingertipSample(), new FingertipSample()};
    private final AtomicInteger middle = new AtomicInteger(1);
    private int back;
    private int front = 2;

    public void publish(final FingertipSample sample) {
        buffers[back].copyFrom(sample);
        back = middle.getAndSet(back | FRESH) & INDEX;
    }

    /** Copies the latest sample into {@code out} ({@code out.count == 0}: none yet). */
    public void read(final FingertipSample out) {
        if ((middle.get() & FRESH) != 0) {
            front = middle.getAndSet(front) & INDEX;
        }
        out.copyFrom(buffers[front]);
    }
}
