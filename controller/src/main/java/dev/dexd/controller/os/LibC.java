package dev.dexd.controller.os;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The few libc calls dexd needs, bound once by JNA direct mapping (64-bit Linux: size_t and
 * time_t are Java longs). Structs are primitive arrays: cpu_set_t is long[16] (1024 CPUs),
 * struct sched_param is int[1], struct timespec is long[2], struct utsname is byte[6 * 65].
 * After a call returns -1, {@link Native#getLastError()} holds errno.
 */
final class LibC {
    static final int SCHED_OTHER = 0;
    static final int SCHED_FIFO = 1;
    static final int SCHED_RR = 2;
    static final int MCL_CURRENT = 1;
    static final int MCL_FUTURE = 2;
    static final int CLOCK_MONOTONIC = 1;
    static final int PR_SET_TIMERSLACK = 29;
    static final int PR_GET_TIMERSLACK = 30;
    static final int CPU_SET_LONGS = 16;
    static final int UTSNAME_FIELD = 65;

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    static native int sched_setaffinity(int pid, long cpusetsize, long[] mask);

    static native int sched_getaffinity(int pid, long cpusetsize, long[] mask);

    static native int sched_setscheduler(int pid, int policy, int[] param);

    static native int sched_getscheduler(int pid);

    static native int sched_getparam(int pid, int[] param);

    static native int mlockall(int flags);

    static native int munlockall();

    static native int clock_getres(int clockId, long[] timespec);

    static native int uname(byte[] utsname);

    /** prctl is variadic in glibc; integer arguments pass the same way on x86-64 and aarch64. */
    static native int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    static native String strerror(int errnum);
}
