package dev.dexd.controller.systemd;

import dev.dexd.controller.counters.DaemonCounters;
import dev.dexd.controller.counters.DaemonState;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.agrona.concurrent.Agent;

/**
 * The health thread's duty cycle: tells systemd READY=1 once the first tick has run, refreshes the
 * STATUS line every {@link #STATUS_NANOS}, pings the watchdog at half of {@code WATCHDOG_USEC} only
 * while the control loop advances (its step counter moved since the last ping) and no thread has
 * died, and runs the periodic job it is given (hourly log retention). It reads the counters only: the
 * control thread never waits for it and never talks to systemd. A stalled or dead loop therefore
 * stops the pings and systemd, after {@code WatchdogSec=}, kills and restarts the service.
 */
public final class HealthAgent implements Agent {
    /** How often STATUS= is refreshed. */
    public static final long STATUS_NANOS = 2_000_000_000L;

    private final SystemdNotifier notifier;
    private final DaemonCounters counters;
    private final StatusText status;
    private final Supplier<String> deadThread;
    private final Runnable periodicJob;
    private final long periodicJobNanos;
    private final PrintStream err;
    private final long pingNanos;

    private boolean readySent;
    private long nextStatus;
    private long nextPing;
    private long nextJob;
    private long lastPingedSteps;
    private String withheldBecause;

    /**
     * @param deadThread   the name of a thread that died, or null while all live
     * @param periodicJob  run every {@code periodicJobNanos} from the start (null for none)
     */
    public HealthAgent(SystemdNotifier notifier, DaemonCounters counters, StatusText status,
                       Supplier<String> deadThread, Runnable periodicJob, long periodicJobNanos, PrintStream err) {
        this.notifier = notifier;
        this.counters = counters;
        this.status = status;
        this.deadThread = deadThread;
        this.periodicJob = periodicJob;
        this.periodicJobNanos = periodicJobNanos;
        this.err = err;
        this.pingNanos = notifier.watchdogNanos() / 2;
    }

    @Override
    public void onStart() {
        long now = System.nanoTime();
        nextStatus = now;
        nextPing = now;
        nextJob = now + periodicJobNanos;
    }

    @Override
    public int doWork() {
        if (!notifier.enabled() && periodicJob == null) {
            return 0; // nothing to tell and nothing to run: the thread idles
        }
        long now = System.nanoTime();
        int work = 0;
        long steps = counters.steps().get();
        if (!readySent && steps >= 1 && DaemonState.ofCode(counters.counter(
            dev.dexd.controller.counters.DexdCounter.STATE).get()) == DaemonState.RUNNING) {
            readySent = true;
            dev.dexd.common.startup.StartupTrace.mark("first tick seen, READY");
            notifier.ready(status.line(steps, now));
            nextStatus = now + STATUS_NANOS;
            work++;
        } else if (now - nextStatus >= 0) {
            notifier.status(status.line(steps, now));
            nextStatus = now + STATUS_NANOS;
            work++;
        }
        if (pingNanos > 0 && now - nextPing >= 0) {
            nextPing = now + pingNanos;
            work += watchdog(steps);
        }
        if (periodicJob != null && now - nextJob >= 0) {
            nextJob = now + periodicJobNanos;
            periodicJob.run();
            work++;
        }
        return work;
    }

    private int watchdog(long steps) {
        String dead = deadThread.get();
        String why = dead != null ? "the " + dead + " thread died"
            : steps <= lastPingedSteps ? (steps == 0 ? null : "the control loop is not advancing (step " + steps + ")")
            : null;
        if (why == null && steps > lastPingedSteps) {
            lastPingedSteps = steps;
            notifier.watchdog();
            if (withheldBecause != null) {
                err.println("<6>dexd: watchdog pings resumed (the control loop advances again)");
                withheldBecause = null;
            }
            return 1;
        }
        if (why != null && withheldBecause == null) {
            withheldBecause = why;
            err.println("<3>dexd: watchdog pings withheld: " + why + "; systemd restarts dexd after WatchdogSec=");
        }
        return 0;
    }

    @Override
    public String roleName() {
        return "dexd-health";
    }
}
