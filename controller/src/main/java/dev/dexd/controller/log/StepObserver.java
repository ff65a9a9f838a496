package dev.dexd.controller.log;

/**
 * Sees each step record's timings as the logger thread appends it (the ring's consumer side), for
 * metrics: never called on the control thread. Must not block nor allocate per call.
 */
@FunctionalInterface
public interface StepObserver {
    StepObserver NONE = (latenessNanos, inferenceNanos) -> { };

    void onStep(long latenessNanos, long inferenceNanos);
}
