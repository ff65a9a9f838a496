package dev.dexd.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** DXFT packets over loopback to the mocap listener, its config read as the daemon would. */
class MocapListenerTest {
    @Test
    void publishesTheLatestGoodSample() throws Exception {
        final MocapConfig config = MocapConfig.read(Cameras.sensorsNode("""
            sensors:
              fingertips:
                source: mocap_udp
                bind: 127.0.0.1
                port: 0
                source_id: 4
                max_age_ms: 250
            """, "fingertips"));
        assertEquals(4, config.source());
        assertEquals(250, config.maxAgeMs());
        final ByteBuffer tx = ByteBuffer.allocateDirect(256);
        final UnsafeBuffer txb = new UnsafeBuffer(tx);
        final double[] tips = new double[15];
        try (MocapListener listener = MocapListener.start(config, new VisionErrors(System.err));
             DatagramChannel out = DatagramChannel.open()) {
            for (int seq = 1; seq <= 3; seq++) {
                for (int i = 0; i < 15; i++) {
                    tips[i] = seq + 0.001 * i;
                }
                FingertipPacket.write(txb, 0, seq == 2 ? 5 : 4, seq, Cameras.nowNanos(), tips); // seq 2: another source
                tx.clear().limit(FingertipPacket.LENGTH);
                out.send(tx, listener.address());
            }
            VisionListenerTest.awaitCount(() -> listener.counters().processedCount() == 3);
            final FingertipSample sample = new FingertipSample();
            listener.read(sample);
            assertEquals(2, sample.count);
            assertEquals(3, sample.sequence);
            assertArrayEquals(tips, sample.positions, 0.0);
            assertEquals(1, listener.counters().rejectedCount(Rejection.UNKNOWN_CAMERA));
            assertTrue(System.nanoTime() - sample.captureMonotonicNanos < 10_000_000_000L);
        }
    }
}
