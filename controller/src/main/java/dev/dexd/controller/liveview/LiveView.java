package dev.dexd.controller.liveview;

import dev.dexd.controller.channels.RunChannels;
import dev.dexd.controller.config.DexdConfig;
import dev.dexd.controller.log.EventRecord;
import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.HeaderRecord;
import dev.dexd.controller.log.StepLogException;
import dev.dexd.controller.log.StepLogReader;
import dev.dexd.controller.log.StepRecord;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * The live view (config {@code live_view:}): the running daemon's log as Foxglove channels over a
 * WebSocket. Fed from the consumer side of the log, never by the control thread: its own thread,
 * {@code dexd-liveview}, tails the run's Chronicle Queue ({@link StepLogReader#poll}) as the logger
 * appends to it, publishes the step channels at most {@code rate_hz} times a second (the latest step
 * at that moment) and every event as it comes. A failure here stops the live view only; the daemon
 * goes on. See docs/replay.md, "Live view in Foxglove".
 */
public final class LiveView implements AutoCloseable {
    private static final long IDLE_NANOS = 1_000_000;

    private final DexdConfig.LiveView config;
    private final HeaderRecord header;
    private final Path logDir;
    private StepLogReader reader;
    private LiveViewServer server;
    private Thread thread;
    private volatile boolean stop;
    private volatile boolean ended;
    private volatile long published;
    private volatile Throwable failure;

    /**
     * @param header the run's header (the logger thread writes it to the queue when it starts)
     * @param logDir the run's log directory
     */
    public LiveView(DexdConfig.LiveView config, HeaderRecord header, Path logDir) {
        this.config = config;
        this.header = header;
        this.logDir = logDir;
    }

    /**
     * Listens, and starts the publishing thread (which opens the log once its header is there).
     *
     * @throws dev.dexd.controller.config.ConfigException (one line) when the address cannot be listened on
     */
    public void start() {
        server = new LiveViewServer(config, new LiveChannels(header));
        server.start();
        thread = new Thread(this::run, "dexd-liveview");
        thread.setDaemon(true);
        thread.start();
    }

    /** The port listened on. */
    public int port() {
        return server.port();
    }

    /** Clients connected now. */
    public int clients() {
        return server.clients();
    }

    /** Clients closed because they did not read fast enough. */
    public long droppedClients() {
        return server.droppedClients();
    }

    /** Steps published so far (at most rate_hz a second). */
    public long publishedSteps() {
        return published;
    }

    /** Why the live view stopped early, or null. */
    public Throwable failure() {
        return failure;
    }

    /** The log's header is written by the logger thread when it starts: wait for it. */
    private boolean open() {
        while (!stop) {
            try {
                reader = StepLogReader.open(logDir);
                return true;
            } catch (StepLogException e) {
                if (!e.getMessage().contains("no Chronicle Queue files") && !e.getMessage().contains("queue is empty")) {
                    throw e;
                }
            }
            LockSupport.parkNanos(10_000_000);
        }
        return false;
    }

    private void run() {
        try {
            if (!open()) {
                return;
            }
            long period = (long) (1e9 / config.rateHz());
            long next = System.nanoTime();
            LiveChannels ch = server.channels();
            int[] stepChannels = ch.stepChannels();
            while (!stop) {
                StepLogReader.Entry e = reader.poll();
                if (e == null) {
                    LockSupport.parkNanos(IDLE_NANOS);
                } else if (e == StepLogReader.Entry.END) {
                    ended = true;
                    return;
                } else if (e == StepLogReader.Entry.STEP) {
                    StepRecord r = reader.step();
                    long ts = ch.stepTime(r);
                    long now = System.nanoTime();
                    if (now - next >= 0) {
                        // on a fixed grid, so steps that do not fall on it do not slow the rate; after a stall, restart it
                        next = now - next > period ? now + period : next + period;
                        published++;
                        if (server.clients() > 0) {
                            for (int id : stepChannels) {
                                server.publish(id, ts, ch.stepMessage(id, r, ts));
                            }
                        }
                    }
                } else {
                    EventRecord ev = reader.event();
                    if (ev.type() != EventType.SHUTDOWN && server.clients() > 0) {
                        server.publish(RunChannels.EVENTS, ch.eventTime(ev), ch.eventMessage(ev));
                    }
                }
            }
        } catch (Throwable t) {
            failure = t;
            System.err.println("live view stopped: " + t.getMessage() + " (the daemon goes on; the log is intact)");
        } finally {
            if (reader != null) {
                reader.close(); // the reader is this thread's alone
            }
        }
    }

    /**
     * Stops: waits up to {@code waitMillis} for the thread to publish up to the log's trailer (call
     * after the log was closed), then stops the thread (which closes its reader) and the server.
     */
    public void close(long waitMillis) {
        if (thread != null) {
            long until = System.nanoTime() + waitMillis * 1_000_000L;
            while (!ended && thread.isAlive() && System.nanoTime() - until < 0) {
                LockSupport.parkNanos(5_000_000);
            }
            stop = true;
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    public void close() {
        close(0);
    }
}
