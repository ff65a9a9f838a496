package dev.dexd.controller.console;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A connection's {@code watch} stream: a status line {@code hz} times a second, on the event loop.
 * A frame is skipped while the connection cannot take more (its outbound buffer is over the high
 * water mark because the client does not read); a client that stays so for {@link #DROP_NANOS} is
 * dropped, so a stalled reader costs a bounded buffer, never an unbounded one.
 */
final class Watch {
    /** How long a watching client may leave its stream unread before it is dropped. */
    static final long DROP_NANOS = 1_000_000_000L;
    static final double MAX_HZ = 100;
    static final double MIN_HZ = 0.1;

    private final Channel channel;
    private final Supplier<StreamLine> line;
    private final Runnable onDrop;
    private final ScheduledFuture<?> task;
    private long unwritableSince;
    private long skipped;

    Watch(Channel channel, double hz, Supplier<StreamLine> line, Runnable onDrop) {
        this.channel = channel;
        this.line = line;
        this.onDrop = onDrop;
        long period = (long) (1e9 / hz);
        this.task = channel.eventLoop().scheduleAtFixedRate(this::frame, 0, period, TimeUnit.NANOSECONDS);
    }

    private void frame() {
        if (!channel.isActive()) {
            cancel();
            return;
        }
        if (!channel.isWritable()) {
            long now = System.nanoTime();
            skipped++;
            if (unwritableSince == 0) {
                unwritableSince = now;
            } else if (now - unwritableSince > DROP_NANOS) {
                cancel();
                onDrop.run();
            }
            return;
        }
        unwritableSince = 0;
        channel.writeAndFlush(line.get(), channel.voidPromise());
    }

    /** Frames skipped because the client was not reading. */
    long skipped() {
        return skipped;
    }

    void cancel() {
        task.cancel(false);
    }
}
