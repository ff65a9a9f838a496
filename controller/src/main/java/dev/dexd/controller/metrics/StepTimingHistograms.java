package dev.dexd.controller.metrics;

import dev.dexd.controller.log.StepObserver;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Tick lateness and inference time histograms, fed by the logger thread from each step record it
 * appends (the step ring's consumer side), so the control thread pays nothing for them.
 */
public final class StepTimingHistograms implements StepObserver {
    /** 10 us to 100 ms: a 1 kHz loop's jitter up to a 12.5 Hz loop's whole period. */
    static final double[] BOUNDS = {10e-6, 25e-6, 50e-6, 100e-6, 250e-6, 500e-6, 1e-3, 2.5e-3, 5e-3, 10e-3, 25e-3,
        50e-3, 100e-3};

    private final Histogram lateness;
    private final Histogram inference;

    public StepTimingHistograms(PrometheusRegistry registry) {
        lateness = Histogram.builder().name("dexd_tick_lateness_seconds")
            .help("How late each control tick started after its deadline.").classicOnly().classicUpperBounds(BOUNDS)
            .register(registry);
        inference = Histogram.builder().name("dexd_inference_seconds").help("Policy inference time per step.")
            .classicOnly().classicUpperBounds(BOUNDS).register(registry);
    }

    @Override
    public void onStep(long latenessNanos, long inferenceNanos) {
        lateness.observe(Math.max(0, latenessNanos) * 1e-9);
        inference.observe(inferenceNanos * 1e-9);
    }
}
