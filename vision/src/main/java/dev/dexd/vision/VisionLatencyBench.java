package dev.dexd.vision;

import dev.dexd.common.concurrent.TripleBuffer;
import dev.dexd.common.geometry.Quaternions;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * How long from a pose packet's arrival to the fused pose being readable by the control step,
 * over real loopback UDP: three cameras at 30 Hz each (with different extrinsics, sending what they
 * would see of one cube pose), and the same under a flood of packets from an unknown camera and
 * with a wrong magic, sent as fast as one thread can. Two intervals per fused pose, both on
 * {@code System.nanoTime()} in this one process: {@code arrival -> readable} (the listener took the
 * datagram off the socket -> the pose was published to the mailbox) and {@code send -> readable}
 * (the sender's call -> published: adds the kernel's loopback path, the listener thread's wake-up
 * and, under a flood, the queue of flood packets ahead of it). A reader thread polls the mailbox as
 * the control step would. A first phase measures the processing alone (decode, validate, fuse,
 * publish: {@link VisionAgent#onDatagram} called in a loop, no socket, no thread hand-over).
 * Bounded: {@code [seconds per phase]} (default 20).
 *
 * <p>Run: see docs/PERFORMANCE.md ("Vision ingestion").
 */
public final class VisionLatencyBench {
    private static final int CAMERAS = 3;
    private static final int MAX_SEQ = 1 << 20;

    private VisionLatencyBench() {
    }

    public static void main(final String[] args) throws Exception {
        final double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        System.out.printf(Locale.ROOT, "vision latency: 3 cameras x 30 Hz, %.0f s per phase, %d CPUs%n", seconds,
            Runtime.getRuntime().availableProcessors());
        processing(1_000_000);
        phase("warm-up", Math.min(5, seconds), false);
        phase("3 cameras x 30 Hz", seconds, false);
        phase("3 cameras x 30 Hz + flood", seconds, true);
    }

    private static void phase(final String name, final double seconds, final boolean flood) throws Exception {
        final VisionConfig config = benchConfig();
        final long[][] sentNanos = new long[CAMERAS + 1][MAX_SEQ];
        final Histogram arrival = new Histogram(3_600_000_000_000L, 3);
        final Histogram send = new Histogram(3_600_000_000_000L, 3);
        final AtomicBoolean running = new AtomicBoolean(true);
        long floodSent = 0;
        try (VisionListener listener = VisionListener.start(config)) {
            final int port = listener.address().getPort();
            final Thread reader = new Thread(() -> {
                final FusedPose pose = new FusedPose();
                long last = 0;
                while (running.get()) {
                    listener.read(pose);
                    if (pose.count != last) {
                        last = pose.count;
                        arrival.recordValue(pose.publishedNanos - pose.arrivalNanos);
                        final long sent = sentNanos[pose.camera][(int) pose.sequence];
                        if (sent != 0) {
                            send.recordValue(Math.max(0, pose.publishedNanos - sent));
                        }
                    }
                    LockSupport.parkNanos(20_000);
                }
            }, "bench-reader");
            reader.start();
            final Thread cameras = new Thread(() -> sendCameras(config.cameras(), port, seconds, sentNanos, running),
                "bench-cameras");
            cameras.start();
            final long[] flooded = new long[1];
            final Thread flooder = new Thread(() -> flooded[0] = flood ? flood(port, running) : 0, "bench-flood");
            flooder.start();
            cameras.join();
            running.set(false);
            flooder.join();
            reader.join();
            floodSent = flooded[0];
            final VisionCounters c = listener.counters();
            System.out.printf(Locale.ROOT, "%-28s fused %6d  arrival->readable p50 %6.1f p99 %6.1f max %7.1f us"
                    + "  send->readable p50 %6.1f p99 %7.1f max %8.1f us%n", name, arrival.getTotalCount(),
                arrival.getValueAtPercentile(50) / 1e3, arrival.getValueAtPercentile(99) / 1e3, arrival.getMaxValue() / 1e3,
                send.getValueAtPercentile(50) / 1e3, send.getValueAtPercentile(99) / 1e3, send.getMaxValue() / 1e3);
            System.out.printf(Locale.ROOT, "%-28s flood sent %d (%.0f/s); listener: %s%n", "", floodSent,
                floodSent / seconds, c);
        }
    }

    /** The listener's own work per packet, timed around {@link VisionAgent#onDatagram}: three cameras in turn. */
    private static void processing(final int packets) throws Exception {
        final VisionConfig config = benchConfig().withRate(1e9);
        final WallClock clock = new WallClock();
        final VisionCounters counters = new VisionCounters();
        final Histogram h = new Histogram(3_600_000_000_000L, 3);
        try (java.nio.channels.DatagramChannel unused = java.nio.channels.DatagramChannel.open()) {
            final VisionAgent agent = new VisionAgent(unused, config, new TripleBuffer<>(FusedPose::new, (from, into) -> into.copyFrom(from)), counters, clock,
                new VisionErrors(System.err));
            final double[] p = {0.01, -0.02, 0.25};
            final double[] q = new double[4];
            Quaternions.fromAxisAngle(0.6, 0.0, 0.8, 1.2, q, 0);
            final PoseEstimate[] seen = new PoseEstimate[CAMERAS];
            for (int i = 0; i < CAMERAS; i++) {
                seen[i] = see(config.cameras().get(i), p, q);
            }
            for (int i = 0; i < packets; i++) {
                final PoseEstimate e = seen[i % CAMERAS];
                final long t0 = System.nanoTime();
                PosePacket.write(agent.receiveBuffer(), 0, e.camera, i / CAMERAS + 1, clock.nanoTime(), e.position,
                    e.quaternion, 0.9f, Float.NaN);
                agent.onDatagram(PosePacket.LENGTH, t0);
                h.recordValue(System.nanoTime() - t0);
            }
        }
        System.out.printf(Locale.ROOT, "%-28s packets %d  p50 %6.2f p99 %6.2f p99.9 %6.2f max %7.1f us  (%s)%n",
            "processing only", h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
            h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, counters.fusedCount() == packets ? "all fused" : counters);
    }

    private static VisionConfig benchConfig() {
        return VisionConfig.read(dev.dexd.common.config.StrictYaml.parse(
            new dev.dexd.common.config.ConfigSource("bench", java.nio.file.Path.of("bench.yaml"), """
                cameras:
                  - {id: 1, position: [0.0, -0.45, 0.35], quaternion: [1, 0, 0, 0]}
                  - {id: 2, position: [0.0, 0.45, 0.35], quaternion: [0, 0, 0, 1]}
                  - {id: 3, position: [0.05, 0.0, 0.80], quaternion: [0.5, 0.5, -0.5, 0.5]}
                port: 0
                """)));
    }

    private static void sendCameras(final List<CameraConfig> cams, final int port, final double seconds,
                                    final long[][] sentNanos, final AtomicBoolean running) {
        final double[] p = {0.01, -0.02, 0.25};
        final double[] q = new double[4];
        Quaternions.fromAxisAngle(0.6, 0.0, 0.8, 1.2, q, 0);
        final PoseEstimate[] seen = new PoseEstimate[CAMERAS];
        for (int i = 0; i < CAMERAS; i++) {
            seen[i] = see(cams.get(i), p, q);
        }
        final WallClock clock = new WallClock();
        final long period = 1_000_000_000L / 30;
        final long start = System.nanoTime();
        final long end = start + (long) (seconds * 1e9);
        try (PoseSender sender = PoseSender.open("127.0.0.1", port)) {
            for (int k = 0; ; k++) {
                // the three cameras' frames are spread over the period, as unsynchronised cameras are
                final int cam = k % CAMERAS;
                final long due = start + (k / CAMERAS) * period + cam * period / CAMERAS;
                if (due > end || k / CAMERAS + 1 >= MAX_SEQ) {
                    break;
                }
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                final PoseEstimate e = seen[cam];
                e.sequence = k / CAMERAS + 1;
                e.captureNanos = clock.nanoTime();
                sentNanos[cam + 1][(int) e.sequence] = System.nanoTime();
                sender.send(e);
            }
        }
    }

    /** Unknown-camera and bad-magic packets as fast as this thread can send them, until the cameras are done. */
    private static long flood(final int port, final AtomicBoolean running) {
        final PoseEstimate e = new PoseEstimate();
        e.camera = 9;
        e.quaternion[0] = 1;
        e.confidence = 1;
        final byte[] garbage = new byte[84];
        long n = 0;
        try (PoseSender sender = PoseSender.open("127.0.0.1", port)) {
            final WallClock clock = new WallClock();
            while (running.get()) {
                e.sequence = n;
                e.captureNanos = clock.nanoTime();
                if ((n & 1) == 0) {
                    sender.send(e);
                } else {
                    sender.sendBytes(garbage);
                }
                n++;
            }
        }
        return n;
    }

    private static PoseEstimate see(final CameraConfig c, final double[] p, final double[] q) {
        final double[] conj = {c.quaternion()[0], -c.quaternion()[1], -c.quaternion()[2], -c.quaternion()[3]};
        final double[] d = {p[0] - c.position()[0], p[1] - c.position()[1], p[2] - c.position()[2]};
        final PoseEstimate e = new PoseEstimate();
        Quaternions.rotate(conj, 0, d, 0, e.position, 0);
        Quaternions.multiply(conj, 0, q, 0, e.quaternion, 0);
        e.camera = c.id();
        e.confidence = 0.9;
        return e;
    }
}
