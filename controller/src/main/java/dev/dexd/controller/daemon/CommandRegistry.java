package dev.dexd.controller.daemon;

import dev.dexd.controller.command.ControlCommand;

/**
 * The control thread's command handlers, one per {@link ControlCommand.Type}: the tick applies each
 * pending command through here instead of a switch, and each part of the daemon registers the
 * commands it owns (the loop its e-stop, reset and shutdown; the goals theirs; the simulation its
 * perturbations). Built once at start; a lookup is an array index, with no allocation.
 */
final class CommandRegistry {
    /** Applies one command on the control thread; returns whether it took effect. */
    @FunctionalInterface
    interface Handler {
        boolean apply(ControlCommand command, long step, long nowNanos);
    }

    private final Handler[] handlers = new Handler[ControlCommand.Type.values().length];

    /** Registers {@code handler} for {@code type}; a type has one handler. */
    CommandRegistry on(ControlCommand.Type type, Handler handler) {
        if (handlers[type.ordinal()] != null) {
            throw new IllegalStateException(type + " has a handler already");
        }
        handlers[type.ordinal()] = handler;
        return this;
    }

    /** Applies {@code command}; false (refused) for a type nobody registered. */
    boolean apply(ControlCommand command, long step, long nowNanos) {
        Handler h = handlers[command.type().ordinal()];
        return h != null && h.apply(command, step, nowNanos);
    }

    /** Whether {@code type} has a handler. */
    boolean handles(ControlCommand.Type type) {
        return handlers[type.ordinal()] != null;
    }
}
