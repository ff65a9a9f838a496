package dev.dexd.cli;

import dev.dexd.drivers.ClockMode;
import dev.dexd.drivers.HandDrivers;
import dev.dexd.drivers.hand.HandConfig;
import dev.dexd.drivers.hand.HandDescription;
import dev.dexd.drivers.hand.HandDriver;
import dev.dexd.drivers.hand.HandState;
import dev.dexd.drivers.hand.HandStatus;
import dev.dexd.drivers.sim.SimulatedHand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dexd hand info | check}: what the configured hand library reports, and whether every
 * actuator follows its targets. Both work on any hand library through {@link HandDriver} only, so
 * {@code check} is also the first thing a lab runs on its real hand.
 */
@Command(name = "hand", mixinStandardHelpOptions = true,
    description = "Inspect and check the hand the config names (real or simulated).",
    subcommands = {HandCommand.Info.class, HandCommand.Check.class})
public final class HandCommand {

    /** The config option both subcommands share. */
    static final class ConfigOption {
        @Option(names = "--config", paramLabel = "FILE",
            description = "dexd config (default: $DEXD_HOME/configs/sim.yaml, else ./configs/sim.yaml).")
        Path config;

        HandConfig load() {
            return HandConfig.load(HandConfig.locate(config));
        }
    }

    /** {@code dexd hand info}: the library's ABI version, joints, actuators and ranges. */
    @Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print the hand library's ABI version, joints, actuators and their ranges.")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOption options = new ConfigOption();

        @Override
        public Integer call() {
            HandConfig config = options.load();
            try (HandDriver hand = HandDrivers.open(config)) {
                print(spec.commandLine().getOut(), hand, config);
            }
            return Dexd.OK;
        }

        private static void print(PrintWriter out, HandDriver hand, HandConfig config) {
            HandDescription d = hand.describe();
            out.printf("config       %s%n", config.source());
            out.printf("library      %s (%s)%n", config.library(), d.library());
            out.printf("ABI version  %d%n", d.abiVersion());
            out.printf("period       %.3f ms%n", d.periodNanos() / 1e6);
            out.printf("simulated    %s%n", hand instanceof SimulatedHand s ? "yes, clock " + s.clock().name().toLowerCase()
                : d.isSimulated() ? "yes" : "no");
            out.printf("%njoints (%d)        min (rad)  max (rad)%n", d.jointNames().size());
            for (int j = 0; j < d.jointNames().size(); j++) {
                out.printf("  %2d  %-9s %9.4f  %9.4f%n", j, d.jointNames().get(j), d.jointMin(j), d.jointMax(j));
            }
            out.printf("%nactuators (%d)     min (rad)  max (rad)%n", d.actuatorNames().size());
            for (int a = 0; a < d.actuatorNames().size(); a++) {
                out.printf("  %2d  %-9s %9.4f  %9.4f%s%n", a, d.actuatorNames().get(a), d.actuatorMin(a),
                    d.actuatorMax(a), d.actuatorMax(a) - d.actuatorMin(a) > 3.0 ? "  (J1 + J0)" : "");
            }
            out.flush();
        }
    }

    /** {@code dexd hand check}: a safe per-actuator profile and its tracking errors. */
    @Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Move each actuator alone to 25%% and 75%% of its range and back, holding the others,"
            + " and report the tracking errors.", "Exits 1 when an actuator is outside the tolerance."})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOption options = new ConfigOption();

        @Option(names = "--tolerance", paramLabel = "RAD", defaultValue = "0.05",
            description = "Largest tracking error accepted after settling (default ${DEFAULT-VALUE} rad).")
        double tolerance;

        @Option(names = "--settle", paramLabel = "SECONDS", defaultValue = "1.0",
            description = "Time at each point before the error is measured (default ${DEFAULT-VALUE} s).")
        double settle;

        @Option(names = "--period", paramLabel = "MS", defaultValue = "20",
            description = "Write interval, well inside the library's watchdog (default ${DEFAULT-VALUE} ms).")
        double periodMs;

        @Override
        public Integer call() {
            if (!(tolerance > 0) || !(settle > 0) || !(periodMs > 0)) {
                throw new UserError("--tolerance, --settle and --period must be positive");
            }
            try (HandDriver hand = HandDrivers.open(options.load())) {
                return run(hand);
            }
        }

        private int run(HandDriver hand) {
            PrintWriter out = spec.commandLine().getOut();
            HandDescription d = hand.describe();
            Profile profile = new Profile(hand, waiter(hand), (long) (periodMs * 1e6), (long) (settle * 1e9));
            double[] home = profile.home();
            out.printf("dexd hand check: %s, %d actuators one at a time to 25%%, 75%% and back,"
                + " %.1f s settle, tolerance %.3f rad%n%n", d.library(), home.length, settle, tolerance);
            out.printf("%-9s %9s %9s %9s %11s  %s%n", "actuator", "25%", "75%", "home", "max error", "result");
            List<String> failed = new ArrayList<>();
            for (int a = 0; a < home.length; a++) {
                double lo = d.actuatorMin(a) + 0.25 * (d.actuatorMax(a) - d.actuatorMin(a));
                double hi = d.actuatorMin(a) + 0.75 * (d.actuatorMax(a) - d.actuatorMin(a));
                double error = Math.max(profile.track(a, lo), Math.max(profile.track(a, hi), profile.track(a, home[a])));
                boolean ok = error <= tolerance && !profile.faulted();
                if (!ok) {
                    failed.add(d.actuatorNames().get(a));
                }
                out.printf("%-9s %9.4f %9.4f %9.4f %11.4f  %s%n", d.actuatorNames().get(a), lo, hi, home[a], error,
                    ok ? "ok" : profile.faulted() ? "FAULT" : "OUTSIDE");
                out.flush();
            }
            if (failed.isEmpty()) {
                out.printf("%nall %d actuators within %.3f rad%n", home.length, tolerance);
                out.flush();
                return Dexd.OK;
            }
            out.flush();
            PrintWriter err = spec.commandLine().getErr();
            err.printf("dexd: hand check failed: %d of %d actuators outside %.3f rad: %s%n", failed.size(),
                home.length, tolerance, String.join(", ", failed));
            err.flush();
            return Dexd.USER_ERROR;
        }

        /** A lockstep simulation is stepped; anything else (a real hand, realtime sim) is waited for. */
        private static Waiter waiter(HandDriver hand) {
            if (hand instanceof SimulatedHand sim && sim.clock() == ClockMode.LOCKSTEP) {
                return nanos -> sim.step(sim.stepsFor(nanos));
            }
            return nanos -> {
                long until = System.nanoTime() + nanos;
                for (long left = nanos; left > 0; left = until - System.nanoTime()) {
                    LockSupport.parkNanos(left);
                }
            };
        }
    }

    /** Lets time pass on the hand: steps a lockstep simulation, sleeps otherwise. */
    @FunctionalInterface
    interface Waiter {
        void pass(long nanos);
    }

    /** Drives one actuator to a point while holding the others at home, and measures where it got. */
    static final class Profile {
        private final HandDriver hand;
        private final Waiter waiter;
        private final long periodNanos;
        private final long settleNanos;
        private final HandState state = new HandState();
        private final double[] home;
        private final double[] targets;
        private boolean faulted;

        Profile(HandDriver hand, Waiter waiter, long periodNanos, long settleNanos) {
            this.hand = hand;
            this.waiter = waiter;
            this.periodNanos = periodNanos;
            this.settleNanos = settleNanos;
            HandDescription d = hand.describe();
            hand.read(state);
            home = new double[state.actuatorPos.length];
            for (int a = 0; a < home.length; a++) {
                home[a] = Math.min(d.actuatorMax(a), Math.max(d.actuatorMin(a), state.actuatorPos[a]));
            }
            targets = home.clone();
        }

        /** Where the check starts and returns to: the measured pose, inside the ranges. */
        double[] home() {
            return home.clone();
        }

        boolean faulted() {
            return faulted;
        }

        /** Sends actuator {@code a} to {@code target} for the settle time; returns the error at the end. */
        double track(int a, double target) {
            System.arraycopy(home, 0, targets, 0, home.length);
            targets[a] = target;
            for (long t = 0; t < settleNanos; t += periodNanos) {
                hand.write(targets);
                waiter.pass(periodNanos);
            }
            hand.read(state);
            faulted |= state.has(HandStatus.FAULT);
            return Math.abs(state.actuatorPos[a] - target);
        }
    }
}
