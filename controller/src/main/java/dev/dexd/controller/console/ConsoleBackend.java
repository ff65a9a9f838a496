package dev.dexd.controller.console;

import dev.dexd.controller.command.ControlCommand;
import dev.dexd.controller.counters.DaemonCounters;
import dev.dexd.controller.log.EventWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * What the console needs from the daemon, and nothing more: the control thread's command queue,
 * the live counters, the step log (an event writer for the console thread, and the directory that
 * {@code stats} reads), and what the hand is. The port between the two packages: the daemon
 * implements it (daemon/DaemonConsoleBackend), and the console imports nothing of the daemon's.
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

    /** The hand's joint names when it is a simulation ({@code perturb} works), else empty (a real hand). */
    List<String> simulatedJoints();

    /** The run's step log directory. */
    Path logDirectory();

    /** An event writer for the console thread's own use. */
    EventWriter events();

    /**
     * The cube's state from its sensor source, for {@code solve} without facelets. One caller thread
     * (the console's worker).
     */
    default CubeStateReading cubeState() {
        return CubeStateReading.none();
    }

    /** The Giiker cube's report lines (connection first), or null when no input reads it. Never waits. */
    default List<String> giikerReport() {
        return null;
    }

    /** Asks the Giiker cube to take its state as solved: false when it is not connected. Never waits. */
    default boolean giikerReset() {
        return false;
    }
}
