package dev.dexd.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** DXFT packets through a real loopback socket into the gate. */
class FingertipGateTest {
    private final VisionCounters counters = new VisionCounters();
    private final FingertipGate gate = new FingertipGate(4, 200, 500, counters);
    private final FingertipSample sample = new FingertipSample();
    private final ByteBuffer tx = ByteBuffer.allocateDirect(256);
    private final UnsafeBuffer txb = new UnsafeBuffer(tx);
    private final ByteBuffer rx = ByteBuffer.allocateDirect(2048);
    private final UnsafeBuffer rxb = new UnsafeBuffer(rx);

    @Test
    void goodPacketsPassAndEveryBadKindIsCounted() throws Exception {
        final double[] tips = new double[15];
        for (int i = 0; i < 15; i++) {
            tips[i] = 0.01 * i - 0.05;
        }
        try (DatagramChannel in = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             DatagramChannel out = DatagramChannel.open()) {
            final InetSocketAddress to = (InetSocketAddress) in.getLocalAddress();
            final long t = Cameras.nowNanos();
            assertTrue(roundTrip(in, out, to, 4, 1, t, tips, 0, FingertipPacket.LENGTH, t));
            assertArrayEquals(tips, sample.positions, 0.0);
            assertEquals(t, sample.captureNanos);
            assertEquals(1, sample.sequence);
            assertTrue(Math.abs(System.nanoTime() - sample.captureMonotonicNanos) < 1_000_000_000L);

            assertFalse(roundTrip(in, out, to, 4, 2, t, tips, 0, FingertipPacket.LENGTH - 1, t));  // length
            assertFalse(roundTrip(in, out, to, 4, 2, t, tips, 0xFF, FingertipPacket.LENGTH, t));  // magic (first byte)
            assertFalse(roundTrip(in, out, to, 4, 2, t, tips, 4, FingertipPacket.LENGTH, t));     // version (byte 4)
            final double[] nan = tips.clone();
            nan[7] = Double.NaN;
            assertFalse(roundTrip(in, out, to, 4, 2, t, nan, 0, FingertipPacket.LENGTH, t));      // not finite
            assertFalse(roundTrip(in, out, to, 5, 2, t, tips, 0, FingertipPacket.LENGTH, t));     // unknown source
            assertFalse(roundTrip(in, out, to, 4, 1, t, tips, 0, FingertipPacket.LENGTH, t));     // sequence
            assertFalse(roundTrip(in, out, to, 4, 3, t - 300_000_000L, tips, 0, FingertipPacket.LENGTH, t)); // too old
            assertTrue(roundTrip(in, out, to, 4, 4, t, tips, 0, FingertipPacket.LENGTH, t));
        }
        assertEquals(1, counters.rejectedCount(Rejection.LENGTH));
        assertEquals(1, counters.rejectedCount(Rejection.MAGIC));
        assertEquals(1, counters.rejectedCount(Rejection.VERSION));
        assertEquals(1, counters.rejectedCount(Rejection.NOT_FINITE));
        assertEquals(1, counters.rejectedCount(Rejection.UNKNOWN_CAMERA));
        assertEquals(1, counters.rejectedCount(Rejection.SEQUENCE));
        assertEquals(1, counters.rejectedCount(Rejection.TOO_OLD));
        assertEquals(2, counters.acceptedCount());
        assertEquals(9, counters.receivedCount());
    }

    @Test
    void aFloodIsCut() {
        final double[] tips = new double[15];
        final long t = Cameras.nowNanos();
        int accepted = 0;
        for (int i = 1; i <= 1000; i++) {
            final int n = FingertipPacket.write(txb, 0, 4, i, t, tips);
            if (gate.accept(txb, 0, n, 1_000_000L + i * 1000L, t, sample)) { // 1 MHz: far above 500 Hz
                accepted++;
            }
        }
        // the burst (50) plus 1 ms at 500 Hz
        assertTrue(accepted <= 51 && accepted >= 50, "accepted " + accepted);
        assertEquals(1000 - accepted, counters.rejectedCount(Rejection.FLOOD));
    }

    /** Sends one packet (its byte {@code corruptAt} changed when nonzero; 0xFF means byte 0), receives it, gates it. */
    private boolean roundTrip(final DatagramChannel in, final DatagramChannel out, final InetSocketAddress to,
                              final int source, final long seq, final long tNs, final double[] tips, final int corruptAt,
                              final int length, final long now) throws Exception {
        FingertipPacket.write(txb, 0, source, seq, tNs, tips);
        if (corruptAt != 0) {
            final int at = corruptAt == 0xFF ? 0 : corruptAt;
            txb.putByte(at, (byte) (txb.getByte(at) + 1));
        }
        tx.clear().limit(length);
        out.send(tx, to);
        rx.clear();
        in.receive(rx);
        return gate.accept(rxb, 0, rx.position(), System.nanoTime(), now, sample);
    }
}
