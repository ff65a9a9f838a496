package dev.dexd.controller.systemd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real sd_notify peer for tests: Debian's /usr/bin/python3 binds an AF_UNIX datagram socket (Java 17
 * has no Unix datagrams) and prints each datagram's lines; this class stamps them with
 * {@link System#nanoTime()} as they arrive. Bounded: the peer exits after {@code maxSeconds} or on STOPPING=1.
 */
final class NotifyPeer implements AutoCloseable {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    /** One line of one datagram and when it arrived. */
    record Message(long nanos, String line) {
    }

    private static final String SCRIPT = String.join("\n",
        "import socket, sys, time",
        "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
        "s.bind(sys.argv[1])",
        "s.settimeout(0.1)",
        "deadline = time.monotonic() + float(sys.argv[2])",
        "print('bound', flush=True)",
        "while time.monotonic() < deadline:",
        "    try:",
        "        d = s.recv(65536)",
        "    except socket.timeout:",
        "        continue",
        "    for line in d.decode().split('\\n'):",
        "        print(line, flush=True)",
        "    print('--', flush=True)",
        "    if b'STOPPING=1' in d:",
        "        break",
        "");

    private final Process process;
    private final Path socket;
    private final List<Message> messages = new ArrayList<>();
    private final Thread reader;

    NotifyPeer(Path dir, double maxSeconds) throws IOException, InterruptedException {
        socket = dir.resolve("notify.sock");
        Path script = dir.resolve("notify_peer.py");
        Files.writeString(script, SCRIPT);
        process = new ProcessBuilder(PYTHON.toString(), script.toString(), socket.toString(), Double.toString(maxSeconds))
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = in.readLine();
        if (!"bound".equals(first)) {
            throw new IllegalStateException("the python notify peer did not bind " + socket + ": " + first);
        }
        reader = new Thread(() -> {
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (messages) {
                        messages.add(new Message(System.nanoTime(), line));
                    }
                }
            } catch (IOException ignored) {
                // the peer ended
            }
        }, "notify-peer");
        reader.setDaemon(true);
        reader.start();
    }

    Path socket() {
        return socket;
    }

    List<Message> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** Waits until a line starting with {@code prefix} has arrived; returns it, or null after the timeout. */
    Message await(String prefix, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            for (Message m : messages()) {
                if (m.line().startsWith(prefix)) {
                    return m;
                }
            }
            Thread.sleep(20);
        }
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
        process.destroyForcibly();
    }
}
