package dev.dexd.vision;

import dev.dexd.common.concurrent.TripleBuffer;
import java.nio.channels.DatagramChannel;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochNanoClock;

/**
 * The {@code mocap_udp} fingertip source: a socket and one thread ({@code dexd-mocap}) that gates
 * DXFT packets from the configured bridge and publishes the latest sample; the control step reads
 * it each tick without waiting. Same shape as {@link VisionListener}.
 */
public final class MocapListener extends PacketListener {
    private final TripleBuffer<FingertipSample> mailbox;

    private MocapListener(final DatagramChannel channel, final MocapAgent agent, final TripleBuffer<FingertipSample> mailbox,
                          final ErrorHandler errors) {
        super(channel, agent, errors);
        this.mailbox = mailbox;
    }

    public static MocapListener start(final MocapConfig config, final ErrorHandler errors) {
        return start(config, errors, new WallClock());
    }

    /** Binds and starts the thread; a port in use is a {@link VisionException}. */
    public static MocapListener start(final MocapConfig config, final ErrorHandler errors, final EpochNanoClock clock) {
        final MocapListener listener = open(config, errors, clock);
        listener.startThread();
        return listener;
    }

    /** Binds the socket without starting the thread (a source's configure step); see {@link #startThread}. */
    public static MocapListener open(final MocapConfig config, final ErrorHandler errors, final EpochNanoClock clock) {
        final DatagramChannel channel = UdpSockets.bind(config.bind(), config.port(), config.receiveBufferBytes(),
            "fingertip packets", "sensors.fingertips");
        final TripleBuffer<FingertipSample> mailbox = new TripleBuffer<>(FingertipSample::new, (from, into) -> into.copyFrom(from));
        final VisionCounters counters = new VisionCounters();
        final MocapAgent agent = new MocapAgent(channel, config, mailbox, counters, clock, errors);
        return new MocapListener(channel, agent, mailbox, errors);
    }

    /** Copies the latest sample into {@code out} ({@code out.count == 0}: none yet). One reader thread; never waits. */
    public void read(final FingertipSample out) {
        mailbox.read(out);
    }
}
