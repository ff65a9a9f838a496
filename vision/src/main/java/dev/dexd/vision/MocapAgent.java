package dev.dexd.vision;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/** The mocap listener's duty cycle: one DXFT datagram, gated, published. Errors as in {@link VisionAgent}. */
final class MocapAgent implements Agent {
    private final DatagramChannel channel;
    private final ByteBuffer receive = ByteBuffer.allocateDirect(VisionAgent.MAX_DATAGRAM);
    private final UnsafeBuffer buffer = new UnsafeBuffer(receive);
    private final FingertipGate gate;
    private final FingertipMailbox mailbox;
    private final VisionCounters counters;
    private final EpochNanoClock clock;
    private final ErrorHandler errors;
    private final FingertipSample sample = new FingertipSample();
    private volatile boolean closing;

    MocapAgent(final DatagramChannel channel, final MocapConfig config, final FingertipMailbox mailbox,
               final VisionCounters counters, final EpochNanoClock clock, final ErrorHandler errors) {
        this.channel = channel;
        this.gate = new FingertipGate(config.source(), config.maxAgeMs(), config.maxRateHz(), counters);
        this.mailbox = mailbox;
        this.counters = counters;
        this.clock = clock;
        this.errors = errors;
    }

    void closing() {
        closing = true;
    }

    @Override
    public int doWork() {
        try {
            receive.clear();
            if (channel.receive(receive) == null) {
                return 0;
            }
            final long arrival = System.nanoTime();
            if (gate.accept(buffer, 0, receive.position(), arrival, clock.nanoTime(), sample)) {
                sample.count++;
                mailbox.publish(sample);
            }
            counters.processed();
            return 1;
        } catch (ClosedChannelException e) {
            if (closing) {
                return 0;
            }
            counters.error();
            throw new AgentTerminationException(e);
        } catch (Throwable t) {
            counters.error();
            errors.onError(t);
            return 0;
        }
    }

    @Override
    public void onClose() {
        UdpSockets.closeQuietly(channel);
    }

    @Override
    public String roleName() {
        return "dexd-mocap";
    }
}
