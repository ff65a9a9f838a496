package dev.dexd.controller.console;

import dev.dexd.controller.config.DexdConfig;
import java.util.concurrent.atomic.AtomicLong;

/** What every connection of one server shares; all of it used on the server's one event loop. */
final class ConsoleShared {
    final DexdConfig.Console config;
    final ConsoleBackend backend;
    final ConsoleLog log;
    final Poller poller;
    final Latencies latencies;
    final ControlRequests control;
    final WorkRequests work;
    final AtomicLong dropped = new AtomicLong();
    /** A flush of the log's connection-event count is scheduled (event loop only). */
    boolean connectionFlushScheduled;

    ConsoleShared(DexdConfig.Console config, ConsoleBackend backend, Poller poller) {
        this.config = config;
        this.backend = backend;
        this.log = new ConsoleLog(backend);
        this.poller = poller;
        this.latencies = new Latencies();
        this.control = new ControlRequests(backend, latencies);
        this.work = new WorkRequests(backend, control, latencies);
    }
}
