package dev.dexd.drivers.bench;

import dev.dexd.drivers.HandDrivers;
import dev.dexd.drivers.hand.HandConfig;
import dev.dexd.drivers.hand.HandDescription;
import dev.dexd.drivers.hand.HandState;
import dev.dexd.drivers.kinematics.FingertipKinematics;
import dev.dexd.drivers.sim.SimulatedHand;
import dev.dexd.drivers.sim.WorldTruth;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;

/**
 * Measures the hand driver on this machine: the cost of one read + write through JNA (lockstep and
 * with the realtime physics thread running), how fast the hand-and-cube simulation steps, and the
 * cost of one fingertip kinematics call on the config's model.
 *
 * <pre>java -Djna.library.path=DIR -cp CLASSPATH dev.dexd.drivers.bench.DriverBench [CONFIG.yaml]</pre>
 */
public final class DriverBench {
    private static final int WARMUP = 50_000;
    private static final int CALLS = 200_000;
    private static final int STEPS = 20_000;

    private DriverBench() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path file = HandConfig.locate(args.length > 0 ? Path.of(args[0]) : null);
        HandConfig config = HandConfig.load(file);
        System.out.printf("config %s, library %s, %d CPUs, Java %s%n", file, config.library(),
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try (SimulatedHand hand = HandDrivers.openSimulated(config.with("clock", "lockstep"))) {
            readWrite("read+write, lockstep", hand);
            stepping(hand, false);
            stepping(hand, true);
        }
        try (SimulatedHand hand = HandDrivers.openSimulated(config.with("clock", "realtime"))) {
            Thread.sleep(200);
            readWrite("read+write, realtime (physics thread running)", hand);
        }
        try (FingertipKinematics fk = FingertipKinematics.open(Path.of(config.option("model").orElseThrow()))) {
            fingertips(fk);
        }
    }

    /** FingertipKinematics.compute with new joint values every call, as the control thread calls it. */
    private static void fingertips(FingertipKinematics fk) {
        double[] joints = new double[HandState.JOINTS];
        double[] tips = new double[FingertipKinematics.FINGERTIPS * 3];
        Histogram h = new Histogram(10_000_000L, 3);
        for (int i = 0; i < WARMUP; i++) {
            wave(joints, i);
            fk.compute(joints, tips);
        }
        long bytes = allocated();
        for (int i = 0; i < CALLS; i++) {
            wave(joints, i);
            long t0 = System.nanoTime();
            fk.compute(joints, tips);
            h.recordValue(System.nanoTime() - t0);
        }
        bytes = allocated() - bytes;
        System.out.printf("%-48s p50 %6.2f us  p99 %6.2f us  p99.9 %6.2f us  max %8.2f us  (%d calls, %.2f bytes"
                + " allocated per call)%n", "fingertip kinematics (compute)", h.getValueAtPercentile(50) / 1e3,
            h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, CALLS,
            (double) bytes / CALLS);
    }

    private static void wave(double[] joints, int i) {
        for (int j = 0; j < joints.length; j++) {
            joints[j] = 0.3 * Math.sin(0.001 * i + j);
        }
    }

    private static void readWrite(String what, SimulatedHand hand) {
        HandState s = new HandState();
        hand.read(s);
        double[] t = s.actuatorPos.clone();
        Histogram h = new Histogram(10_000_000L, 3);
        for (int i = 0; i < WARMUP; i++) {
            hand.read(s);
            hand.write(t);
        }
        long bytes = allocated();
        for (int i = 0; i < CALLS; i++) {
            long t0 = System.nanoTime();
            hand.read(s);
            hand.write(t);
            h.recordValue(System.nanoTime() - t0);
        }
        bytes = allocated() - bytes;
        System.out.printf("%-48s p50 %6.2f us  p99 %6.2f us  p99.9 %6.2f us  max %8.2f us  (%d calls, %.2f bytes"
                + " allocated per call)%n", what, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
            h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, CALLS, (double) bytes / CALLS);
    }

    /** Steps one at a time with a write every 40 steps (an 80 ms control period); busy = fingers sweeping. */
    private static void stepping(SimulatedHand hand, boolean busy) {
        hand.reset(1);
        HandDescription d = hand.describe();
        HandState s = new HandState();
        WorldTruth w = new WorldTruth();
        hand.read(s);
        double[] t = s.actuatorPos.clone();
        Histogram h = new Histogram(100_000_000L, 3);
        long start = System.nanoTime();
        for (int i = 0; i < STEPS; i++) {
            if (i % 40 == 0) {
                if (busy) {
                    sweep(d, i / 40, t);
                }
                hand.write(t);
            }
            long t0 = System.nanoTime();
            hand.step(1);
            h.recordValue(System.nanoTime() - t0);
            hand.read(s);
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        hand.readTruth(w);
        double stepsPerSecond = STEPS / seconds;
        System.out.printf("%-48s %8.0f steps/s  real-time factor %5.1f  step p50 %6.1f us  p99 %6.1f us"
                + "  max %7.1f us  (cube %s)%n", busy ? "simulation, all actuators sweeping" : "simulation, hand holding the cube",
            stepsPerSecond, stepsPerSecond * hand.timestepNanos() * 1e-9, h.getValueAtPercentile(50) / 1e3,
            h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3, w.cubePos[2] > 0.15 ? "on the palm" : "dropped");
    }

    private static void sweep(HandDescription d, int tick, double[] out) {
        for (int a = 0; a < out.length; a++) {
            double mid = 0.5 * (d.actuatorMin(a) + d.actuatorMax(a));
            double half = 0.5 * (d.actuatorMax(a) - d.actuatorMin(a));
            out[a] = mid + 0.6 * half * Math.sin(0.1 * tick * (1 + a % 5));
        }
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
