package dev.dexd.vision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The UDP cube-pose source: a socket bound as configured and one thread ({@code dexd-vision}, an
 * Agrona {@link AgentRunner} over {@link VisionAgent}) that decodes, validates and fuses every
 * packet and publishes the latest fused pose. The control step (one reader thread) calls
 * {@link #read} each tick: it copies the latest pose and never waits.
 *
 * <pre>{@code
 * VisionConfig config = VisionConfig.read(root.section("sensors").section("cube_pose"));
 * try (VisionListener vision = VisionListener.start(config, errorHandler)) {
 *     FusedPose pose = new FusedPose();
 *     vision.read(pose);              // every tick; pose.count == 0 until the first fusion
 *     vision.counters();              // received, accepted, fused, rejected by reason
 * }
 * }</pre>
 */
public final class VisionListener implements AutoCloseable {
    private final DatagramChannel channel;
    private final VisionAgent agent;
    private final AgentRunner runner;
    private final PoseMailbox mailbox;
    private final VisionCounters counters;
    private final InetSocketAddress address;

    private VisionListener(final DatagramChannel channel, final VisionAgent agent, final AgentRunner runner,
                           final PoseMailbox mailbox, final VisionCounters counters, final InetSocketAddress address) {
        this.channel = channel;
        this.agent = agent;
        this.runner = runner;
        this.mailbox = mailbox;
        this.counters = counters;
        this.address = address;
    }

    /** Binds {@code config.bind():config.port()} (port 0: any free port) and starts the thread; errors go to stderr once per burst. */
    public static VisionListener start(final VisionConfig config) {
        return start(config, new VisionErrors(System.err), new WallClock());
    }

    /** As {@link #start(VisionConfig)}, the listener thread's errors (besides being counted) going to {@code errors}. */
    public static VisionListener start(final VisionConfig config, final ErrorHandler errors) {
        return start(config, errors, new WallClock());
    }

    /**
     * As {@link #start(VisionConfig, ErrorHandler)}, packet ages measured against {@code clock}
     * (epoch ns, CLOCK_REALTIME like the senders' capture times; the default is Agrona's
     * allocation-free {@link WallClock}). A port in use or an address that cannot be
     * bound is a {@link VisionException} (one line naming the address and the fix).
     */
    public static VisionListener start(final VisionConfig config, final ErrorHandler errors, final EpochNanoClock clock) {
        final InetSocketAddress bind = new InetSocketAddress(config.bind(), config.port());
        if (bind.isUnresolved()) {
            throw new VisionException("sensors.cube_pose.bind: cannot resolve '" + config.bind() + "': give an IP address such as 127.0.0.1");
        }
        final DatagramChannel channel;
        try {
            channel = DatagramChannel.open(bind.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a UDP socket", e);
        }
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, config.receiveBufferBytes());
            channel.bind(bind);
        } catch (IOException e) {
            closeQuietly(channel);
            if (e instanceof BindException) {
                throw new VisionException("cannot listen for pose packets on " + config.bind() + ":" + config.port()
                    + " (" + e.getMessage() + "): another program (another dexd?) uses the port, or the address is"
                    + " not this machine's; change sensors.cube_pose.port or bind");
            }
            throw new UncheckedIOException("cannot bind the pose socket to " + bind, e);
        }
        final PoseMailbox mailbox = new PoseMailbox();
        final VisionCounters counters = new VisionCounters();
        final VisionAgent agent = new VisionAgent(channel, config, mailbox, counters, clock, errors);
        final AgentRunner runner = new AgentRunner(NoOpIdleStrategy.INSTANCE, errors, (AtomicCounter) null, agent);
        final InetSocketAddress local;
        try {
            local = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AgentRunner.startOnThread(runner);
        return new VisionListener(channel, agent, runner, mailbox, counters, local);
    }

    private static void closeQuietly(final DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException suppressed) {
            // nothing was bound: nothing to release
        }
    }

    /** Copies the latest fused pose into {@code out} ({@code out.count == 0}: none yet). One reader thread only; never waits. */
    public void read(final FusedPose out) {
        mailbox.read(out);
    }

    /** Counters, readable from any thread. */
    public VisionCounters counters() {
        return counters;
    }

    /** The address actually bound (the port chosen when the config said 0). */
    public InetSocketAddress address() {
        return address;
    }

    /** Stops the thread and closes the socket. */
    @Override
    public void close() {
        agent.closing();
        closeQuietly(channel); // wakes the blocked receive; the agent's onClose closes it again
        runner.close();
    }
}
