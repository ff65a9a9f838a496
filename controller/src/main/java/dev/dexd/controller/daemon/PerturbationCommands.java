package dev.dexd.controller.daemon;

import dev.dexd.controller.command.ControlCommand;
import dev.dexd.controller.command.ControlCommand.Type;
import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.EventWriter;
import dev.dexd.controller.log.PerturbationKind;
import dev.dexd.drivers.hand.HandException;

/**
 * The {@code perturb} commands on the control thread, one handler each, through the world's
 * {@link Perturbations}: refused with one line when the world has none (a real hand) or the
 * simulation refuses. Each one applied or refused is a PERTURBATION event; a joint lock's and a
 * resampling's text starts with its {@link PerturbationKind} word, which the log's analysis reads.
 */
final class PerturbationCommands {
    /** One perturbation: does it and describes it in {@code text}. */
    @FunctionalInterface
    private interface Action {
        void apply(Perturbations p, ControlCommand c, long nowNanos, StringBuilder text);
    }

    private final Perturbations perturbations; // null: a real hand
    private final EventWriter events;
    private final PerturbationSeeds seeds;
    private final StringBuilder text = new StringBuilder(256);

    PerturbationCommands(Perturbations perturbations, EventWriter events, PerturbationSeeds seeds) {
        this.perturbations = perturbations;
        this.events = events;
        this.seeds = seeds;
    }

    void register(CommandRegistry r) {
        r.on(Type.LOCK_JOINT, guarded((p, c, now, t) -> {
            p.lockJoint(c.joint());
            t.append(PerturbationKind.LOCK_JOINT.word()).append(": joint ").append(c.jointName()).append(" locked");
        }));
        r.on(Type.UNLOCK_JOINTS, guarded((p, c, now, t) -> {
            p.unlockJoints();
            t.append("every joint unlocked, every simulated fault cleared");
        }));
        r.on(Type.DRIVER_FAULT, guarded((p, c, now, t) -> {
            p.driverFault(c.on());
            t.append("driver fault ").append(c.on() ? "on: reads report FAULT" : "off");
        }));
        r.on(Type.STALL, guarded((p, c, now, t) -> {
            p.stallNextTick(c.nanos());
            t.append("the next tick stalls for ").append(c.nanos() / 1_000_000).append(" ms");
        }));
        r.on(Type.SENSOR_DROP, guarded((p, c, now, t) -> {
            p.dropSensor(c.sensor(), now + c.nanos());
            t.append("sensor ").append(c.sensor().text()).append(" drops out for ").append(c.nanos() / 1_000_000)
                .append(" ms");
        }));
        r.on(Type.RANDOMISE, guarded((p, c, now, t) -> {
            long seed = c.seedGiven() ? c.seed() : seeds.next();
            p.randomise(seed);
            t.append(PerturbationKind.RANDOMISE.word()).append(": dynamics resampled from seed ").append(seed);
            if (c.reply() != null) {
                c.reply().append(t);
            }
        }));
    }

    /** {@code action} as a handler: refused without perturbations or when the simulation refuses; logged. */
    private CommandRegistry.Handler guarded(Action action) {
        return (c, step, now) -> {
            text.setLength(0);
            if (perturbations == null) {
                return refuse(c, "perturbations are for the simulated hand only, this daemon drives a real hand",
                    step, now, false);
            }
            try {
                action.apply(perturbations, c, now, text);
            } catch (HandException e) {
                text.setLength(0);
                return refuse(c, e.getMessage(), step, now, true);
            }
            events.write(EventType.PERTURBATION, step, now, text);
            return true;
        };
    }

    private boolean refuse(ControlCommand c, String why, long step, long now, boolean log) {
        text.append("refused: ").append(why);
        if (c.reply() != null) {
            c.reply().append(text);
        }
        if (log) {
            events.write(EventType.PERTURBATION, step, now, text);
        }
        return false;
    }
}
