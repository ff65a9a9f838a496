package dev.dexd.controller.os;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The start-up self-check: applies a {@link RealtimeConfig} to the calling thread (which must be
 * the control thread: affinity and scheduling are per thread), reads back what the OS granted,
 * probes the timers and describes the JVM and the machine. Every permission that is missing
 * becomes a WARNING line naming the fix; the daemon logs the report and carries on.
 *
 * <p>The control thread's timer slack is always lowered to 1 ns (no permission needed; only this
 * thread's timed waits are affected) so that parkNanos wakes closer to where it was asked to.
 */
public final class SelfCheck {
    /** Timer slack given to the control thread. */
    public static final long CONTROL_TIMER_SLACK_NS = 1;

    private static final long PROBE_REQUEST_NS = 10_000;
    private static final long PROBE_BUDGET_NS = 50_000_000;

    private final RealtimeConfig config;
    private final OsResult pinning;
    private final int[] affinity;
    private final OsResult fifo;
    private final int policy;
    private final int priority;
    private final OsResult memoryLock;
    private final OsResult timerSlack;
    private final long timerSlackNs;
    private final long clockResolutionNs;
    private final ParkProbe park;
    private final Kernel kernel;
    private final int cpus;
    private final List<String> warnings = new ArrayList<>();

    SelfCheck(RealtimeConfig config, OsResult pinning, OsResult fifo, OsResult memoryLock, OsResult timerSlack,
              int[] affinity, int policy, int priority, long timerSlackNs, long clockResolutionNs, ParkProbe park,
              Kernel kernel, int cpus) {
        this.config = config;
        this.pinning = pinning;
        this.fifo = fifo;
        this.memoryLock = memoryLock;
        this.timerSlack = timerSlack;
        this.affinity = affinity.clone();
        this.policy = policy;
        this.priority = priority;
        this.timerSlackNs = timerSlackNs;
        this.clockResolutionNs = clockResolutionNs;
        this.park = park;
        this.kernel = kernel;
        this.cpus = cpus;
        collectWarnings();
    }

    /** Applies {@code config} to the calling thread and reports; takes about 50 ms (the park probe). */
    public static SelfCheck run(RealtimeConfig config) {
        int cpus = Runtime.getRuntime().availableProcessors(); // before pinning: the JVM counts this thread's affinity
        OsResult pinning = ThreadTuning.pinCurrentThread(config.cpu());
        OsResult fifo = ThreadTuning.setFifoPriority(config.fifoPriority());
        OsResult memoryLock = config.lockMemory() ? ThreadTuning.lockMemory() : OsResult.notRequested();
        OsResult timerSlack = ThreadTuning.setTimerSlack(CONTROL_TIMER_SLACK_NS);
        return new SelfCheck(config, pinning, fifo, memoryLock, timerSlack, ThreadTuning.affinity(),
            ThreadTuning.policy(), ThreadTuning.priority(), ThreadTuning.timerSlackNs(),
            ThreadTuning.clockResolutionNs(), ParkProbe.measure(PROBE_REQUEST_NS, PROBE_BUDGET_NS), Kernel.current(),
            cpus);
    }

    /** Whether the calling thread now runs only on the requested CPU (read back, not assumed). */
    public boolean pinned() {
        return config.cpu() >= 0 && affinity.length == 1 && affinity[0] == config.cpu();
    }

    /** Whether the calling thread now runs under SCHED_FIFO at the requested priority (read back). */
    public boolean realtime() {
        return config.fifoPriority() > 0 && ThreadTuning.isFifo(policy) && priority == config.fifoPriority();
    }

    public boolean memoryLocked() {
        return memoryLock.isGranted();
    }

    public OsResult pinning() {
        return pinning;
    }

    public OsResult fifo() {
        return fifo;
    }

    public OsResult memoryLock() {
        return memoryLock;
    }

    public OsResult timerSlack() {
        return timerSlack;
    }

    public int[] affinity() {
        return affinity.clone();
    }

    /** The calling thread's scheduling policy as read back (sched_getscheduler). */
    public int policy() {
        return policy;
    }

    public int priority() {
        return priority;
    }

    public long clockResolutionNs() {
        return clockResolutionNs;
    }

    public ParkProbe park() {
        return park;
    }

    public Kernel kernel() {
        return kernel;
    }

    public int cpus() {
        return cpus;
    }

    public RealtimeConfig config() {
        return config;
    }

    /** The WARNING lines (without the prefix), each naming the fix; empty when all was granted. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The report as printed at start-up: one fact per line, then "WARNING: ..." lines. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("cpu pinning    : " + pinningText());
        out.add("real-time      : " + realtimeText());
        out.add("memory lock    : " + (config.lockMemory() ? memoryLock.describe() : "not requested"));
        out.add("timers         : CLOCK_MONOTONIC resolution " + clockResolutionNs + " ns, timer slack "
            + timerSlackNs + " ns; " + park.describe());
        out.add("jdk            : " + jdk());
        out.add("gc             : " + gc());
        out.add("heap           : " + heap());
        out.add("cpus           : " + cpus + " (" + cpuModel() + ")");
        out.add("kernel         : " + kernel.describe() + (kernel.preemptRt() ? " (PREEMPT_RT)" : " (not PREEMPT_RT)")
            + (kernel.damonRunning() ? ", DAMON running" : ""));
        for (String w : warnings) {
            out.add("WARNING: " + w);
        }
        return out;
    }

    /** The report as a map for the log header (strings, numbers, booleans and lists only). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu_requested", config.cpu());
        m.put("cpu_pinned", pinned());
        m.put("cpu_result", pinning.describe());
        m.put("affinity", Arrays.stream(affinity).boxed().collect(Collectors.toList()));
        m.put("fifo_requested", config.fifoPriority());
        m.put("fifo_granted", realtime());
        m.put("fifo_result", fifo.describe());
        m.put("policy", ThreadTuning.policyName(policy));
        m.put("priority", priority);
        m.put("memory_lock_requested", config.lockMemory());
        m.put("memory_locked", memoryLocked());
        m.put("memory_lock_result", memoryLock.describe());
        m.put("timer_slack_ns", timerSlackNs);
        m.put("clock_resolution_ns", clockResolutionNs);
        m.put("park_request_ns", park.requestNs());
        m.put("park_late_p50_ns", park.p50Ns());
        m.put("park_late_p99_ns", park.p99Ns());
        m.put("park_late_max_ns", park.maxNs());
        m.put("jdk", jdk());
        m.put("gc", gc());
        m.put("heap", heap());
        m.put("cpus", cpus);
        m.put("cpu_model", cpuModel());
        m.put("kernel", kernel.describe());
        m.put("preempt_rt", kernel.preemptRt());
        m.put("damon_running", kernel.damonRunning());
        m.put("warnings", List.copyOf(warnings));
        return m;
    }

    private String pinningText() {
        String now = "affinity " + Arrays.toString(affinity);
        if (config.cpu() < 0) {
            return "not requested (" + now + ")";
        }
        return "CPU " + config.cpu() + " " + (pinned() ? "achieved" : "NOT achieved: " + pinning.describe())
            + " (" + now + ")";
    }

    private String realtimeText() {
        String now = ThreadTuning.policyName(policy) + (ThreadTuning.isFifo(policy) ? " priority " + priority : "");
        if (config.fifoPriority() == 0) {
            return "not requested (" + now + ")";
        }
        return "SCHED_FIFO priority " + config.fifoPriority() + " "
            + (realtime() ? "granted" : "NOT granted: " + fifo.describe()) + " (now " + now + ")";
    }

    private void collectWarnings() {
        if (config.cpu() >= 0 && !pinned()) {
            warnings.add("CPU pinning to CPU " + config.cpu() + " not achieved (" + reason(pinning) + "): choose a CPU "
                + "between 0 and " + (cpus - 1) + " that the service may use (systemd CPUAffinity=, cgroup cpuset, "
                + "taskset), or set cpu: -1");
        }
        if (config.fifoPriority() > 0 && !realtime()) {
            warnings.add("real-time priority not granted (" + reason(fifo) + "): run as root, or give the service "
                + "CAP_SYS_NICE / LimitRTPRIO=99 in systemd, or `ulimit -r 99`");
        }
        if (config.lockMemory() && !memoryLocked()) {
            warnings.add("memory not locked (" + reason(memoryLock) + "): LimitMEMLOCK=infinity in systemd or "
                + "`ulimit -l unlimited` (or run as root / CAP_IPC_LOCK)");
        }
        if (kernel.damonRunning()) {
            warnings.add("DAMON memory monitoring is running (kdamond): it scans and pages out memory every sampling "
                + "interval and stalls large processes for milliseconds; turn it off for real-time runs "
                + "(echo off > /sys/kernel/mm/damon/admin/kdamonds/<N>/state, or boot without DAMON_RECLAIM)");
        }
        if (clockResolutionNs > 1_000) {
            warnings.add("CLOCK_MONOTONIC resolution is " + clockResolutionNs + " ns: the kernel has no "
                + "high-resolution timers (CONFIG_HIGH_RES_TIMERS); deadlines cannot be met precisely");
        }
    }

    private static String reason(OsResult r) {
        return r.errno() != 0 ? r.errnoName() : r.status() == OsResult.Status.GRANTED ? "granted but not read back" : r.detail();
    }

    /** The CPU model from /proc/cpuinfo ("model name"), else os.arch. */
    public static String cpuModel() {
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst().orElse(System.getProperty("os.arch"));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return System.getProperty("os.arch");
        }
    }

    /** "17.0.15 Debian, OpenJDK 64-Bit Server VM". */
    public static String jdk() {
        return System.getProperty("java.version") + " " + System.getProperty("java.vendor") + ", "
            + System.getProperty("java.vm.name");
    }

    /** The garbage collectors in use (GarbageCollectorMXBean names). */
    public static String gc() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
            .collect(Collectors.joining(", "));
    }

    private static String heap() {
        Runtime rt = Runtime.getRuntime();
        String flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("-Xm") || a.contains("PreTouch") || a.startsWith("-XX:MaxGCPause"))
            .collect(Collectors.joining(" "));
        return "max " + rt.maxMemory() / (1 << 20) + " MiB, committed " + rt.totalMemory() / (1 << 20) + " MiB"
            + (flags.isEmpty() ? "" : "; " + flags);
    }
}
