package dev.dexd.giiker.ble;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real BlueZ protocol peer for tests: a private {@code dbus-daemon} (type system, its own config and
 * socket in a temp dir), python-dbusmock's {@code bluez5} template on it (Debian's python3-dbusmock under
 * /usr/bin/python3), and bluez_peer.py, which adds adapters and cubes with their GATT objects and pushes
 * frames as BlueZ does. Every wait is bounded; {@link #close()} ends all three processes, also after a
 * failure. Skips the test (with the fix) only when dbus-daemon or dbusmock is not installed.
 */
public final class BluezPeer implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";
    static final long START_SECONDS = 30;
    static final long ANSWER_SECONDS = 20;

    private final List<Process> processes = new ArrayList<>();
    private final Path dir;
    private String address;
    private Writer control;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

    private BluezPeer(final Path dir) {
        this.dir = dir;
    }

    /** Starts the bus, dbusmock and the controller in {@code dir} (a test's temp dir). */
    public static BluezPeer start(final Path dir) throws IOException, InterruptedException {
        return start(dir, true);
    }

    /** With {@code bluez} false only the bus runs: a machine where BlueZ is not running. */
    public static BluezPeer start(final Path dir, final boolean bluez) throws IOException, InterruptedException {
        final String daemon = findDbusDaemon();
        assumeTrue(daemon != null, "dbus-daemon is not installed: apt-get install -y dbus-daemon (scripts/ensure-deps.sh)");
        assumeTrue(Files.isExecutable(Path.of(PYTHON)) && run(PYTHON, "-c", "import dbusmock, dbus") == 0,
            "python3-dbusmock is not installed for " + PYTHON + ": apt-get install -y python3-dbusmock"
                + " (scripts/ensure-deps.sh does it)");
        final BluezPeer peer = new BluezPeer(dir);
        try {
            peer.startAll(daemon, bluez);
            return peer;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            peer.close();
            throw e;
        }
    }

    /** The private bus's address, for {@link GiikerLinkConfig#withBusAddress}. */
    public String busAddress() {
        return address;
    }

    /** One command to bluez_peer.py (see its header); returns what follows "ok", fails on "err". */
    public synchronized String command(final String line) {
        try {
            control.write(line + "\n");
            control.flush();
            final String answer = answers.poll(ANSWER_SECONDS, TimeUnit.SECONDS);
            if (answer == null) {
                throw new IllegalStateException("the BlueZ peer did not answer '" + line + "' within "
                    + ANSWER_SECONDS + " s; its log: " + log());
            }
            if (!answer.startsWith("ok")) {
                throw new IllegalStateException("the BlueZ peer failed '" + line + "': " + answer);
            }
            return answer.length() > 3 ? answer.substring(3) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void startAll(final String daemon, final boolean bluez) throws IOException, InterruptedException {
        final Path config = dir.resolve("bus.conf");
        Files.writeString(config, """
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>system</type>
              <listen>unix:path=%s</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow user="*"/>
                <allow own="*"/>
                <allow send_destination="*" eavesdrop="true"/>
                <allow eavesdrop="true"/>
              </policy>
            </busconfig>
            """.formatted(dir.resolve("bus.sock")));
        final Process bus = spawn(List.of(daemon, "--nofork", "--print-address=1", "--config-file=" + config),
            null, "dbus-daemon.log", true);
        address = firstLine(bus, "dbus-daemon");
        if (bluez) {
            startBluez();
        }
    }

    /**
     * bluetoothd restarts: dbusmock (and the controller) end and start again, with no adapter or device
     * until the test adds them anew.
     */
    public synchronized void restartBluez() throws IOException, InterruptedException {
        while (processes.size() > 1) {
            stop(processes.remove(processes.size() - 1));
        }
        answers.clear();
        startBluez();
    }

    private void startBluez() throws IOException, InterruptedException {
        spawn(List.of(PYTHON, "-m", "dbusmock", "--system", "--template", "bluez5"), address, "dbusmock.log", false);
        final Path script = dir.resolve("bluez_peer.py");
        try (InputStream in = BluezPeer.class.getResourceAsStream("bluez_peer.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        final Process ctl = spawn(List.of(PYTHON, script.toString(), address), address, "bluez_peer.log", true);
        control = new java.io.OutputStreamWriter(ctl.getOutputStream(), StandardCharsets.UTF_8);
        final Thread reader = new Thread(() -> pump(ctl), "bluez-peer-answers");
        reader.setDaemon(true);
        reader.start();
        final String ready = answers.poll(START_SECONDS, TimeUnit.SECONDS);
        if (!"ok ready".equals(ready)) {
            throw new IllegalStateException("the BlueZ peer did not start (" + ready + "); logs: " + log());
        }
    }

    private Process spawn(final List<String> cmd, final String bus, final String logName, final boolean pipeOut)
        throws IOException {
        final ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        if (bus != null) {
            pb.environment().put("DBUS_SYSTEM_BUS_ADDRESS", bus);
        }
        pb.redirectError(dir.resolve(logName).toFile());
        if (!pipeOut) {
            pb.redirectOutput(dir.resolve(logName + ".out").toFile());
        }
        final Process p = pb.start();
        processes.add(p);
        return p;
    }

    private String firstLine(final Process p, final String what) throws InterruptedException {
        final BlockingQueue<String> line = new LinkedBlockingQueue<>();
        final Thread t = new Thread(() -> {
            try {
                final BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                final String l = r.readLine();
                line.add(l == null ? "" : l);
            } catch (IOException e) {
                line.add("");
            }
        }, "bluez-peer-" + what);
        t.setDaemon(true);
        t.start();
        final String l = line.poll(START_SECONDS, TimeUnit.SECONDS);
        if (l == null || l.isBlank()) {
            throw new IllegalStateException(what + " did not print its address; log: " + log());
        }
        return l.trim();
    }

    private void pump(final Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                answers.add(l);
            }
        } catch (IOException ignored) {
            // the process ended: close() or a crash, which the next command reports
        }
    }

    /** The peer's logs, for failure messages. */
    public String log() {
        final StringBuilder sb = new StringBuilder();
        for (String name : List.of("dbus-daemon.log", "dbusmock.log", "bluez_peer.log")) {
            try {
                final Path f = dir.resolve(name);
                if (Files.exists(f)) {
                    final String s = Files.readString(f);
                    sb.append('[').append(name).append("] ").append(s.length() > 4000 ? s.substring(s.length() - 4000) : s);
                }
            } catch (IOException ignored) {
                // a log we cannot read adds nothing
            }
        }
        return sb.toString();
    }

    /** Ends the controller, dbusmock and the bus (in that order); waits a bounded time for each. */
    @Override
    public synchronized void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            stop(processes.get(i));
        }
        processes.clear();
    }

    private static void stop(final Process p) {
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String findDbusDaemon() {
        for (String p : List.of("/usr/bin/dbus-daemon", "/bin/dbus-daemon", "/usr/local/bin/dbus-daemon")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    private static int run(final String... cmd) throws IOException, InterruptedException {
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(START_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
