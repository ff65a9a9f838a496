package dev.dexd.controller.os;

/**
 * What the control thread asks of the OS: pin to {@code cpu} (-1: don't pin), SCHED_FIFO at
 * {@code fifoPriority} (1-99; 0: stay SCHED_OTHER), and whether to lock the process's memory.
 */
public record RealtimeConfig(int cpu, int fifoPriority, boolean lockMemory) {
    /** Ask for nothing: the thread stays as the JVM made it. */
    public static final RealtimeConfig NONE = new RealtimeConfig(-1, 0, false);

    public RealtimeConfig {
        if (cpu < -1) {
            throw new IllegalArgumentException("cpu must be a CPU number or -1 (don't pin), got " + cpu);
        }
        if (fifoPriority < 0 || fifoPriority > 99) {
            throw new IllegalArgumentException("fifoPriority must be 1-99 or 0 (don't), got " + fifoPriority);
        }
    }
}
