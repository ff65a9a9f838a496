package dev.dexd.vision;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A listener's duty cycle: take one datagram off the socket and hand it to {@link #onDatagram}. The
 * channel is in blocking mode, so an idle listener sleeps in the kernel and wakes when a packet
 * arrives (no polling latency, no spinning core); closing the channel ends a blocked receive.
 * Nothing a packet contains can throw out of here: bad packets are counted by reason. Any other
 * {@code Throwable} is counted and handed to the error handler, and the cycle goes on (Agrona's
 * runner would end the thread on an {@code Error}); a channel closed by anything but the listener's
 * close ends the agent, reported once: nothing more is published, the sample goes stale.
 */
abstract class DatagramAgent implements Agent {
    static final int MAX_DATAGRAM = 2048;

    private final DatagramChannel channel;
    private final ByteBuffer receive = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final String roleName;
    final UnsafeBuffer buffer = new UnsafeBuffer(receive);
    final VisionCounters counters;
    final ErrorHandler errors;
    private volatile boolean closing;

    DatagramAgent(final DatagramChannel channel, final VisionCounters counters, final ErrorHandler errors,
                  final String roleName) {
        this.channel = channel;
        this.counters = counters;
        this.errors = errors;
        this.roleName = roleName;
    }

    /** One datagram of {@code length} bytes at the start of {@link #buffer}, taken off the socket at {@code arrivalNanos}. */
    abstract void onDatagram(int length, long arrivalNanos);

    /** The listener is closing the channel: a closed channel is then the end, not an error. */
    final void closing() {
        closing = true;
    }

    @Override
    public final int doWork() {
        try {
            receive.clear();
            if (channel.receive(receive) == null) {
                return 0;
            }
            onDatagram(receive.position(), System.nanoTime());
            counters.processed();
            return 1;
        } catch (ClosedChannelException e) {
            if (closing) {
                return 0; // the listener's close: the runner stops the duty cycle next
            }
            counters.error();
            throw new AgentTerminationException(e); // the runner reports it to the error handler and ends the thread
        } catch (Throwable t) {
            counters.error();
            errors.onError(t);
            return 0;
        }
    }

    @Override
    public final void onClose() {
        UdpSockets.closeQuietly(channel);
    }

    @Override
    public final String roleName() {
        return roleName;
    }
}
