package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.daemon.Daemon;
import dev.dexd.controller.daemon.SimRig;
import dev.dexd.controller.metrics.PrometheusParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dexd stat --prometheus}: a textfile-collector file from a running daemon's counters, read by a real parser. */
class StatPrometheusTest {
    @Test
    void aRunningDaemonsCountersInTheTextFormat(@TempDir Path dir) throws Exception {
        PrometheusParser.assumePython();
        Path config = new SimRig(dir).config("statprom");
        Daemon d = Daemon.configure(new Daemon.Options(config, 100_000, Boolean.TRUE, null, null, null), Map.of());
        CliRunner.Run r;
        long before;
        try {
            d.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (d.counters().steps().get() < 50 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            before = d.counters().steps().get();
            r = CliRunner.run("stat", "--prometheus", "--dir", dir.resolve("counters-statprom").toString());
        } finally {
            d.requestStop();
            d.awaitStop(60_000);
            d.close();
        }
        assertEquals(0, r.exit(), r.err());
        List<PrometheusParser.Sample> samples = PrometheusParser.parse(r.out(), dir);
        assertTrue(PrometheusParser.sample(samples, "dexd_steps_total", "").value() >= before);
        PrometheusParser.sample(samples, "dexd_holds_total", "reason=nonfinite");
        // each sensor source's health, labelled by source and kind
        assertEquals(1.0, PrometheusParser.sample(samples, "dexd_sensor_up", "source=sim").value());
        assertTrue(PrometheusParser.sample(samples, "dexd_sensor_samples_total", "source=sim").value() > 0);
        PrometheusParser.sample(samples, "dexd_sensor_stale_ticks_total", "kind=cube_pose");

        CliRunner.Run gone = CliRunner.run("stat", "--prometheus", "--dir", dir.resolve("counters-statprom").toString());
        assertEquals(1, gone.exit());
        assertEquals("", gone.out(), "nothing for the collector when no daemon runs");
        assertEquals(1, gone.err().lines().count(), gone.err());
    }
}
