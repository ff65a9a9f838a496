package dev.dexd.controller.timing;

import dev.dexd.controller.os.RealtimeConfig;
import dev.dexd.controller.os.SelfCheck;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.SystemNanoClock;

/**
 * Tick lateness of the Java loop against the C reference loop, measured on the same machine in
 * one run: the work behind {@code dexd bench}.
 *
 * <p>The two loops run in alternating bursts (C then Java, then Java then C, ...) rather than one
 * after the other, so that both see the same machine conditions: on a shared VM a noisy neighbour
 * or a background job comes and goes within seconds and would otherwise fall on one loop only.
 * Each burst is a fresh schedule (tick 0 anchors it and is not measured, in both loops). The
 * thread that calls {@link #run} gets the real-time settings (pinning, FIFO, memory lock, timer
 * slack) and the C loop is given the same ones.
 */
public final class LoopBench {
    /** What to measure. {@code burstSeconds} 0 runs each loop once for the whole time. */
    public record Settings(double rateHz, double seconds, double burstSeconds, RealtimeConfig realtime,
                           long spinMarginNs) {
        public long periodNs() {
            return Math.round(1e9 / rateHz);
        }
    }

    /** One loop's lateness (ns) and overruns over all its bursts. */
    public record Side(Histogram lateness, long ticks, long overruns, long skipped) {
        public double percentileUs(double p) {
            return lateness.getTotalCount() == 0 ? 0 : lateness.getValueAtPercentile(p) / 1e3;
        }

        public double maxUs() {
            return lateness.getMaxValue() / 1e3;
        }
    }

    /** Both sides, the Java tick body's cost, and how the thread and the C loop were set up. */
    public record Result(Settings settings, int bursts, double burstSeconds, Side c, Side java, Histogram javaBodyNs,
                         SelfCheck selfCheck, ReferenceLoop.Run cSetup) {
        /** Java p99 / C p99 (NaN when the C p99 is 0). */
        public double ratioP99() {
            double cp = c.percentileUs(99);
            return cp == 0 ? Double.NaN : java.percentileUs(99) / cp;
        }
    }

    private static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(60);

    private final ReferenceLoop reference;
    private final TickBody body;
    private volatile long ticksDone;
    private volatile PacedLoop current;

    public LoopBench(ReferenceLoop reference, TickBody body) {
        this.reference = reference;
        this.body = body;
    }

    /** Ticks measured so far by both loops (the C loop's count after each burst); for a progress line. */
    public long ticksDone() {
        PacedLoop loop = current;
        return ticksDone + (loop == null ? 0 : loop.ticksDone());
    }

    /** Runs the comparison on the calling thread, which it tunes as the control thread would be. */
    public Result run(Settings s) throws IOException, InterruptedException {
        SelfCheck check = SelfCheck.run(s.realtime());
        long periodNs = s.periodNs();
        double minBurst = 20.0 / s.rateHz();
        double burst = s.burstSeconds() <= 0 ? s.seconds() : Math.max(s.burstSeconds(), minBurst);
        int bursts = (int) Math.max(1, Math.round(s.seconds() / burst));
        double burstSeconds = s.seconds() / bursts;
        long ticksPerBurst = Math.max(1, Math.round(burstSeconds * s.rateHz()));

        warmUp(periodNs, s.spinMarginNs());
        System.gc(); // start the measurement with an empty young generation, as benchmark harnesses do

        Histogram cLate = new Histogram(HIGHEST_NS, 3);
        Histogram javaLate = new Histogram(HIGHEST_NS, 3);
        Histogram javaBody = new Histogram(HIGHEST_NS, 3);
        long javaOverruns = 0;
        long javaSkipped = 0;
        long cTicks = 0;
        long cOverruns = 0;
        long cSkipped = 0;
        ReferenceLoop.Run cSetup = null;
        for (int b = 0; b < bursts; b++) {
            for (int half = 0; half < 2; half++) {
                boolean cTurn = (b % 2 == 0) == (half == 0);
                if (cTurn) {
                    ReferenceLoop.Run r = reference.run(s.rateHz(), burstSeconds, s.realtime(),
                        SelfCheck.CONTROL_TIMER_SLACK_NS, cLate);
                    cTicks += r.ticks();
                    cOverruns += r.overruns();
                    cSkipped += r.skipped();
                    ticksDone += r.ticks();
                    cSetup = cSetup == null ? r : cSetup;
                } else {
                    RealtimeScheduler scheduler = RealtimeScheduler.parkThenSpin(periodNs, s.spinMarginNs());
                    PacedLoop loop = new PacedLoop(scheduler, body, SystemNanoClock.INSTANCE);
                    current = loop;
                    loop.run(ticksPerBurst, javaLate, javaBody);
                    javaOverruns += scheduler.overruns();
                    javaSkipped += ticksPerBurst - loop.ticksDone(); // every period of the burst not run
                    ticksDone += loop.ticksDone();
                    current = null;
                }
            }
        }
        return new Result(s, bursts, burstSeconds, new Side(cLate, cTicks, cOverruns, cSkipped),
            new Side(javaLate, javaLate.getTotalCount(), javaOverruns, javaSkipped), javaBody, check, cSetup);
    }

    /**
     * Lets the JIT compile the tick body and the scheduler's wait before anything is measured: a
     * second of paced ticks. Always paced, because the body may be the daemon's control step, whose
     * simulated world and goal timeouts must see ticks at the real rate.
     */
    private void warmUp(long periodNs, long spinMarginNs) {
        long warmTicks = Math.max(5, 1_000_000_000L / periodNs);
        RealtimeScheduler scheduler = RealtimeScheduler.parkThenSpin(periodNs, spinMarginNs);
        Histogram scratch = new Histogram(HIGHEST_NS, 3);
        new PacedLoop(scheduler, body, SystemNanoClock.INSTANCE).run(warmTicks, scratch, new Histogram(HIGHEST_NS, 3));
    }
}
