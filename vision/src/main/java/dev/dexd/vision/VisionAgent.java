package dev.dexd.vision;

import dev.dexd.common.concurrent.TripleBuffer;
import java.nio.channels.DatagramChannel;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/** The pose listener's datagrams: decode, validate, fuse, publish ({@link DatagramAgent} takes them off the socket). */
final class VisionAgent extends DatagramAgent {
    private final PoseDecoder decoder = new PoseDecoder();
    private final PoseEstimate estimate = new PoseEstimate();
    private final PoseGate gate;
    private final PoseFusion fusion;
    private final TripleBuffer<FusedPose> mailbox;
    private final EpochNanoClock clock;
    private final FusedPose fused = new FusedPose();

    VisionAgent(final DatagramChannel channel, final VisionConfig config, final TripleBuffer<FusedPose> mailbox,
                final VisionCounters counters, final EpochNanoClock clock, final ErrorHandler errors) {
        super(channel, counters, errors, "dexd-vision");
        this.gate = new PoseGate(config);
        this.fusion = new PoseFusion(config, counters);
        this.mailbox = mailbox;
        this.clock = clock;
    }

    /** The buffer datagrams are received into (the benchmark writes packets here to time {@link #onDatagram} alone). */
    UnsafeBuffer receiveBuffer() {
        return buffer;
    }

    /** One datagram of {@code length} bytes at the start of the receive buffer, taken off the socket at {@code arrivalNanos}. */
    @Override
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

}
