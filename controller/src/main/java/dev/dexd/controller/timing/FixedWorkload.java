package dev.dexd.controller.timing;

/**
 * A placeholder control step of fixed size: {@code rounds} dense 64x64 matrix-vector products with
 * a tanh-like squashing, over arrays allocated once (about 10-20 us a round on a current x86 core).
 * It stands in for the real step until the daemon's loop is benchmarked itself, so that the Java
 * loop is measured with some cache and pipeline disturbance between ticks, not as an empty loop.
 */
public final class FixedWorkload implements TickBody {
    /** Rounds of the default workload. */
    public static final int DEFAULT_ROUNDS = 4;

    private static final int N = 64;

    private final int rounds;
    private final float[] weights = new float[N * N];
    private final float[] x = new float[N];
    private final float[] y = new float[N];
    private float sink;

    public FixedWorkload() {
        this(DEFAULT_ROUNDS);
    }

    public FixedWorkload(int rounds) {
        if (rounds < 0) {
            throw new IllegalArgumentException("rounds must not be negative: " + rounds);
        }
        this.rounds = rounds;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) Math.sin(i * 0.37) * 0.1f;
        }
        for (int i = 0; i < N; i++) {
            x[i] = (float) Math.cos(i * 0.11);
        }
    }

    @Override
    public void tick(long step) {
        x[0] = step * 1e-6f;
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < N; i++) {
                float acc = 0;
                int row = i * N;
                for (int j = 0; j < N; j++) {
                    acc += weights[row + j] * x[j];
                }
                y[i] = acc / (1 + Math.abs(acc));
            }
            System.arraycopy(y, 0, x, 0, N);
        }
        sink += x[N - 1];
    }

    /** A value depending on every tick, so the JIT cannot drop the work. */
    public float result() {
        return sink;
    }
}
