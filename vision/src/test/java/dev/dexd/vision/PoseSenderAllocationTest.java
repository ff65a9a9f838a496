package dev.dexd.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.junit.jupiter.api.Test;

/** The binary send path (what the simulated cameras call on the sensors thread) allocates nothing per packet. */
class PoseSenderAllocationTest {
    @Test
    void binaryPacketsAllocateNothing() throws Exception {
        try (DatagramChannel receiver = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             PoseSender sender = PoseSender.open("127.0.0.1", ((InetSocketAddress) receiver.getLocalAddress()).getPort())) {
            final PoseEstimate e = Cameras.see(Cameras.config().cameras().get(0), new double[] {0.01, -0.02, 0.25},
                new double[] {1, 0, 0, 0}, 1, Cameras.nowNanos(), 1);
            e.topFaceAngle = 0.1;
            final ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            final long thread = Thread.currentThread().getId();
            long best = Long.MAX_VALUE;
            // best of five windows: a JIT compilation shows in one, a per-packet allocation in all
            for (int window = 0; window < 6; window++) {
                final long before = mx.getThreadAllocatedBytes(thread);
                for (int i = 0; i < 20_000; i++) {
                    e.sequence++;
                    sender.send(e);
                }
                if (window > 0) {
                    best = Math.min(best, mx.getThreadAllocatedBytes(thread) - before);
                }
            }
            assertEquals(0, best, "bytes allocated by 20000 sends");
            // and what arrives is the packet sent (the receive buffer holds at least the first ones)
            receiver.configureBlocking(false);
            final ByteBuffer in = ByteBuffer.allocate(256);
            assertTrue(receiver.receive(in) != null, "a packet arrived");
            assertEquals(PosePacket.LENGTH, in.position());
        }
    }
}
