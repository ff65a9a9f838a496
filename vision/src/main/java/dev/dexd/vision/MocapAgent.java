package dev.dexd.vision;

import dev.dexd.common.concurrent.TripleBuffer;
import java.nio.channels.DatagramChannel;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochNanoClock;

/** The mocap listener's datagrams: one DXFT packet, gated, published ({@link DatagramAgent} takes them off the socket). */
final class MocapAgent extends DatagramAgent {
    private final FingertipGate gate;
    private final TripleBuffer<FingertipSample> mailbox;
    private final EpochNanoClock clock;
    private final FingertipSample sample = new FingertipSample();

    MocapAgent(final DatagramChannel channel, final MocapConfig config, final TripleBuffer<FingertipSample> mailbox,
               final VisionCounters counters, final EpochNanoClock clock, final ErrorHandler errors) {
        super(channel, counters, errors, "dexd-mocap");
        this.gate = new FingertipGate(config.source(), config.maxAgeMs(), config.maxRateHz(), counters);
        this.mailbox = mailbox;
        this.clock = clock;
    }

    @Override
    void onDatagram(final int length, final long arrivalNanos) {
        if (gate.accept(buffer, 0, length, arrivalNanos, clock.nanoTime(), sample)) {
            sample.count++;
            mailbox.publish(sample);
        }
    }
}
