package dev.dexd.controller.console;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Console clients for load tests, in a process of their own (as real clients are: their garbage
 * must not pause the daemon's JVM): {@code clients} connections sending commands ten times a
 * second, one sending e-stop/reset pairs, one sending random bytes, and one watcher at 100 Hz that
 * never reads. Runs for {@code seconds}, then prints one line: {@code answered=N refused=N failures=N}.
 * The e-stops come at a random phase of the control period ({@code periodMs}), so their latencies
 * sample every moment of the period (between ticks, or during one).
 *
 * <p>{@code java -cp <test classpath> dev.dexd.controller.console.ConsoleLoad PORT SECONDS CLIENTS PERIOD_MS}
 */
public final class ConsoleLoad {
    final int port;
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong answered = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    volatile Throwable firstFailure;
    final List<Thread> threads = new ArrayList<>();
    final List<Socket> sockets = new ArrayList<>();

    final int periodMs;

    ConsoleLoad(int port, int periodMs) {
        this.port = port;
        this.periodMs = periodMs;
    }

    public static void main(String[] args) throws Exception {
        ConsoleLoad load = new ConsoleLoad(Integer.parseInt(args[0]), Integer.parseInt(args[3]));
        load.start(Integer.parseInt(args[2]));
        Thread.sleep((long) (Double.parseDouble(args[1]) * 1000));
        load.stop();
        System.out.println("answered=" + load.answered.get() + " refused=" + load.refused.get() + " failures="
            + load.failures.get() + (load.firstFailure == null ? "" : " first=" + load.firstFailure));
    }

    void start(int clients) throws IOException {
        for (int i = 0; i < clients; i++) {
            int id = i;
            spawn("client-" + i, () -> {
                String[] cmds = {"status", "goals list", "help", "stats", "watch 5", "unwatch"};
                try (ConsoleClient c = ConsoleClient.connect("127.0.0.1", port, 10_000)) {
                    for (int k = id; running.get(); k++) {
                        ConsoleClient.Response r = c.send(cmds[k % cmds.length]);
                        (r.ok() ? answered : refused).incrementAndGet();
                        Thread.sleep(100);
                    }
                }
            });
        }
        spawn("estop", () -> {
            Random random = new Random(3);
            try (ConsoleClient c = ConsoleClient.connect("127.0.0.1", port, 10_000)) {
                while (running.get()) {
                    check(c.send("estop"));
                    check(c.send("reset"));
                    Thread.sleep(20 + random.nextInt(periodMs));
                }
            }
        });
        spawn("garbage", () -> {
            Random random = new Random(5);
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                s.setSoTimeout(100);
                OutputStream out = s.getOutputStream();
                byte[] junk = new byte[512];
                byte[] sink = new byte[65536];
                while (running.get()) {
                    random.nextBytes(junk);
                    out.write(junk);
                    out.write('\n');
                    try {
                        s.getInputStream().read(sink);
                    } catch (SocketTimeoutException e) {
                        // nothing to read yet
                    }
                    Thread.sleep(20);
                }
            }
        });
        Socket stalled = new Socket();
        stalled.setReceiveBufferSize(4096);
        stalled.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        stalled.getOutputStream().write("watch 100\n".getBytes(StandardCharsets.US_ASCII));
        sockets.add(stalled);
    }

    private void check(ConsoleClient.Response r) {
        if (!r.ok()) {
            throw new AssertionError(r.status());
        }
        answered.incrementAndGet();
    }

    private void spawn(String name, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                if (running.get()) {
                    failures.incrementAndGet();
                    if (firstFailure == null) {
                        firstFailure = e;
                    }
                }
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(5_000);
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }
}
