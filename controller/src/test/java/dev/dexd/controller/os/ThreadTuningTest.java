package dev.dexd.controller.os;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ThreadTuningTest {
    @Test
    void pinningToCpuZeroIsGrantedAndReadBack() throws Exception {
        int[] affinity = OnFreshThread.call(() -> {
            OsResult r = ThreadTuning.pinCurrentThread(0);
            assertTrue(r.isGranted(), r.describe());
            return ThreadTuning.affinity();
        });
        assertArrayEquals(new int[] {0}, affinity);
    }

    @Test
    void pinningToACpuThatDoesNotExistIsRefusedWithEinvalNotThrown() throws Exception {
        OsResult r = OnFreshThread.call(() -> ThreadTuning.pinCurrentThread(1000));
        assertEquals(OsResult.Status.REFUSED, r.status());
        assertEquals("EINVAL", r.errnoName());
        assertTrue(r.describe().startsWith("refused: EINVAL ("), r.describe());
        OsResult beyond = ThreadTuning.pinCurrentThread(5000);
        assertEquals(OsResult.Status.REFUSED, beyond.status());
        assertEquals(OsResult.Status.NOT_REQUESTED, ThreadTuning.pinCurrentThread(-1).status());
    }

    @Test
    void fifoIsEitherGrantedAndReadBackOrRefusedWithEperm() throws Exception {
        String outcome = OnFreshThread.call(() -> {
            OsResult r = ThreadTuning.setFifoPriority(10);
            int policy = ThreadTuning.policy();
            int priority = ThreadTuning.priority();
            if (r.isGranted()) {
                assertTrue(ThreadTuning.isFifo(policy), ThreadTuning.policyName(policy));
                assertEquals(10, priority);
                assertTrue(ThreadTuning.setNormalPolicy().isGranted());
                assertEquals("SCHED_OTHER", ThreadTuning.policyName(ThreadTuning.policy()));
            } else {
                assertEquals("EPERM", r.errnoName(), r.describe());
                assertFalse(ThreadTuning.isFifo(policy));
            }
            return r.describe();
        });
        assertTrue(outcome.equals("granted") || outcome.startsWith("refused: EPERM"), outcome);
        assertEquals(OsResult.Status.NOT_REQUESTED, ThreadTuning.setFifoPriority(0).status());
    }

    @Test
    void memoryLockingReturnsAResultAndCanBeUndone() {
        OsResult r = ThreadTuning.lockMemory();
        try {
            assertTrue(r.isGranted() || r.status() == OsResult.Status.REFUSED, r.describe());
            if (!r.isGranted()) {
                assertTrue(r.errnoName().equals("EPERM") || r.errnoName().equals("ENOMEM"), r.describe());
            }
        } finally {
            ThreadTuning.unlockMemory();
        }
    }

    @Test
    void timerSlackAndClockResolutionAreReadBack() throws Exception {
        long slack = OnFreshThread.call(() -> {
            assertTrue(ThreadTuning.setTimerSlack(1).isGranted());
            return ThreadTuning.timerSlackNs();
        });
        assertEquals(1, slack);
        long res = ThreadTuning.clockResolutionNs();
        assertTrue(res >= 1 && res <= 10_000_000, "CLOCK_MONOTONIC resolution " + res);
    }

    @Test
    void theKernelIsDescribedAndPreemptRtMatchesSysfs() throws Exception {
        Kernel k = Kernel.current();
        assertEquals("Linux", k.sysname());
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim(), k.release());
        Path rt = Path.of("/sys/kernel/realtime");
        boolean sysfs = Files.exists(rt) && Files.readString(rt).trim().equals("1");
        assertEquals(sysfs || k.version().contains("PREEMPT_RT"), k.preemptRt());
        assertEquals(Kernel.detectDamon(), k.damonRunning());
    }
}
