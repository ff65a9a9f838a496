package dev.dexd.vision;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * A UDP listener of vision/ ({@link VisionListener}, {@link MocapListener}): a socket bound when it is
 * made (the configure step of a source), one thread ({@link DatagramAgent} under an Agrona runner)
 * started by {@link #startThread}, counters readable from any thread, and a close that stops both.
 */
public abstract class PacketListener implements AutoCloseable {
    private final DatagramChannel channel;
    private final DatagramAgent agent;
    private final AgentRunner runner;
    private final VisionCounters counters;
    private final InetSocketAddress address;
    private volatile boolean started;

    PacketListener(final DatagramChannel channel, final DatagramAgent agent, final ErrorHandler errors) {
        this.channel = channel;
        this.agent = agent;
        this.runner = new AgentRunner(NoOpIdleStrategy.INSTANCE, errors, (AtomicCounter) null, agent);
        this.counters = agent.counters;
        this.address = UdpSockets.localAddress(channel);
    }

    /** Starts the listener thread (once). */
    public final void startThread() {
        if (!started) {
            started = true;
            AgentRunner.startOnThread(runner);
        }
    }

    /** Counters, readable from any thread. */
    public final VisionCounters counters() {
        return counters;
    }

    /** The address actually bound (the port chosen when the config said 0). */
    public final InetSocketAddress address() {
        return address;
    }

    /** Stops the thread and closes the socket. */
    @Override
    public final void close() {
        if (!started) {
            UdpSockets.closeQuietly(channel); // the thread never ran: only the socket is open
            return;
        }
        agent.closing();
        UdpSockets.closeQuietly(channel); // wakes the blocked receive; the agent's onClose closes it again
        runner.close();
    }
}
