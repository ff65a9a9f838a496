package dev.dexd.controller.console;

import dev.dexd.controller.counters.DaemonCounters;
import dev.dexd.controller.daemon.ControlCommand;
import dev.dexd.controller.daemon.Daemon;
import dev.dexd.controller.log.EventWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * What the console needs from the daemon, and nothing more: the control thread's command queue,
 * the live counters, the step log (an event writer for the console thread, and the directory that
 * {@code stats} reads), and what the hand is.
 */
public interface ConsoleBackend {
    /** Hands a command to the control thread; false when its queue is full. Any thread. */
    boolean offer(ControlCommand command);

    /**
     * Raises the e-stop for {@code command} (type ESTOP): the control thread is woken and holds the
     * hand between ticks, then completes the command; false when too many are waiting. Any thread.
     */
    boolean estop(ControlCommand command);

    /** True while the control loop runs. */
    boolean running();

    /** The live counters (read on the console thread; valid until the daemon closes). */
    DaemonCounters counters();

    long periodNanos();

    /** True for the lockstep clock (simulated time), false for the wall clock. */
    boolean lockstep();

    /** The hand's joint names when it is a simulation ({@code perturb} works), else empty. */
    List<String> simulatedJoints();

    /** The run's step log directory. */
    Path logDirectory();

    /** An event writer for the console thread's own use. */
    EventWriter events();

    /** The backend of a configured daemon (made by it, with its counters in place). */
    static ConsoleBackend of(Daemon daemon, EventWriter events, List<String> simulatedJoints) {
        List<String> joints = List.copyOf(simulatedJoints);
        // taken now: the daemon closes the console before it unmaps the counters
        DaemonCounters counters = daemon.counters();
        return new ConsoleBackend() {
            @Override
            public boolean offer(ControlCommand command) {
                return daemon.commands().offer(command);
            }

            @Override
            public boolean estop(ControlCommand command) {
                return daemon.estop().raise(command);
            }

            @Override
            public boolean running() {
                return daemon.isRunning();
            }

            @Override
            public DaemonCounters counters() {
                return counters;
            }

            @Override
            public long periodNanos() {
                return daemon.periodNanos();
            }

            @Override
            public boolean lockstep() {
                return daemon.clock() == dev.dexd.controller.config.DexdConfig.Clock.LOCKSTEP;
            }

            @Override
            public List<String> simulatedJoints() {
                return joints;
            }

            @Override
            public Path logDirectory() {
                return daemon.logDirectory();
            }

            @Override
            public EventWriter events() {
                return events;
            }
        };
    }
}
