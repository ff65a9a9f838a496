package dev.dexd.controller.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.counters.DexdCounter;
import dev.dexd.controller.daemon.Daemon;
import dev.dexd.controller.daemon.SimRig;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running daemon's /metrics, scraped over loopback and read by a real Prometheus text-format parser. */
class MetricsServerTest {
    @Test
    void aScrapeParsesAndCarriesTheCountersAndTimingHistograms(@TempDir Path dir) throws Exception {
        PrometheusParser.assumePython();
        Path config = new SimRig(dir).config("metrics");
        Files.writeString(config, Files.readString(config) + "metrics:\n  enabled: true\n  bind: 127.0.0.1\n  port: 0\n");
        Daemon d = Daemon.configure(new Daemon.Options(config, 100_000, Boolean.TRUE, null, null, null), Map.of());
        String text;
        long stepsBefore;
        try {
            d.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (d.counters().steps().get() < 200 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            stepsBefore = d.counters().steps().get();
            assertTrue(d.metricsPort() > 0);
            HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + d.metricsPort() + "/metrics")
                .openConnection();
            c.setConnectTimeout(10_000);
            c.setReadTimeout(10_000);
            assertEquals(200, c.getResponseCode());
            assertTrue(c.getContentType().startsWith("text/plain"), c.getContentType());
            try (InputStream in = c.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            d.requestStop();
            d.awaitStop(60_000);
            d.close();
        }
        List<PrometheusParser.Sample> samples = PrometheusParser.parse(text, dir);
        double steps = PrometheusParser.sample(samples, "dexd_steps_total", "").value();
        assertTrue(steps >= stepsBefore, steps + " steps scraped, " + stepsBefore + " before");
        assertEquals("counter", samples.stream().filter(s -> s.family().equals("dexd_steps")).findFirst().orElseThrow().type());
        PrometheusParser.sample(samples, "dexd_holds_total", "reason=stale_sensor");
        PrometheusParser.sample(samples, "dexd_faults_total", "kind=driver");
        PrometheusParser.sample(samples, "dexd_estop_latched", "");
        PrometheusParser.sample(samples, "dexd_estops_total", "");
        PrometheusParser.sample(samples, "dexd_lost_log_records_total", "");
        assertEquals(2, PrometheusParser.sample(samples, "dexd_state", "").value(), "running");
        for (String h : List.of("dexd_tick_lateness_seconds", "dexd_inference_seconds")) {
            double count = PrometheusParser.sample(samples, h + "_count", "").value();
            assertTrue(count > 0, h + " observed the logged steps: " + count);
            assertEquals(count, PrometheusParser.sample(samples, h + "_bucket", "le=+Inf").value());
            assertEquals("histogram", samples.stream().filter(s -> s.family().equals(h)).findFirst().orElseThrow().type());
        }
        Set<String> families = samples.stream().map(PrometheusParser.Sample::family).collect(Collectors.toSet());
        for (DexdCounter counter : DexdCounter.values()) {
            assertTrue(families.contains(CounterMetrics.of(counter).family()), counter + " is exported");
        }
    }
}
