package dev.dexd.controller.sensing;

import dev.dexd.common.sensing.SensorSource;
import dev.dexd.common.sensing.SourceCounters;
import dev.dexd.common.sensing.SourceState;
import dev.dexd.controller.counters.DaemonCounters;
import dev.dexd.controller.counters.SensorCounter;
import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.EventWriter;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Publishes every sensor source's health into the counters file ({@code dexd stat}, the metrics):
 * its state, samples and rejections by reason, copied from the source's own counters every 100 ms.
 * A source that fails, or meets a new error, is reported once: an event in the step log and a line
 * on stderr (the journal). Runs beside the health agent, never on the control thread.
 */
public final class SourceHealthAgent implements Agent {
    private static final long PERIOD_NANOS = 100_000_000L;

    private final SensorSource[] sources;
    private final AtomicCounter[] state;
    private final AtomicCounter[] samples;
    private final AtomicCounter[][] rejected;
    private final AtomicCounter[][] extras;
    private final SourceState[] lastState;
    private final String[] lastError;
    private final EventWriter events;
    private final PrintStream err;
    private long next;

    public SourceHealthAgent(List<SensorSource> sources, DaemonCounters counters, EventWriter events, PrintStream err) {
        this.sources = sources.toArray(new SensorSource[0]);
        this.events = events;
        this.err = err;
        int n = this.sources.length;
        state = new AtomicCounter[n];
        samples = new AtomicCounter[n];
        rejected = new AtomicCounter[n][];
        extras = new AtomicCounter[n][];
        lastState = new SourceState[n];
        lastError = new String[n];
        for (int i = 0; i < n; i++) {
            SensorSource s = this.sources[i];
            state[i] = counters.newCounter(SensorCounter.STATE, s.name(), null);
            samples[i] = counters.newCounter(SensorCounter.SAMPLES, s.name(), null);
            SourceCounters c = s.counters();
            rejected[i] = new AtomicCounter[c.reasons()];
            for (int r = 0; r < c.reasons(); r++) {
                rejected[i][r] = counters.newCounter(SensorCounter.REJECTED, s.name(), c.reason(r));
            }
            extras[i] = new AtomicCounter[c.extras()];
            for (int x = 0; x < c.extras(); x++) {
                extras[i][x] = counters.newCounter(SensorCounter.EXTRA, s.name(), c.extra(x));
            }
            lastError[i] = s.lastError();
        }
        publish();
    }

    @Override
    public int doWork() {
        long now = System.nanoTime();
        if (now - next < 0) {
            return 0;
        }
        next = now + PERIOD_NANOS;
        publish();
        return 1;
    }

    /** Copies every source's counters and reports what changed for the worse. */
    void publish() {
        for (int i = 0; i < sources.length; i++) {
            SensorSource s = sources[i];
            SourceState st = s.state();
            state[i].setRelease(st.ordinal());
            SourceCounters c = s.counters();
            samples[i].setRelease(c.samples());
            for (int r = 0; r < rejected[i].length; r++) {
                rejected[i][r].setRelease(c.rejected(r));
            }
            for (int x = 0; x < extras[i].length; x++) {
                extras[i][x].setRelease(c.extraValue(x));
            }
            String error = s.lastError();
            boolean failedNow = st == SourceState.FAILED && lastState[i] != SourceState.FAILED;
            if (failedNow || error != null && !error.isEmpty() && !Objects.equals(error, lastError[i])) {
                String text = "sensor source " + s.name() + (st == SourceState.FAILED ? " failed" : " reports")
                    + ": " + error;
                events.write(EventType.ERROR, 0, System.nanoTime(), text);
                err.println("dexd: " + text);
            }
            lastState[i] = st;
            lastError[i] = error;
        }
    }

    @Override
    public String roleName() {
        return "dexd-source-health";
    }
}
