package dev.dexd.vision;

import java.net.InetSocketAddress;

/**
 * A UDP listener of vision/ ({@link VisionListener}, {@link MocapListener}): a socket bound at open,
 * one thread started by {@link #startThread}, counters readable from any thread.
 */
public interface PacketListener extends AutoCloseable {
    /** Starts the listener thread (once); returns this. */
    PacketListener startThread();

    /** Counters, readable from any thread. */
    VisionCounters counters();

    /** The address actually bound. */
    InetSocketAddress address();

    /** Stops the thread and closes the socket. */
    @Override
    void close();
}
