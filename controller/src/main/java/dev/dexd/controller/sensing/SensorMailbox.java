package dev.dexd.controller.sensing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Hands the latest {@link SensorFrame} from one writer thread (the sensors) to one reader thread (the
 * control loop) without locks: a sequence lock. The writer never waits; the reader retries the copy
 * if the writer was mid-publish (a window of a few hundred nanoseconds), and never blocks.
 */
public final class SensorMailbox {
    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.lookup().findVarHandle(SensorMailbox.class, "version", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SensorFrame shared = new SensorFrame();
    @SuppressWarnings("unused") // accessed through VERSION
    private volatile long version;

    /** Writer side: makes {@code frame} the latest. */
    public void publish(SensorFrame frame) {
        long v = (long) VERSION.getOpaque(this);
        VERSION.setOpaque(this, v + 1);     // odd: a write is in progress
        VarHandle.storeStoreFence();
        shared.copyFrom(frame);
        VERSION.setRelease(this, v + 2);
    }

    /** Reader side: copies the latest frame into {@code out}. */
    public void read(SensorFrame out) {
        while (true) {
            long before = (long) VERSION.getAcquire(this);
            if ((before & 1) == 0) {
                out.copyFrom(shared);
                VarHandle.loadLoadFence();
                if ((long) VERSION.getOpaque(this) == before) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
    }
}
