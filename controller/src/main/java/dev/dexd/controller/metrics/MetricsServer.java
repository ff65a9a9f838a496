package dev.dexd.controller.metrics;

import dev.dexd.controller.config.DexdConfig;
import dev.dexd.controller.counters.DaemonCounters;
import dev.dexd.controller.counters.DexdCounter;
import dev.dexd.controller.log.StepLog;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;

/**
 * The {@code /metrics} endpoint ({@code metrics:} in the config): the Prometheus Java client's HTTP
 * server on its own threads, serving the counters and the step timing histograms. A scrape reads
 * the counters under a lock that {@link #close()} takes before the daemon unmaps them, so a scrape in
 * flight at shutdown reads zeros rather than unmapped memory.
 */
public final class MetricsServer implements AutoCloseable {
    private final Object lock = new Object();
    private final HTTPServer server;
    private final StepLog log;
    private boolean closed;

    private MetricsServer(DexdConfig.Metrics config, DaemonCounters counters, StepLog log) {
        PrometheusRegistry registry = new PrometheusRegistry();
        CounterMetrics.register(registry, c -> read(counters, c));
        SensorMetrics.register(registry, sink -> {
            synchronized (lock) {
                if (!closed) {
                    counters.forEach((type, label, value) -> sink.accept(new SensorMetrics.Entry(type, label, value)));
                }
            }
        });
        this.log = log;
        log.observeSteps(new StepTimingHistograms(registry));
        try {
            server = HTTPServer.builder().inetAddress(InetAddress.getByName(config.bind())).port(config.port())
                .registry(registry).buildAndStart();
        } catch (IOException e) {
            log.observeSteps(null);
            throw new UncheckedIOException("cannot serve metrics on " + config.bind() + ":" + config.port() + ": "
                + e.getMessage() + " (choose another metrics.port, or 0 for any free port)", e);
        }
    }

    /** Starts serving; the step log's logger feeds the histograms from now on. */
    public static MetricsServer start(DexdConfig.Metrics config, DaemonCounters counters, StepLog log) {
        return new MetricsServer(config, counters, log);
    }

    /** The port it listens on (the configured one, or the one picked for port 0). */
    public int port() {
        return server.getPort();
    }

    private long read(DaemonCounters counters, DexdCounter c) {
        synchronized (lock) {
            return closed ? 0 : counters.counter(c).get();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        log.observeSteps(null);
        server.close();
    }
}
