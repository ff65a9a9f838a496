package dev.dexd.drivers.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import dev.dexd.drivers.sim.WorldTruth;
import org.junit.jupiter.api.Test;

/** The sensor thread calls onTruth every tick: it must not allocate, or the daemon would collect garbage. */
class SimulatedSensorsAllocationTest {
    private static final int CALLS = 10_000;

    @Test
    void onTruthAllocatesNothingAfterWarmUp() {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counting not supported by this JVM");
        threads.setThreadAllocatedMemoryEnabled(true);

        final SimulatedSensors sensors = new SimulatedSensors(SensorConfig.defaults());
        final WorldTruth truth = new WorldTruth();
        final int[] published = new int[1];
        sensors.reset(1);
        drive(sensors, truth, 0, 50_000, published); // warm-up: class loading, JIT
        sensors.reset(2);
        drive(sensors, truth, 0, 1_000, published);

        final long overheadStart = threads.getCurrentThreadAllocatedBytes();
        final long overhead = threads.getCurrentThreadAllocatedBytes() - overheadStart;
        published[0] = 0;
        final long before = threads.getCurrentThreadAllocatedBytes();
        drive(sensors, truth, 1_000, CALLS, published);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before - overhead;

        assertEquals(0L, allocated, "bytes allocated by 10,000 onTruth calls");
        assertEquals(0x1F, published[0], "every sensor published during the measurement");
    }

    private static void drive(
        final SimulatedSensors sensors, final WorldTruth truth, final long fromTick, final int ticks, final int[] published) {
        for (long i = fromTick; i < fromTick + ticks; i++) {
            TruthScript.moving(truth, i * TruthScript.MS);
            published[0] |= sensors.onTruth(truth);
        }
    }
}
