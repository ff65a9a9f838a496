package dev.dexd.vision;

import dev.dexd.common.concurrent.TripleBuffer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.channels.DatagramChannel;
import org.junit.jupiter.api.Test;

/** The binary path (decode, validate, fuse, publish) allocates nothing per packet. */
class VisionAgentAllocationTest {
    @Test
    void binaryPacketsAllocateNothing() throws Exception {
        final VisionConfig config = Cameras.config().withRate(1e9);
        final VisionCounters counters = new VisionCounters();
        final WallClock clock = new WallClock();
        final double[] p = {0.01, -0.02, 0.25};
        final double[] q = {1, 0, 0, 0};
        final PoseEstimate[] seen = new PoseEstimate[3];
        for (int i = 0; i < 3; i++) {
            seen[i] = Cameras.see(config.cameras().get(i), p, q, 0, 0, 1);
        }
        final ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        try (DatagramChannel unused = DatagramChannel.open()) {
            final VisionAgent agent = new VisionAgent(unused, config, new TripleBuffer<>(FusedPose::new, (from, into) -> into.copyFrom(from)), counters, clock, new VisionErrors(System.err));
            long seq = 0;
            long best = Long.MAX_VALUE;
            // best of five windows: a JIT compilation or the clock's once-a-second resample shows in one, a per-packet allocation in all
            for (int window = 0; window < 6; window++) {
                final long before = mx.getThreadAllocatedBytes(thread);
                for (int i = 0; i < 30_000; i++) {
                    final PoseEstimate e = seen[i % 3];
                    if (i % 3 == 0) {
                        seq++;
                    }
                    PosePacket.write(agent.receiveBuffer(), 0, e.camera, seq, clock.nanoTime(), e.position, e.quaternion, 0.9f, 0.1f);
                    agent.onDatagram(PosePacket.LENGTH, System.nanoTime());
                }
                if (window > 0) {
                    best = Math.min(best, mx.getThreadAllocatedBytes(thread) - before);
                }
            }
            assertEquals(0, best, "bytes allocated by 30000 packets");
            assertEquals(counters.receivedCount(), counters.fusedCount(), counters.toString());
        }
    }
}
