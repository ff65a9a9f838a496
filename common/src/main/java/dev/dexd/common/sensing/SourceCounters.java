package dev.dexd.common.sensing;

/**
 * What a source counts, readable from any thread without locks: samples it published, and inputs it
 * rejected, by reason (each source names its own reasons: "bad_magic", "checksum", ...). The control
 * step counts staleness per kind itself (it is the one that decides a sample is too old).
 */
public interface SourceCounters {
    /** Samples published (for a fused source: fused samples). */
    long samples();

    /** Number of rejection reasons this source has. */
    int reasons();

    /** The snake_case name of reason {@code i}. */
    String reason(int i);

    /** Inputs rejected for reason {@code i}. */
    long rejected(int i);

    /** Further figures of the source's health, by name (a battery level, reconnects): none by default. */
    default int extras() {
        return 0;
    }

    /** The snake_case name of extra figure {@code i}. */
    default String extra(int i) {
        throw new IndexOutOfBoundsException(i);
    }

    /** The value of extra figure {@code i}. */
    default long extraValue(int i) {
        throw new IndexOutOfBoundsException(i);
    }

    /** Inputs rejected for any reason. */
    default long rejectedTotal() {
        long n = 0;
        for (int i = 0; i < reasons(); i++) {
            n += rejected(i);
        }
        return n;
    }

    /** No rejections, the sample count read from {@code samples}. */
    static SourceCounters ofSamples(java.util.function.LongSupplier samples) {
        return new SourceCounters() {
            @Override
            public long samples() {
                return samples.getAsLong();
            }

            @Override
            public int reasons() {
                return 0;
            }

            @Override
            public String reason(int i) {
                throw new IndexOutOfBoundsException(i);
            }

            @Override
            public long rejected(int i) {
                throw new IndexOutOfBoundsException(i);
            }
        };
    }
}
