package dev.dexd.controller.os;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelfCheckTest {
    @Test
    void theReportMatchesWhatTheThreadReallyHas() throws Exception {
        Object[] seen = OnFreshThread.call(() -> {
            SelfCheck check = SelfCheck.run(new RealtimeConfig(0, 10, false));
            Object[] out = {check, ThreadTuning.policy(), ThreadTuning.affinity()};
            ThreadTuning.setNormalPolicy();
            return out;
        });
        SelfCheck check = (SelfCheck) seen[0];
        int policy = (Integer) seen[1];
        assertTrue(check.pinned(), check.lines().toString());
        assertEquals(Runtime.getRuntime().availableProcessors(), check.cpus(), "the machine's CPUs, not the pinned thread's");
        assertArrayEquals(new int[] {0}, (int[]) seen[2]);
        assertEquals(ThreadTuning.isFifo(policy), check.realtime(), "report agrees with sched_getscheduler");
        assertEquals(check.realtime(), check.warnings().stream().noneMatch(w -> w.startsWith("real-time priority")));
        assertFalse(check.memoryLocked());
        assertEquals(OsResult.Status.NOT_REQUESTED, check.memoryLock().status());
        assertTrue(check.park().samples() > 0 && check.park().p50Ns() <= check.park().maxNs());

        List<String> lines = check.lines();
        for (String key : new String[] {"cpu pinning", "real-time", "memory lock", "timers", "jdk", "gc", "heap", "cpus", "kernel"}) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(key)), key + " in " + lines);
        }
        Map<String, Object> map = check.toMap();
        assertEquals(true, map.get("cpu_pinned"));
        assertEquals(check.realtime(), map.get("fifo_granted"));
        assertEquals(System.getProperty("java.version"), ((String) map.get("jdk")).split(" ")[0]);
    }

    @Test
    void missingPermissionsBecomeWarningsThatNameTheFix() {
        RealtimeConfig wanted = new RealtimeConfig(3, 80, true);
        SelfCheck check = new SelfCheck(wanted, OsResult.refused(22), OsResult.refused(1), OsResult.refused(12),
            OsResult.granted(), new int[] {0, 1}, 0, 0, 1, 1, new ParkProbe(10, 10_000, 60_000, 90_000, 120_000),
            new Kernel("Linux", "6.1.0", "#1 SMP PREEMPT_DYNAMIC", "x86_64", false, false), 2);
        assertFalse(check.pinned());
        assertFalse(check.realtime());
        List<String> w = check.warnings();
        assertEquals(3, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("CPU pinning to CPU 3 not achieved (EINVAL): choose a CPU between 0 and 1"), w.get(0));
        assertEquals("real-time priority not granted (EPERM): run as root, or give the service CAP_SYS_NICE / "
            + "LimitRTPRIO=99 in systemd, or `ulimit -r 99`", w.get(1));
        assertTrue(w.get(2).startsWith("memory not locked (ENOMEM): LimitMEMLOCK=infinity in systemd or `ulimit -l unlimited`"), w.get(2));
        assertTrue(check.lines().stream().filter(l -> l.startsWith("WARNING: ")).count() == 3);
        assertTrue(check.lines().stream().anyMatch(l -> l.contains("(not PREEMPT_RT)")));
    }

    @Test
    void aRunningDamonMonitorIsWarnedAbout() {
        SelfCheck check = new SelfCheck(RealtimeConfig.NONE, OsResult.notRequested(), OsResult.notRequested(),
            OsResult.notRequested(), OsResult.granted(), new int[] {0, 1}, 0, 0, 1, 1,
            new ParkProbe(10, 10_000, 60_000, 90_000, 120_000),
            new Kernel("Linux", "6.18", "#1 SMP PREEMPT_DYNAMIC", "x86_64", false, true), 2);
        assertEquals(1, check.warnings().size());
        assertTrue(check.warnings().get(0).startsWith("DAMON memory monitoring is running (kdamond)"));
    }

    @Test
    void askingForNothingWarnsAboutNothingButTheMachine() throws Exception {
        SelfCheck check = OnFreshThread.call(() -> SelfCheck.run(RealtimeConfig.NONE));
        assertEquals(check.kernel().damonRunning() ? 1 : 0, check.warnings().size(), check.warnings().toString());
        assertTrue(check.lines().get(0).startsWith("cpu pinning    : not requested"), check.lines().get(0));
    }
}
