package dev.dexd.controller.daemon;

import dev.dexd.policy.bench.AllocationMeter;
import dev.dexd.policy.onnx.PolicyRunner;

/**
 * Counts what the control thread allocates per step after a warm-up, not counting the arrays ONNX
 * Runtime's Java API allocates inside its call (which dexd cannot avoid): the evidence that the
 * control path itself allocates nothing. Control thread only; read the results after it ended.
 */
final class AllocationWindow {
    private final PolicyRunner runner;
    private final long warmupSteps;
    private long startBytes = -1;
    private long startStep;
    private long bytes;
    private long steps;

    AllocationWindow(PolicyRunner runner, long warmupSteps) {
        this.runner = runner;
        this.warmupSteps = warmupSteps;
    }

    /** Call after each step with the number of steps done so far. */
    void afterStep(long stepsDone) {
        long dexd = AllocationMeter.allocatedBytes() - runner.ortAllocatedBytes();
        if (stepsDone == warmupSteps) {
            startBytes = dexd;
            startStep = stepsDone;
        } else if (startBytes >= 0) {
            bytes = dexd - startBytes;
            steps = stepsDone - startStep;
        }
    }

    /** Bytes allocated by dexd's code on the control thread since the warm-up. */
    long bytes() {
        return bytes;
    }

    /** Steps measured. */
    long steps() {
        return steps;
    }
}
