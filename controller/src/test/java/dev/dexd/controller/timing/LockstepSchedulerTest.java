package dev.dexd.controller.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dexd.drivers.ClockMode;
import org.junit.jupiter.api.Test;

class LockstepSchedulerTest {
    @Test
    void eachTickIsExactlyOnePeriodOfSimulatedTimeAndNeverLate() {
        LockstepScheduler s = new LockstepScheduler(80_000_000);
        assertEquals(0, s.awaitNextTick());
        for (long k = 1; k <= 100_000; k++) {
            assertEquals(k, s.awaitNextTick());
            assertEquals(k * 80_000_000L, s.deadlineNs());
            assertEquals(0, s.latenessNs());
            assertEquals(0, s.skippedPeriods());
        }
        assertEquals(0, s.overruns());
    }

    @Test
    void theSameLoopRunsInBothClockModes() {
        for (ClockMode mode : ClockMode.values()) {
            TickScheduler s = TickScheduler.of(mode, 200_000, 50_000);
            long[] seen = new long[20];
            s.start();
            seen[0] = s.tick();
            for (int i = 1; i < seen.length; i++) {
                seen[i] = s.awaitNextTick();
            }
            assertEquals(0, seen[0], mode.name());
            for (int i = 1; i < seen.length; i++) {
                assertEquals(true, seen[i] > seen[i - 1], mode.name());
            }
        }
    }
}
