package dev.dexd.controller.daemon;

import dev.dexd.controller.command.ControlCommand;
import dev.dexd.controller.command.ControlCommand.Type;
import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.EventWriter;
import dev.dexd.drivers.hand.HandException;

/**
 * The {@code perturb} commands on the control thread, through the world's {@link Perturbations}:
 * refused with one line when the world has none (a real hand). Each one applied is an event.
 */
final class PerturbationCommands {
    private final Perturbations perturbations; // null: a real hand
    private final EventWriter events;
    private final StringBuilder text = new StringBuilder(256);

    PerturbationCommands(Perturbations perturbations, EventWriter events) {
        this.perturbations = perturbations;
        this.events = events;
    }

    void register(CommandRegistry r) {
        for (Type t : new Type[] {Type.LOCK_JOINT, Type.UNLOCK_JOINTS, Type.DRIVER_FAULT, Type.STALL, Type.SENSOR_DROP}) {
            r.on(t, this::apply);
        }
    }

    private boolean apply(ControlCommand c, long step, long now) {
        text.setLength(0);
        if (perturbations == null) {
            text.append("refused: perturbations are for the simulated hand only, this daemon drives a real hand");
            if (c.reply() != null) {
                c.reply().append(text);
            }
            return false;
        }
        try {
            switch (c.type()) {
                case LOCK_JOINT -> {
                    perturbations.lockJoint(c.joint());
                    text.append("joint ").append(c.jointName()).append(" locked");
                }
                case UNLOCK_JOINTS -> {
                    perturbations.unlockJoints();
                    text.append("every joint unlocked, every simulated fault cleared");
                }
                case DRIVER_FAULT -> {
                    perturbations.driverFault(c.on());
                    text.append("driver fault ").append(c.on() ? "on: reads report FAULT" : "off");
                }
                case STALL -> {
                    perturbations.stallNextTick(c.nanos());
                    text.append("the next tick stalls for ").append(c.nanos() / 1_000_000).append(" ms");
                }
                case SENSOR_DROP -> {
                    perturbations.dropSensor(c.sensor(), now + c.nanos());
                    text.append("sensor ").append(c.sensor().text()).append(" drops out for ")
                        .append(c.nanos() / 1_000_000).append(" ms");
                }
                default -> throw new IllegalStateException(c.type() + " is not a perturbation");
            }
        } catch (HandException e) {
            text.setLength(0);
            text.append("refused: ").append(e.getMessage());
            if (c.reply() != null) {
                c.reply().append(text);
            }
            events.write(EventType.PERTURBATION, step, now, text);
            return false;
        }
        events.write(EventType.PERTURBATION, step, now, text);
        return true;
    }
}
