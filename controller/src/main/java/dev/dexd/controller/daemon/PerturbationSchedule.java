package dev.dexd.controller.daemon;

import dev.dexd.controller.command.ControlCommand;
import dev.dexd.controller.config.ConfigException;
import dev.dexd.controller.config.DexdConfig;
import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.EventWriter;
import dev.dexd.controller.log.PerturbationKind;
import java.util.List;

/**
 * The configured perturbation schedule ({@code perturbations.schedule}), applied by the control
 * thread without an operator: on the step of an episode's N-th success, each entry with
 * {@code after_successes: N} writes a PERTURBATION event ("schedule: lock-joint A_FFJ3 after 10
 * successes") and is applied through the same handler as the console's command, so its effect is
 * logged the same way. Every command is made at start (a random joint is drawn from the run's seed
 * then), so applying one allocates nothing and a lockstep run stays deterministic.
 */
final class PerturbationSchedule {
    static final PerturbationSchedule NONE = new PerturbationSchedule(new int[0], new ControlCommand[0],
        new String[0], null);

    private final int[] afterSuccesses;
    private final ControlCommand[] commands;
    private final String[] labels;
    private final EventWriter events;
    private final StringBuilder text = new StringBuilder(128);

    private PerturbationSchedule(int[] afterSuccesses, ControlCommand[] commands, String[] labels, EventWriter events) {
        this.afterSuccesses = afterSuccesses;
        this.commands = commands;
        this.labels = labels;
        this.events = events;
    }

    /**
     * @param perturbations the world's (null: a real hand, which can only reset the policy's memory)
     * @throws ConfigException naming the entry, for a joint the hand does not have or a simulation-only
     *         action on a real hand
     */
    static PerturbationSchedule of(DexdConfig.Perturbations config, Perturbations perturbations,
                                   PerturbationSeeds seeds, EventWriter events) {
        List<DexdConfig.ScheduledPerturbation> entries = config.schedule();
        if (entries.isEmpty()) {
            return NONE;
        }
        int n = entries.size();
        int[] after = new int[n];
        ControlCommand[] commands = new ControlCommand[n];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            DexdConfig.ScheduledPerturbation e = entries.get(i);
            String where = "perturbations.schedule[" + i + "]";
            if (e.action() != PerturbationKind.RESET_MEMORY && perturbations == null) {
                throw new ConfigException(where + ".action: " + e.action().word() + " is for the simulated hand only;"
                    + " a real hand can only reset-memory");
            }
            after[i] = e.afterSuccesses();
            switch (e.action()) {
                case RESET_MEMORY -> {
                    commands[i] = ControlCommand.of(ControlCommand.Type.RESET_MEMORY);
                    labels[i] = e.action().word();
                }
                case RANDOMISE -> {
                    commands[i] = ControlCommand.randomise(false, 0, null);
                    labels[i] = e.action().word();
                }
                case LOCK_JOINT -> {
                    List<String> joints = perturbations.jointNames();
                    int joint = DexdConfig.ScheduledPerturbation.RANDOM_JOINT.equals(e.joint())
                        ? seeds.nextIndex(joints.size()) : joints.indexOf(e.joint());
                    if (joint < 0) {
                        throw new ConfigException(where + ".joint: no joint '" + e.joint() + "' on this hand; use"
                            + " 'random' or one of: " + String.join(" ", joints));
                    }
                    commands[i] = ControlCommand.lockJoint(joint, joints.get(joint), null);
                    labels[i] = e.action().word() + " " + joints.get(joint);
                }
                default -> throw new IllegalStateException(e.action().toString());
            }
        }
        return new PerturbationSchedule(after, commands, labels, events);
    }

    /** What each entry does, in order (e.g. "after 30 successes: lock-joint A_FFJ3"), for the start-up lines. */
    String describe() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < labels.length; i++) {
            b.append(i == 0 ? "" : ", ").append("after ").append(afterSuccesses[i]).append(" successes: ")
                .append(labels[i]);
        }
        return b.toString();
    }

    boolean isEmpty() {
        return commands.length == 0;
    }

    /** On the step of the episode's {@code successes}-th success: applies the entries due. */
    void onSuccess(int successes, CommandRegistry registry, long step, long nowNanos) {
        for (int i = 0; i < commands.length; i++) {
            if (afterSuccesses[i] == successes) {
                text.setLength(0);
                text.append("schedule: ").append(labels[i]).append(" after ").append(successes).append(" successes");
                events.write(EventType.PERTURBATION, step, nowNanos, text);
                registry.apply(commands[i], step, nowNanos);
            }
        }
    }
}
