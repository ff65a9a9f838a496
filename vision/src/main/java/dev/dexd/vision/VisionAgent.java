package dev.dexd.vision;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The listener's duty cycle: take one datagram off the socket, decode, validate, fuse, publish.
 * The channel is in blocking mode, so an idle listener sleeps in the kernel and wakes when a packet
 * arrives (no polling latency, no spinning core); closing the channel ends a blocked receive.
 * Nothing a packet contains can throw out of here: bad packets are counted by reason. Any other
 * {@code Throwable} is counted and handed to the error handler, and the cycle goes on
 * (Agrona's runner would end the thread on an {@code Error}); a channel closed by anything but
 * {@link VisionListener#close} ends the agent, reported once: no more poses, the pose goes stale.
 */
final class VisionAgent implements Agent {
    static final int MAX_DATAGRAM = 2048;

    private final DatagramChannel channel;
    private final ByteBuffer receive = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final UnsafeBuffer buffer = new UnsafeBuffer(receive);
    private final PoseDecoder decoder = new PoseDecoder();
    private final PoseEstimate estimate = new PoseEstimate();
    private final PoseGate gate;
    private final PoseFusion fusion;
    private final PoseMailbox mailbox;
    private final VisionCounters counters;
    private final EpochNanoClock clock;
    private final ErrorHandler errors;
    private final FusedPose fused = new FusedPose();
    private volatile boolean closing;

    VisionAgent(final DatagramChannel channel, final VisionConfig config, final PoseMailbox mailbox,
                final VisionCounters counters, final EpochNanoClock clock, final ErrorHandler errors) {
        this.channel = channel;
        this.gate = new PoseGate(config);
        this.fusion = new PoseFusion(config, counters);
        this.mailbox = mailbox;
        this.counters = counters;
        this.clock = clock;
        this.errors = errors;
    }

    /** The buffer datagrams are received into (the benchmark writes packets here to time {@link #onDatagram} alone). */
    UnsafeBuffer receiveBuffer() {
        return buffer;
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
            onDatagram(receive.position(), System.nanoTime());
            counters.processed();
            return 1;
        } catch (ClosedChannelException e) {
            if (closing) {
                return 0; // VisionListener.close: the runner stops the duty cycle next
            }
            counters.error();
            throw new AgentTerminationException(e); // the runner reports it to the error handler and ends the thread
        } catch (Throwable t) {
            counters.error();
            errors.onError(t);
            return 0;
        }
    }

    /** One datagram of {@code length} bytes at the start of the receive buffer, taken off the socket at {@code arrivalNanos}. */
    void onDatagram(final int length, final long arrivalNanos) {
        counters.received();
        Rejection reason = decoder.decode(buffer, 0, length, estimate);
        final long now = clock.nanoTime();
        if (reason == null) {
            reason = gate.check(estimate, arrivalNanos, now);
        }
        if (reason != null) {
            counters.rejected(reason);
            return;
        }
        counters.accepted();
        final int slot = gate.slot();
        fusion.accept(slot, estimate);
        if (fusion.fuse(slot, now, fused)) {
            fused.count++;
            fused.camera = estimate.camera;
            fused.sequence = estimate.sequence;
            fused.arrivalNanos = arrivalNanos;
            fused.captureMonotonicNanos = arrivalNanos - (now - fused.captureNanos);
            fused.publishedNanos = System.nanoTime();
            mailbox.publish(fused);
            counters.fused();
        }
    }

    @Override
    public void onClose() {
        try {
            channel.close();
        } catch (IOException e) {
            errors.onError(e);
        }
    }

    @Override
    public String roleName() {
        return "dexd-vision";
    }
}
