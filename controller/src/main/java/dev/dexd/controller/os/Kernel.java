package dev.dexd.controller.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The running kernel as uname reports it, whether it is PREEMPT_RT (fully preemptible: the kernel
 * that bounds wake-up latency; a stock kernel can delay a wake-up by milliseconds), and whether a
 * DAMON monitor (kdamond) is running: DAMON samples and pages out memory every sampling interval,
 * and on the VM this was developed on it stalled the Java loop for milliseconds twice a second.
 */
public record Kernel(String sysname, String release, String version, String machine, boolean preemptRt,
                     boolean damonRunning) {
    private static final Path DAMON_KDAMONDS = Path.of("/sys/kernel/mm/damon/admin/kdamonds");

    /** The running kernel; fields are "?" where uname is unavailable. */
    public static Kernel current() {
        String[] f = ThreadTuning.unameFields();
        boolean rt = readRealtimeFlag() || f[3].contains("PREEMPT_RT") || f[3].contains("PREEMPT RT");
        return new Kernel(f[0], f[2], f[3], f[4], rt, detectDamon());
    }

    /** Whether any DAMON kdamond reports state "on" in sysfs. */
    static boolean detectDamon() {
        if (!Files.isDirectory(DAMON_KDAMONDS)) {
            return false;
        }
        try (java.util.stream.Stream<Path> ks = Files.list(DAMON_KDAMONDS)) {
            return ks.map(k -> k.resolve("state")).filter(Files::isRegularFile).anyMatch(Kernel::isOn);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isOn(Path state) {
        try {
            return "on".equals(Files.readString(state, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            return false;
        }
    }

    /** "Linux 6.1.0-18-rt-amd64 #1 SMP PREEMPT_RT ... (x86_64)". */
    public String describe() {
        return sysname + " " + release + " " + version + " (" + machine + ")";
    }

    private static boolean readRealtimeFlag() {
        try {
            return "1".equals(Files.readString(Path.of("/sys/kernel/realtime"), StandardCharsets.US_ASCII).trim());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
