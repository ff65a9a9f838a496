package dev.dexd.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.common.sensing.SensorKind;
import dev.dexd.common.sensing.SourceCounters;
import dev.dexd.common.sensing.SourceState;
import dev.dexd.common.sensing.TimedSample;
import dev.dexd.controller.config.ConfigLoader;
import dev.dexd.controller.log.StepFlags;
import dev.dexd.controller.log.StepLogReader;
import dev.dexd.controller.log.StepRecord;
import dev.dexd.controller.sensing.UdpVisionSource;
import dev.dexd.drivers.sim.SimulatedHand;
import dev.dexd.vision.PosePacket;
import dev.dexd.vision.VisionConfig;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A realtime rehearsal run (RehearsalTest's config, a truth sender at 3 x 30 Hz) fed a flood of
 * packets on its pose port, as fast as one thread can send them, of every bad kind plus well-formed
 * packets from a configured camera claiming a pose far from the cube: the listener counts each by
 * reason, the loop keeps running on the good cameras, and no flood pose reaches a step. The same
 * run without the flood gives the overruns to compare; both are printed (docs/PERFORMANCE.md,
 * "Sensor inputs under a flood"), not asserted: the machine's load decides them.
 */
class SensorFloodTest {
    /** Seconds of each run (4; docs/PERFORMANCE.md's figures: -Ddexd.flood.seconds=20). */
    static final double SECONDS = Double.parseDouble(System.getProperty("dexd.flood.seconds", "4"));
    /** Where the flood's well-formed packets from camera 1 put the cube, in camera 1's frame: a metre or two off. */
    static final double[] FAKE_CAMERA = {1.0, 1.0, -1.0};

    record Run(long steps, long overrunSteps, long skippedPeriods, long policyRan, double nearestFakeM,
               Map<String, Long> rejected, long floodSent) {
        String line() {
            return steps + " ticks, " + overrunSteps + " overrun (" + skippedPeriods + " periods skipped), policy ran "
                + policyRan + ", logged cube poses " + String.format("%.2f", nearestFakeM) + " m or more from the flood's;"
                + " flood packets sent " + floodSent + ", rejected " + rejected;
        }
    }

    @Test
    void aFloodIsCountedAndRejectedAndNoFloodPoseReachesTheLoop(@TempDir Path dir) throws Exception {
        SimRig rig = new SimRig(dir);
        Path config = rig.config("flood", null, "clock: realtime\nperiod_ms: " + RehearsalTest.PERIOD_MS, null, null,
            null, RehearsalTest.rehearsalSensors());
        Run quiet = run(config, false);
        Run flood = run(config, true);
        System.out.println("sensor flood: without: " + quiet.line());
        System.out.println("sensor flood: with:    " + flood.line());

        assertTrue(flood.floodSent() > 10_000, "the flood sent " + flood.floodSent());
        for (String reason : new String[] {"magic", "version", "length", "json", "not_finite", "quaternion_norm",
            "confidence", "unknown_camera", "flood"}) {
            assertTrue(flood.rejected().getOrDefault(reason, 0L) > 0, reason + " rejections counted: " + flood.rejected());
        }
        // the flood's well-formed packets that passed the rate limit lost against the two good cameras
        assertTrue(flood.rejected().getOrDefault("outlier", 0L) > 0, "outliers counted: " + flood.rejected());
        assertTrue(flood.policyRan() > 0, "the policy ran during the flood");
        assertTrue(flood.nearestFakeM() > 0.5, "no flood pose fed a step: nearest " + flood.nearestFakeM() + " m");
        for (String reason : new String[] {"magic", "version", "length", "json", "not_finite", "flood", "sequence"}) {
            assertEquals(0L, quiet.rejected().getOrDefault(reason, 0L), "without the flood no " + reason + " rejections");
        }
    }

    private static Run run(Path config, boolean withFlood) throws Exception {
        VisionConfig cameras = ConfigLoader.load(config).sensors().cubePose().settings(VisionConfig.class);
        Daemon d = Daemon.configure(new Daemon.Options(config, 0, Boolean.FALSE, 3L, null, null), Map.of());
        UdpVisionSource udp = (UdpVisionSource) d.sensors().source(SensorKind.CUBE_POSE);
        // the fake pose in the world: through camera 1's extrinsics, as fusion will see it
        var camera1 = cameras.cameras().get(0);
        double[] fake = new double[3];
        dev.dexd.common.geometry.Quaternions.rotate(camera1.quaternion(), 0, FAKE_CAMERA, 0, fake, 0);
        for (int i = 0; i < 3; i++) {
            fake[i] += camera1.position()[i];
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong floodSent = new AtomicLong();
        Map<String, Long> rejected = new HashMap<>();
        Thread flooder = null;
        try (TruthCameraSender sender = new TruthCameraSender((SimulatedHand) d.hand(), udp.address(),
            cameras.cameras(), 30)) {
            d.start();
            Thread.sleep(500); // the first fused poses before the flood
            if (withFlood) {
                flooder = new Thread(() -> flood(udp.address(), stop, floodSent), "test-flood");
                flooder.start();
            }
            Thread.sleep((long) (SECONDS * 1000));
            stop.set(true);
            if (flooder != null) {
                flooder.join(5_000);
            }
            d.requestStop();
            d.awaitStop(10_000);
            assertNull(sender.failure(), "the test sender failed");
            assertEquals(SourceState.RUNNING, udp.state(), "the listener survived: " + udp.lastError());
            SourceCounters c = udp.counters();
            for (int i = 0; i < c.reasons(); i++) {
                rejected.put(c.reason(i), c.rejected(i));
            }
        } finally {
            stop.set(true);
            d.close();
        }
        assertNull(d.failure(), "the control loop failed");
        long steps = 0;
        long overruns = 0;
        long skipped = 0;
        long ran = 0;
        double nearest = Double.MAX_VALUE;
        try (StepLogReader r = StepLogReader.open(d.logDirectory())) {
            StepLogReader.Entry e;
            double[] p = new double[3];
            while ((e = r.next()) != StepLogReader.Entry.END) {
                if (e != StepLogReader.Entry.STEP) {
                    continue;
                }
                StepRecord s = r.step();
                steps++;
                if ((s.flags() & StepFlags.OVERRUN) != 0) {
                    overruns++;
                    skipped += s.skippedPeriods();
                }
                if ((s.flags() & StepFlags.POLICY_RAN) != 0) {
                    ran++;
                }
                if (s.cubePoseCaptureNanos() != TimedSample.NONE) {
                    s.cubePos().copyTo(p);
                    double dx = p[0] - fake[0];
                    double dy = p[1] - fake[1];
                    double dz = p[2] - fake[2];
                    nearest = Math.min(nearest, Math.sqrt(dx * dx + dy * dy + dz * dz));
                }
            }
        }
        return new Run(steps, overruns, skipped, ran, nearest, rejected, floodSent.get());
    }

    /**
     * Sends, round robin and as fast as it can, one packet of each bad kind and one well-formed
     * packet from camera 1 whose pose (in camera 1's frame: the fake world pose seen through the
     * identity, so it is far from the cube whatever camera 1's extrinsics) is a metre off.
     */
    private static void flood(InetSocketAddress to, AtomicBoolean stop, AtomicLong sent) {
        double[] p = FAKE_CAMERA;
        double[] q = {1, 0, 0, 0};
        byte[][] bad = new byte[8][];
        ByteBuffer[] packets = new ByteBuffer[8];
        bad[0] = packet(b -> b.putByte(0, (byte) 'X'), p, q);                         // magic
        bad[1] = packet(b -> b.putByte(4, (byte) 2), p, q);                           // version
        bad[2] = java.util.Arrays.copyOf(packet(b -> { }, p, q), 50);                 // length
        bad[3] = "{\"camera\": 1, \"seq\":".getBytes(StandardCharsets.UTF_8);         // json
        bad[4] = packet(b -> b.putDouble(20, Double.NaN, ByteOrder.LITTLE_ENDIAN), p, q); // not finite
        bad[5] = packet(b -> b.putDouble(44, 2.0, ByteOrder.LITTLE_ENDIAN), p, q);    // quaternion norm
        bad[6] = packet(b -> b.putFloat(76, 7f, ByteOrder.LITTLE_ENDIAN), p, q);      // confidence
        bad[7] = packet(b -> b.putShort(6, (short) 99, ByteOrder.LITTLE_ENDIAN), p, q); // unknown camera
        for (int i = 0; i < bad.length; i++) {
            packets[i] = ByteBuffer.allocateDirect(bad[i].length).put(bad[i]).flip();
        }
        ByteBuffer good = ByteBuffer.allocateDirect(PosePacket.LENGTH);
        UnsafeBuffer goodBuffer = new UnsafeBuffer(good);
        dev.dexd.vision.WallClock clock = new dev.dexd.vision.WallClock();
        long seq = 1L << 30; // above the good sender's: the rate limit, not the sequence, must stop these
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.connect(to);
            while (!stop.get()) {
                for (ByteBuffer b : packets) {
                    b.rewind();
                    ch.write(b);
                }
                PosePacket.write(goodBuffer, 0, 1, seq++, clock.nanoTime(), p, q, 1f, Float.NaN);
                good.clear().limit(PosePacket.LENGTH);
                ch.write(good);
                sent.addAndGet(packets.length + 1);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] packet(java.util.function.Consumer<UnsafeBuffer> spoil, double[] p, double[] q) {
        UnsafeBuffer b = new UnsafeBuffer(new byte[PosePacket.LENGTH]);
        PosePacket.write(b, 0, 1, 1, System.currentTimeMillis() * 1_000_000L, p, q, 1f, Float.NaN);
        spoil.accept(b);
        return b.byteArray();
    }
}
