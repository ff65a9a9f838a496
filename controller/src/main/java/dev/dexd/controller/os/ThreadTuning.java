package dev.dexd.controller.os;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Start-up calls that make the calling thread fit for a periodic loop: pin it to a CPU, give it
 * SCHED_FIFO, lock the process's memory, lower its timer slack; and read back what it has. Each
 * change returns an {@link OsResult} instead of throwing. Linux only (64-bit); elsewhere every
 * change is UNSUPPORTED and every read-back "unknown".
 *
 * <p>pid 0 in the sched_* calls means the calling thread on Linux, so these are per-thread.
 */
public final class ThreadTuning {
    private static final boolean LINUX = Platform.isLinux() && Platform.is64Bit();
    private static final int MAX_CPUS = LibC.CPU_SET_LONGS * 64;

    private ThreadTuning() {
    }

    /** Pins the calling thread to {@code cpu} (sched_setaffinity); a negative cpu means not requested. */
    public static OsResult pinCurrentThread(int cpu) {
        if (cpu < 0) {
            return OsResult.notRequested();
        }
        if (cpu >= MAX_CPUS) {
            return OsResult.refused("CPU " + cpu + " is beyond the " + MAX_CPUS + " CPUs dexd can address");
        }
        if (!LINUX) {
            return unsupported();
        }
        long[] mask = new long[LibC.CPU_SET_LONGS];
        mask[cpu >>> 6] = 1L << (cpu & 63);
        try {
            return check(LibC.sched_setaffinity(0, mask.length * 8L, mask));
        } catch (LinkageError e) {
            return OsResult.unsupported("JNA/libc unavailable: " + e);
        }
    }

    /** Puts the calling thread under SCHED_FIFO at {@code priority} (1-99); 0 means not requested. */
    public static OsResult setFifoPriority(int priority) {
        if (priority <= 0) {
            return OsResult.notRequested();
        }
        return setPolicy(LibC.SCHED_FIFO, priority);
    }

    /** Puts the calling thread back under SCHED_OTHER (undoes {@link #setFifoPriority}). */
    public static OsResult setNormalPolicy() {
        return setPolicy(LibC.SCHED_OTHER, 0);
    }

    /** mlockall(MCL_CURRENT | MCL_FUTURE): no page of the process is swapped or lazily faulted in later. */
    public static OsResult lockMemory() {
        if (!LINUX) {
            return unsupported();
        }
        try {
            return check(LibC.mlockall(LibC.MCL_CURRENT | LibC.MCL_FUTURE));
        } catch (LinkageError e) {
            return OsResult.unsupported("JNA/libc unavailable: " + e);
        }
    }

    /** munlockall: undoes {@link #lockMemory()}. */
    public static OsResult unlockMemory() {
        if (!LINUX) {
            return unsupported();
        }
        try {
            return check(LibC.munlockall());
        } catch (LinkageError e) {
            return OsResult.unsupported("JNA/libc unavailable: " + e);
        }
    }

    /**
     * Sets the calling thread's timer slack (prctl PR_SET_TIMERSLACK): how far the kernel may delay
     * its timed wake-ups to batch them (50 us by default). Needs no permission; SCHED_FIFO threads
     * ignore it.
     */
    public static OsResult setTimerSlack(long ns) {
        if (ns <= 0) {
            return OsResult.notRequested();
        }
        if (!LINUX) {
            return unsupported();
        }
        try {
            return check(LibC.prctl(LibC.PR_SET_TIMERSLACK, ns, 0, 0, 0));
        } catch (LinkageError e) {
            return OsResult.unsupported("JNA/libc unavailable: " + e);
        }
    }

    /** The calling thread's timer slack in ns, or -1 if unknown. */
    public static long timerSlackNs() {
        if (!LINUX) {
            return -1;
        }
        try {
            return LibC.prctl(LibC.PR_GET_TIMERSLACK, 0, 0, 0, 0);
        } catch (LinkageError e) {
            return -1;
        }
    }

    /** The CPUs the calling thread may run on (sched_getaffinity), ascending; empty if unknown. */
    public static int[] affinity() {
        if (!LINUX) {
            return new int[0];
        }
        long[] mask = new long[LibC.CPU_SET_LONGS];
        try {
            if (LibC.sched_getaffinity(0, mask.length * 8L, mask) != 0) {
                return new int[0];
            }
        } catch (LinkageError e) {
            return new int[0];
        }
        int[] cpus = new int[MAX_CPUS];
        int n = 0;
        for (int cpu = 0; cpu < MAX_CPUS; cpu++) {
            if ((mask[cpu >>> 6] & (1L << (cpu & 63))) != 0) {
                cpus[n++] = cpu;
            }
        }
        return Arrays.copyOf(cpus, n);
    }

    /** The calling thread's scheduling policy (sched_getscheduler), or -1 if unknown. */
    public static int policy() {
        if (!LINUX) {
            return -1;
        }
        try {
            return LibC.sched_getscheduler(0);
        } catch (LinkageError e) {
            return -1;
        }
    }

    /** The calling thread's static priority (sched_getparam; 0 under SCHED_OTHER), or -1 if unknown. */
    public static int priority() {
        if (!LINUX) {
            return -1;
        }
        int[] param = new int[1];
        try {
            return LibC.sched_getparam(0, param) == 0 ? param[0] : -1;
        } catch (LinkageError e) {
            return -1;
        }
    }

    /** "SCHED_OTHER", "SCHED_FIFO", ... for a policy number. */
    public static String policyName(int policy) {
        return switch (policy) {
            case LibC.SCHED_OTHER -> "SCHED_OTHER";
            case LibC.SCHED_FIFO -> "SCHED_FIFO";
            case LibC.SCHED_RR -> "SCHED_RR";
            case 3 -> "SCHED_BATCH";
            case 5 -> "SCHED_IDLE";
            case 6 -> "SCHED_DEADLINE";
            case -1 -> "unknown";
            default -> "policy " + policy;
        };
    }

    /** True when {@code policy} is SCHED_FIFO. */
    public static boolean isFifo(int policy) {
        return policy == LibC.SCHED_FIFO;
    }

    /** CLOCK_MONOTONIC's resolution in ns (clock_getres; 1 with high-resolution timers), or -1 if unknown. */
    public static long clockResolutionNs() {
        if (!LINUX) {
            return -1;
        }
        long[] ts = new long[2];
        try {
            return LibC.clock_getres(LibC.CLOCK_MONOTONIC, ts) == 0 ? ts[0] * 1_000_000_000L + ts[1] : -1;
        } catch (LinkageError e) {
            return -1;
        }
    }

    /** uname's sysname, nodename, release, version, machine; "?" where unavailable. */
    static String[] unameFields() {
        String[] fields = {"?", "?", "?", "?", "?"};
        if (!LINUX) {
            fields[0] = System.getProperty("os.name");
            fields[2] = System.getProperty("os.version");
            fields[4] = System.getProperty("os.arch");
            return fields;
        }
        byte[] buf = new byte[6 * LibC.UTSNAME_FIELD];
        try {
            if (LibC.uname(buf) != 0) {
                return fields;
            }
        } catch (LinkageError e) {
            return fields;
        }
        for (int i = 0; i < fields.length; i++) {
            int from = i * LibC.UTSNAME_FIELD;
            int end = from;
            while (end < from + LibC.UTSNAME_FIELD && buf[end] != 0) {
                end++;
            }
            fields[i] = new String(buf, from, end - from, StandardCharsets.UTF_8);
        }
        return fields;
    }

    private static OsResult setPolicy(int policy, int priority) {
        if (!LINUX) {
            return unsupported();
        }
        try {
            return check(LibC.sched_setscheduler(0, policy, new int[] {priority}));
        } catch (LinkageError e) {
            return OsResult.unsupported("JNA/libc unavailable: " + e);
        }
    }

    private static OsResult check(int rc) {
        return rc == 0 ? OsResult.granted() : OsResult.refused(Native.getLastError());
    }

    private static OsResult unsupported() {
        return OsResult.unsupported("not 64-bit Linux (" + System.getProperty("os.name") + ", "
            + System.getProperty("os.arch") + ")");
    }
}
