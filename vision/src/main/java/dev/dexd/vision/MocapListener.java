package dev.dexd.vision;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The {@code mocap_udp} fingertip source: a socket and one thread ({@code dexd-mocap}) that gates
 * DXFT packets from the configured bridge and publishes the latest sample; the control step reads
 * it each tick without waiting. Same shape as {@link VisionListener}.
 */
public final class MocapListener implements PacketListener {
    private final DatagramChannel channel;
    private final MocapAgent agent;
    private final AgentRunner runner;
    private final FingertipMailbox mailbox;
    private final VisionCounters counters;
    private final InetSocketAddress address;
    private volatile boolean started;

    private MocapListener(final DatagramChannel channel, final MocapAgent agent, final AgentRunner runner,
                          final FingertipMailbox mailbox, final VisionCounters counters) {
        this.channel = channel;
        this.agent = agent;
        this.runner = runner;
        this.mailbox = mailbox;
        this.counters = counters;
        this.address = UdpSockets.localAddress(channel);
    }

    public static MocapListener start(final MocapConfig config, final ErrorHandler errors) {
        return start(config, errors, new WallClock());
    }

    /** Binds and starts the thread; a port in use is a {@link VisionException}. */
    public static MocapListener start(final MocapConfig config, final ErrorHandler errors, final EpochNanoClock clock) {
        return open(config, errors, clock).startThread();
    }

    /** Binds the socket without starting the thread (a source's configure step); see {@link #startThread}. */
    public static MocapListener open(final MocapConfig config, final ErrorHandler errors, final EpochNanoClock clock) {
        final DatagramChannel channel = UdpSockets.bind(config.bind(), config.port(), config.receiveBufferBytes(),
            "fingertip packets", "sensors.fingertips");
        final FingertipMailbox mailbox = new FingertipMailbox();
        final VisionCounters counters = new VisionCounters();
        final MocapAgent agent = new MocapAgent(channel, config, mailbox, counters, clock, errors);
        final AgentRunner runner = new AgentRunner(NoOpIdleStrategy.INSTANCE, errors, (AtomicCounter) null, agent);
        return new MocapListener(channel, agent, runner, mailbox, counters);
    }

    /** Copies the latest sample into {@code out} ({@code out.count == 0}: none yet). One reader thread; never waits. */
    public void read(final FingertipSample out) {
        mailbox.read(out);
    }

    /** received, accepted, rejected by reason (fused and no-consensus stay 0), errors. */
    public VisionCounters counters() {
        return counters;
    }

    public InetSocketAddress address() {
        return address;
    }

    /** Starts the listener thread (once). */
    public MocapListener startThread() {
        if (!started) {
            started = true;
            AgentRunner.startOnThread(runner);
        }
        return this;
    }

    @Override
    public void close() {
        if (!started) {
            UdpSockets.closeQuietly(channel); // the thread never ran: only the socket is open
            return;
        }
        agent.closing();
        UdpSockets.closeQuietly(channel);
        runner.close();
    }
}
