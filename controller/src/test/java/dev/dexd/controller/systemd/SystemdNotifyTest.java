package dev.dexd.controller.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.daemon.SimRig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dexd run} as a process under a fake systemd that is a real notify socket: READY=1 after the
 * first tick, STATUS lines, WATCHDOG=1 at about half of WATCHDOG_USEC, none while the loop stalls
 * ({@code perturb stall}), then again, and STOPPING=1 on SIGTERM with exit 0.
 */
class SystemdNotifyTest {
    private static final long WATCHDOG_USEC = 1_000_000;

    @Test
    void readyStatusWatchdogStallAndStopping(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(NotifyPeer.PYTHON), "no /usr/bin/python3 to be the notify peer");
        int port = freePort();
        SimRig rig = new SimRig(dir);
        Path config = rig.config("notify", null, "clock: realtime\nperiod_ms: 20", null, null, null);
        Files.writeString(config, Files.readString(config) + "console:\n  bind: 127.0.0.1\n  port: " + port + "\n");
        Path out = dir.resolve("out.txt");
        try (NotifyPeer peer = new NotifyPeer(dir, 120)) {
            ProcessBuilder pb = new ProcessBuilder(daemonCommand(config)).redirectErrorStream(true)
                .redirectOutput(out.toFile());
            Map<String, String> env = pb.environment();
            env.put(SystemdNotifier.NOTIFY_SOCKET, peer.socket().toString());
            env.put(SystemdNotifier.WATCHDOG_USEC, Long.toString(WATCHDOG_USEC));
            env.remove(SystemdNotifier.WATCHDOG_PID);
            Process p = pb.start();
            try {
                NotifyPeer.Message ready = peer.await("READY=1", 60_000);
                assertNotNull(ready, () -> "no READY=1; daemon output: " + read(out));
                String readyStatus = statusAfter(peer.messages(), ready);
                Matcher step = Pattern.compile("step (\\d+)").matcher(readyStatus);
                assertTrue(step.find() && Long.parseLong(step.group(1)) >= 1,
                    "READY=1 comes after the first tick: " + readyStatus);
                assertTrue(readyStatus.startsWith("running"), readyStatus);
                assertTrue(pingsBefore(peer.messages(), ready.nanos()) == 0, "no watchdog ping before READY");

                Thread.sleep(3_000);
                List<Long> pings = pingTimes(peer.messages());
                assertTrue(pings.size() >= 3, "pings while running: " + pings.size());
                double meanGapMs = (pings.get(pings.size() - 1) - pings.get(0)) / 1e6 / (pings.size() - 1);
                // half of WATCHDOG_USEC is 500 ms: not much more often, and never as late as the watchdog period
                // (a loaded machine may delay the health thread, or the loop, by a little)
                assertTrue(meanGapMs > 300 && meanGapMs < 1000, "mean ping gap " + meanGapMs + " ms");
                assertTrue(peer.messages().stream().filter(m -> m.line().startsWith("STATUS=")).count() >= 2,
                    "STATUS refreshed");

                long stallStart = System.nanoTime();
                assertEquals("OK", console(port, "perturb stall 3000").substring(0, 2));
                Thread.sleep(5_000);
                List<Long> all = pingTimes(peer.messages());
                long longestGap = 0;
                for (int i = 1; i < all.size(); i++) {
                    if (all.get(i) > stallStart) {
                        longestGap = Math.max(longestGap, all.get(i) - all.get(i - 1));
                    }
                }
                assertTrue(longestGap > 2_000_000_000L, "no ping during a 3 s stall (longest gap "
                    + longestGap / 1_000_000 + " ms; systemd would restart dexd)");
                assertTrue(all.get(all.size() - 1) > stallStart + 3_000_000_000L, "pings resume after the stall");

                p.destroy(); // SIGTERM
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stops on SIGTERM");
                assertEquals(0, p.exitValue(), () -> read(out));
                assertNotNull(peer.await("STOPPING=1", 5_000), "STOPPING=1 on stop");
                assertTrue(read(out).contains("watchdog pings withheld: the control loop is not advancing"), read(out));
            } finally {
                p.destroyForcibly();
                p.waitFor();
            }
        }
    }

    private static String statusAfter(List<NotifyPeer.Message> messages, NotifyPeer.Message ready) {
        boolean seen = false;
        for (NotifyPeer.Message m : messages) {
            if (m == ready || m.equals(ready)) {
                seen = true;
            } else if (seen && m.line().startsWith("STATUS=")) {
                return m.line().substring("STATUS=".length());
            } else if (seen && m.line().equals("--")) {
                break;
            }
        }
        return "(no STATUS= with READY=1)";
    }

    private static long pingsBefore(List<NotifyPeer.Message> messages, long nanos) {
        return messages.stream().filter(m -> m.line().equals("WATCHDOG=1") && m.nanos() < nanos).count();
    }

    private static List<Long> pingTimes(List<NotifyPeer.Message> messages) {
        List<Long> t = new ArrayList<>();
        for (NotifyPeer.Message m : messages) {
            if (m.line().equals("WATCHDOG=1")) {
                t.add(m.nanos());
            }
        }
        return t;
    }

    private static String console(int port, String command) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            OutputStream o = s.getOutputStream();
            o.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            o.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
                line.append((char) c);
            }
            return line.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** {@code dexd run} in a JVM of its own, with the test JVM's flags and classpath. */
    static List<String> daemonCommand(Path config, String... runArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle") || arg.startsWith("-Dorg.slf4j")) {
                cmd.add(arg);
            }
        }
        cmd.add("-Djna.library.path=" + System.getProperty("jna.library.path"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.dexd.cli.Dexd");
        cmd.addAll(List.of("run", "--config", config.toString()));
        cmd.addAll(List.of(runArgs));
        return cmd;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
