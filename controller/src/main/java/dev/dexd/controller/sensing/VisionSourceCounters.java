package dev.dexd.controller.sensing;

import dev.dexd.common.sensing.SourceCounters;
import dev.dexd.vision.Rejection;
import dev.dexd.vision.VisionCounters;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/** A UDP listener's counters as a source's: its samples and every {@link Rejection} of vision/ by reason. */
final class VisionSourceCounters implements SourceCounters {
    private final Supplier<VisionCounters> counters;
    private final ToLongFunction<VisionCounters> samples;

    /** @param counters the listener's counters, or null before it is configured */
    VisionSourceCounters(Supplier<VisionCounters> counters, ToLongFunction<VisionCounters> samples) {
        this.counters = counters;
        this.samples = samples;
    }

    @Override
    public long samples() {
        VisionCounters c = counters.get();
        return c == null ? 0 : samples.applyAsLong(c);
    }

    @Override
    public int reasons() {
        return Rejection.count();
    }

    @Override
    public String reason(int i) {
        return Rejection.of(i).key().replace('-', '_');
    }

    @Override
    public long rejected(int i) {
        VisionCounters c = counters.get();
        return c == null ? 0 : c.rejectedCount(Rejection.of(i));
    }
}
