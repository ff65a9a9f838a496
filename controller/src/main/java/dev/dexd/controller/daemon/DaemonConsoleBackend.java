package dev.dexd.controller.daemon;

import dev.dexd.controller.command.ControlCommand;
import dev.dexd.controller.console.ConsoleBackend;
import dev.dexd.controller.console.CubeStateReading;
import dev.dexd.controller.sensing.GiikerSource;
import dev.dexd.controller.counters.DaemonCounters;
import dev.dexd.controller.log.EventWriter;
import dev.dexd.drivers.ClockMode;
import java.nio.file.Path;
import java.util.List;

/** The daemon's side of the console's port: its command queue, counters, log and world. */
final class DaemonConsoleBackend implements ConsoleBackend {
    private final Daemon daemon;
    private final EventWriter events;
    private final List<String> simulatedJoints;
    private final DaemonCounters counters;

    /**
     * @param perturbations the world's, or null for a real hand (then {@code perturb} is refused)
     */
    DaemonConsoleBackend(Daemon daemon, EventWriter events, Perturbations perturbations) {
        this.daemon = daemon;
        this.events = events;
        this.simulatedJoints = perturbations == null ? List.of() : perturbations.jointNames();
        // taken now: the daemon closes the console before it unmaps the counters
        this.counters = daemon.counters();
    }

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
        return daemon.clock() == ClockMode.LOCKSTEP;
    }

    @Override
    public List<String> simulatedJoints() {
        return simulatedJoints;
    }

    @Override
    public Path logDirectory() {
        return daemon.logDirectory();
    }

    @Override
    public CubeStateReading cubeState() {
        return daemon.cubeState();
    }

    @Override
    public List<String> giikerReport() {
        GiikerSource g = daemon.giiker();
        return g == null ? null : g.report();
    }

    @Override
    public boolean giikerReset() {
        GiikerSource g = daemon.giiker();
        return g != null && g.requestReset();
    }

    @Override
    public EventWriter events() {
        return events;
    }
}
