package dev.dexd.policy.bench;

import ai.onnxruntime.OrtException;
import dev.dexd.policy.PolicyStep;
import dev.dexd.policy.observation.SensorSnapshot;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;

/**
 * Measures, in one run and interleaved step by step so that both see the same machine state:
 * (a) the bare ORT call with pinned outputs and (b) the full policy step (assemble, run, decode),
 * and the bytes each allocates, plus the bytes dexd's own part (assemble and decode) allocates.
 */
public final class PolicyBenchmark {
    private final PolicyStep step;
    private final SensorSnapshot sensors = new SensorSnapshot();
    private final SplittableRandom random = new SplittableRandom(7);
    private final double[] current;
    private final double[] targets;
    private final Histogram bare = new Histogram(3_600_000_000_000L, 3);
    private final Histogram full = new Histogram(3_600_000_000_000L, 3);
    private long bareBytes;
    private long fullBytes;
    private long dexdBytes;

    public PolicyBenchmark(PolicyStep step) {
        this.step = step;
        int actuators = step.bins().length;
        this.current = new double[actuators];
        this.targets = new double[actuators];
    }

    /** Latency histograms (ns) and allocation totals of one benchmark run. */
    public record Result(Histogram bare, Histogram full, long steps, long bareBytes, long fullBytes, long dexdBytes) {
        public double bareBytesPerStep() {
            return (double) bareBytes / steps;
        }

        public double fullBytesPerStep() {
            return (double) fullBytes / steps;
        }

        public double dexdBytesPerStep() {
            return (double) dexdBytes / steps;
        }

        /** Full step p50 over bare call p50. */
        public double ratioP50() {
            return (double) full.getValueAtPercentile(50) / bare.getValueAtPercentile(50);
        }
    }

    /**
     * @param warmup steps run first and not measured (JIT, caches)
     * @param steps measured steps
     * @param progress called with the measured step count now and then
     */
    public Result run(int warmup, int steps, LongConsumer progress) throws OrtException {
        for (int i = 0; i < warmup; i++) {
            once(false);
        }
        bare.reset();
        full.reset();
        bareBytes = fullBytes = dexdBytes = 0;
        for (int i = 0; i < steps; i++) {
            once(true);
            if ((i & 1023) == 1023) {
                progress.accept(i + 1);
            }
        }
        return new Result(bare.copy(), full.copy(), steps, bareBytes, fullBytes, dexdBytes);
    }

    private void once(boolean measure) throws OrtException {
        perturbSensors();

        long m0 = AllocationMeter.allocatedBytes();
        long t0 = System.nanoTime();
        step.runner().runWithoutSwap();
        long t1 = System.nanoTime();
        long m1 = AllocationMeter.allocatedBytes();

        long t2 = System.nanoTime();
        step.step(sensors, current, targets);
        long t3 = System.nanoTime();
        long m2 = AllocationMeter.allocatedBytes();

        // dexd's own part alone: assemble and decode, no ORT call
        step.assembler().assemble(sensors, step.rawObservation(), step.observation());
        step.decoder().decode(step.logits(), current, targets, step.bins());
        long m3 = AllocationMeter.allocatedBytes();

        System.arraycopy(targets, 0, current, 0, current.length);
        if (measure) {
            bare.recordValue(t1 - t0);
            full.recordValue(t3 - t2);
            bareBytes += m1 - m0;
            fullBytes += m2 - m1;
            dexdBytes += m3 - m2;
        }
    }

    /** Sensor values that move a little every step, as real ones do (no allocation). */
    private void perturbSensors() {
        for (int i = 0; i < sensors.fingertipPos.length; i++) {
            sensors.fingertipPos[i] = 0.05 + 0.01 * random.nextDouble();
        }
        sensors.cubePos[0] = 0.01 * random.nextDouble();
        sensors.cubePos[1] = -0.01;
        sensors.cubePos[2] = 0.35 + 0.005 * random.nextDouble();
        double a = random.nextDouble() * Math.PI;
        sensors.cubeQuat[0] = Math.cos(a / 2);
        sensors.cubeQuat[3] = Math.sin(a / 2);
        for (int i = 0; i < 6; i++) {
            sensors.cubeFaceAngles[i] = 0.1 * (random.nextDouble() - 0.5);
        }
        sensors.goalFaceAngles[0] = Math.PI / 2;
    }
}
