package dev.dexd.vision;

import dev.dexd.common.concurrent.TripleBuffer;
import java.nio.channels.DatagramChannel;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.EpochNanoClock;

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
public final class VisionListener extends PacketListener {
    private final TripleBuffer<FusedPose> mailbox;

    private VisionListener(final DatagramChannel channel, final VisionAgent agent, final TripleBuffer<FusedPose> mailbox,
                           final ErrorHandler errors) {
        super(channel, agent, errors);
        this.mailbox = mailbox;
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
        final VisionListener listener = open(config, errors, clock);
        listener.startThread();
        return listener;
    }

    /**
     * Binds the socket (a {@link VisionException} when it cannot) without starting the thread: the
     * configure step of a source's lifecycle. Packets queue in the socket's buffer until {@link #startThread}.
     */
    public static VisionListener open(final VisionConfig config, final ErrorHandler errors, final EpochNanoClock clock) {
        final DatagramChannel channel = UdpSockets.bind(config.bind(), config.port(), config.receiveBufferBytes(),
            "pose packets", "sensors.cube_pose");
        final TripleBuffer<FusedPose> mailbox = new TripleBuffer<>(FusedPose::new, (from, into) -> into.copyFrom(from));
        final VisionCounters counters = new VisionCounters();
        final VisionAgent agent = new VisionAgent(channel, config, mailbox, counters, clock, errors);
        return new VisionListener(channel, agent, mailbox, errors);
    }

    /** Copies the latest fused pose into {@code out} ({@code out.count == 0}: none yet). One reader thread only; never waits. */
    public void read(final FusedPose out) {
        mailbox.read(out);
    }
}
