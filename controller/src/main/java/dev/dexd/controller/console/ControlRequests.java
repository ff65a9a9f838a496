package dev.dexd.controller.console;

import dev.dexd.controller.command.ControlCommand;
import dev.dexd.controller.command.ControlCommand.Type;
import dev.dexd.controller.goals.CubeNotation;
import dev.dexd.controller.goals.Face;
import dev.dexd.controller.goals.Move;
import dev.dexd.controller.goals.NotationException;
import dev.dexd.controller.goals.SubgoalPlan;
import dev.dexd.controller.goals.SubgoalPlanner;
import dev.dexd.controller.goals.Turn;
import dev.dexd.common.sensing.SensorKind;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The commands the control thread carries out: each becomes a {@link ControlCommand} offered to its
 * queue, and a {@link Pending} that turns the completed command into the reply. Plans are made
 * here, on the console thread (one per face that may be on top, for {@code goals push}), so the
 * control thread only picks one and appends it.
 */
final class ControlRequests {
    /** Commands not applied within this long (or {@link #TIMEOUT_PERIODS} periods) get ERR timeout. */
    static final long TIMEOUT_NANOS = 5_000_000_000L;
    static final int TIMEOUT_PERIODS = 10;
    private static final Pattern LINES = Pattern.compile("\n");

    private final ConsoleBackend backend;
    private final Latencies latencies;
    private final long timeoutNanos;

    ControlRequests(ConsoleBackend backend, Latencies latencies) {
        this.backend = backend;
        this.latencies = latencies;
        this.timeoutNanos = Math.max(TIMEOUT_NANOS, TIMEOUT_PERIODS * backend.periodNanos());
    }

    /** Starts the command of {@code r} on the control thread (or refuses it); answers go into {@code scratch}. */
    Pending start(Request r, Scratch scratch) {
        return switch (r.command()) {
            case STATUS -> send(ControlCommand.of(Type.STATUS, scratch.status()), ControlRequests::status, scratch);
            case GOALS_LIST -> send(ControlCommand.of(Type.LIST_GOALS, scratch.list()), ControlRequests::goalList,
                scratch);
            case GOALS_PUSH -> pushMoves(r.argText());
            case GOALS_FLIP -> flip(r.arg());
            case GOALS_ROTATE -> rotate(r.arg());
            case GOALS_CLEAR -> simple(Type.CLEAR_GOALS, "queue cleared (the active subgoal, if any, runs on)", null);
            case START -> simple(Type.START, "episode started with the queued goals",
                "an episode is running already ('pause' ends it)");
            case PAUSE -> simple(Type.PAUSE, "episode ended: the hand holds", null);
            case ESTOP -> send(ControlCommand.of(Type.ESTOP), c -> applied(c, "e-stop latched at step "
                + c.appliedStep() + ": the hand holds until 'reset'"));
            case RESET -> reset();
            case RESET_MEMORY -> simple(Type.RESET_MEMORY, "the policy's hidden state is zeroed before the next step", null);
            case PERTURB_LOCK -> lockJoint(r.arg());
            case PERTURB_UNLOCK -> simulationOnly(() -> simple(Type.UNLOCK_JOINTS,
                "every joint is free, every simulated fault cleared", null));
            case PERTURB_DRIVER_FAULT -> driverFault(r.arg());
            case PERTURB_STALL -> stall(r.arg());
            case PERTURB_RANDOMISE -> randomise(r.args());
            case PERTURB_SENSOR_DROP -> sensorDrop(r.args().get(0), r.args().get(1));
            case SHUTDOWN -> simple(Type.SHUTDOWN, "shutting down: the hand holds, the log closes", null);
            default -> throw new IllegalArgumentException(r.command() + " is not a control command");
        };
    }

    /** Offers {@code c} and returns its pending reply; refuses when the loop is not running or the queue is full. */
    Pending send(ControlCommand c, Function<ControlCommand, Reply> reply) {
        return send(c, reply, null);
    }

    private Pending send(ControlCommand c, Function<ControlCommand, Reply> reply, Scratch lent) {
        if (!backend.running()) {
            return Pending.done(Reply.error("stopped", "the control loop is not running"));
        }
        // the e-stop does not queue behind other commands or wait for the tick: it wakes the control thread
        if (!(c.type() == Type.ESTOP ? backend.estop(c) : backend.offer(c))) {
            return Pending.done(Reply.error("busy", "the control thread's command queue is full; try again"));
        }
        return new Sent(c, reply, lent);
    }

    /** A command handed to the control thread; several requests may share one (repeated e-stops). */
    final class Sent implements Pending {
        private final ControlCommand command;
        private final Function<ControlCommand, Reply> reply;
        private final Scratch lent;
        private boolean recorded;

        Sent(ControlCommand command, Function<ControlCommand, Reply> reply, Scratch lent) {
            this.command = command;
            this.reply = reply;
            this.lent = lent;
        }

        /** True until the control thread has applied it. */
        boolean inFlight() {
            return !command.isDone();
        }

        @Override
        public Reply poll(long now) {
            if (command.isDone()) {
                if (!recorded) {
                    recorded = true;
                    latencies.record(command);
                }
                return reply.apply(command);
            }
            if (now - command.createdNanos() > timeoutNanos) {
                if (lent != null) {
                    lent.abandon();
                }
                return Reply.error("timeout", "not applied within " + timeoutNanos / 1_000_000 + " ms: is the control"
                    + " loop running? (it is still queued)");
            }
            return null;
        }
    }

    private Pending simple(Type type, String done, String refused) {
        StringBuilder why = new StringBuilder(128);
        return send(ControlCommand.of(type, why), c -> c.ok() ? applied(c, done)
            : Reply.error("refused", why.length() > 0 ? why.toString() : refused != null ? refused : "refused"));
    }

    private Pending reset() {
        boolean latched = backend.counters().estopLatched().get() != 0;
        StringBuilder why = new StringBuilder(128);
        return send(ControlCommand.of(Type.RESET, why), c -> !c.ok()
            ? Reply.error("refused", why.length() > 0 ? why.toString()
                : "the hand did not resume, the e-stop stays latched (see the step log)")
            : applied(c, latched ? "e-stop cleared" : "nothing to clear: the e-stop was not latched"));
    }

    private Pending pushMoves(String text) {
        List<Move> moves;
        try {
            moves = CubeNotation.parse(text);
        } catch (NotationException e) {
            return Pending.done(Reply.error("bad-args", e.getMessage()));
        }
        SubgoalPlan[] plans = new SubgoalPlan[Face.COUNT];
        for (int i = 0; i < Face.COUNT; i++) {
            plans[i] = SubgoalPlanner.plan(moves, Face.of(i));
        }
        return pushPlans(plans, null, Map.of());
    }

    /**
     * Pushes the plan for the face that will be on top; {@code body} (may be null) gives lines put
     * before the status line of the reply, {@code extra} values added to its data.
     */
    Pending pushPlans(SubgoalPlan[] plans, Function<SubgoalPlan, List<String>> body, Map<String, Object> extra) {
        StringBuilder why = new StringBuilder(64);
        return send(ControlCommand.pushMoves(plans, why), c -> {
            SubgoalPlan p = c.pushedPlan();
            if (!c.ok()) {
                return Reply.error("refused", "the goal queue has no room for " + p.size() + " more subgoals"
                    + (why.length() > 0 ? " (" + why + ")" : "") + "; 'goals clear' empties it");
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("subgoals", p.size());
            data.put("flips", p.flips());
            data.put("rotations", p.rotations());
            data.put("moves", p.moves().size());
            data.put("top_at_start", String.valueOf(p.topAtStart().letter()));
            data.put("applied_step", c.appliedStep());
            data.putAll(extra);
            Reply reply = Reply.ok("queued " + p.moves().size() + " moves as " + p.size() + " subgoals ("
                + p.flips() + " flips, " + p.rotations() + " rotations), " + p.topAtStart().letter() + " on top at the start")
                .withData(data);
            return body == null ? reply : reply.withBody(body.apply(p));
        });
    }

    private Pending flip(String arg) {
        Face face = arg.length() == 1 ? Face.ofLetter(Character.toUpperCase(arg.charAt(0))) : null;
        if (face == null) {
            return Pending.done(Reply.error("bad-args", "'" + arg + "' is not a face: use one of U R F D L B"));
        }
        return send(ControlCommand.push(SubgoalPlanner.flip(face)), c -> c.ok()
            ? applied(c, "queued a flip bringing " + face.letter() + " up")
            : Reply.error("refused", "the goal queue is full; 'goals clear' empties it"));
    }

    private Pending rotate(String arg) {
        Turn turn = Turn.ofText(arg);
        if (turn == null) {
            return Pending.done(Reply.error("bad-args", "'" + arg + "' is not a direction: use cw or ccw"));
        }
        return send(ControlCommand.push(SubgoalPlanner.rotate(turn)), c -> c.ok()
            ? applied(c, "queued a " + turn.text() + " quarter turn of the face on top")
            : Reply.error("refused", "the goal queue is full; 'goals clear' empties it"));
    }

    private Pending lockJoint(String name) {
        return simulationOnly(() -> {
            List<String> joints = backend.simulatedJoints();
            int index = indexOf(joints, name);
            if (index < 0) {
                return Pending.done(Reply.error("bad-args", "no joint '" + name + "' on this hand; joints: "
                    + String.join(" ", joints)));
            }
            String joint = joints.get(index);
            StringBuilder why = new StringBuilder(128);
            return send(ControlCommand.lockJoint(index, joint, why), c -> c.ok()
                ? applied(c, "joint " + joint + " locked where it is ('perturb unlock' frees it)")
                : Reply.error("refused", why.length() > 0 ? why.toString() : "the hand refused"));
        });
    }

    private Pending driverFault(String arg) {
        return simulationOnly(() -> {
            String a = arg.toLowerCase(java.util.Locale.ROOT);
            if (!a.equals("on") && !a.equals("off")) {
                return Pending.done(Reply.error("bad-args", "'" + arg + "' is not on or off: perturb driver-fault <on|off>"));
            }
            boolean on = a.equals("on");
            StringBuilder why = new StringBuilder(128);
            return send(ControlCommand.driverFault(on, why), c -> c.ok()
                ? applied(c, on ? "the hand's reads report FAULT: the e-stop latches ('perturb driver-fault off',"
                    + " then 'reset')" : "the hand's reads no longer report FAULT ('reset' clears the e-stop)")
                : Reply.error("refused", why.length() > 0 ? why.toString() : "the hand refused"));
        });
    }

    private Pending stall(String arg) {
        return simulationOnly(() -> {
            long ms = millis(arg, 60_000);
            if (ms < 0) {
                return Pending.done(Reply.error("bad-args", "'" + arg + "' is not a time in ms from 1 to 60000:"
                    + " perturb stall <ms>"));
            }
            StringBuilder why = new StringBuilder(128);
            return send(ControlCommand.stall(ms * 1_000_000L, why), c -> c.ok()
                ? applied(c, "the next tick stalls for " + ms + " ms")
                : Reply.error("refused", why.length() > 0 ? why.toString() : "refused"));
        });
    }

    private Pending randomise(List<String> args) {
        return simulationOnly(() -> {
            long seed = 0;
            if (!args.isEmpty()) {
                try {
                    seed = Long.parseLong(args.get(0));
                } catch (NumberFormatException e) {
                    return Pending.done(Reply.error("bad-args", "'" + args.get(0) + "' is not a whole number:"
                        + " perturb randomise [seed]"));
                }
            }
            StringBuilder said = new StringBuilder(128);
            return send(ControlCommand.randomise(!args.isEmpty(), seed, said), c -> c.ok()
                ? applied(c, said.toString())
                : Reply.error("refused", said.length() > 0 ? said.toString() : "refused"));
        });
    }

    private Pending sensorDrop(String kindText, String msText) {
        return simulationOnly(() -> {
            SensorKind kind = SensorKind.ofText(kindText);
            if (kind == null) {
                return Pending.done(Reply.error("bad-args", "'" + kindText + "' is not a sensor: use one of "
                    + SensorKind.names()));
            }
            long ms = millis(msText, 600_000);
            if (ms < 0) {
                return Pending.done(Reply.error("bad-args", "'" + msText + "' is not a time in ms from 1 to 600000:"
                    + " perturb sensor-drop <sensor> <ms>"));
            }
            StringBuilder why = new StringBuilder(128);
            return send(ControlCommand.sensorDrop(kind, ms * 1_000_000L, why), c -> c.ok()
                ? applied(c, "sensor " + kind.text() + " publishes nothing for " + ms + " ms")
                : Reply.error("refused", why.length() > 0 ? why.toString() : "refused"));
        });
    }

    /** {@code text} as whole milliseconds in 1..max, or -1. */
    private static long millis(String text, long max) {
        try {
            long ms = Long.parseLong(text);
            return ms >= 1 && ms <= max ? ms : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Pending simulationOnly(java.util.function.Supplier<Pending> then) {
        if (backend.simulatedJoints().isEmpty()) {
            return Pending.done(Reply.error("not-sim", "perturbations are for the simulated hand only;"
                + " this daemon drives a real hand"));
        }
        return then.get();
    }

    private static int indexOf(List<String> joints, String name) {
        for (int i = 0; i < joints.size(); i++) {
            if (joints.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static Reply applied(ControlCommand c, String message) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("applied_step", c.appliedStep());
        data.put("latency_us", Math.max(0, (c.appliedNanos() - c.createdNanos()) / 1_000));
        return Reply.ok(message).withData(data);
    }

    private static Reply status(ControlCommand c) {
        return Reply.okPairs(c.reply().toString());
    }

    private static Reply goalList(ControlCommand c) {
        List<String> lines = Arrays.asList(LINES.split(c.reply()));
        return Reply.ok(lines.get(0)).withBody(lines.subList(1, lines.size()));
    }
}
