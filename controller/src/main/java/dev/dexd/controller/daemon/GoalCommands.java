package dev.dexd.controller.daemon;

import dev.dexd.controller.command.ControlCommand;
import dev.dexd.controller.command.ControlCommand.Type;
import dev.dexd.controller.console.ControlThreadText;
import dev.dexd.controller.goals.GoalTracker;
import dev.dexd.controller.goals.SubgoalPlan;
import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.EventWriter;
import dev.dexd.controller.safety.Supervisor;
import java.util.function.Supplier;

/**
 * The goal commands on the control thread: start, pause, push a plan or moves, clear, and the
 * {@code status} and {@code goals list} answers (written into the requester's builder, so nothing
 * is allocated here).
 */
final class GoalCommands {
    private final GoalTracker goals;
    private final Supervisor supervisor;
    private final Supplier<String> estopReason;
    private final EventWriter events;
    private final StringBuilder text = new StringBuilder(256);

    /** @param estopReason why the e-stop is latched (one word), for {@code status} */
    GoalCommands(GoalTracker goals, Supervisor supervisor, Supplier<String> estopReason, EventWriter events) {
        this.goals = goals;
        this.supervisor = supervisor;
        this.estopReason = estopReason;
        this.events = events;
    }

    void register(CommandRegistry r) {
        r.on(Type.START, (c, step, now) -> goals.start())
            .on(Type.PAUSE, (c, step, now) -> {
                goals.stop();
                return true;
            })
            .on(Type.CLEAR_GOALS, (c, step, now) -> {
                goals.clear();
                return true;
            })
            .on(Type.PUSH_GOALS, this::push)
            .on(Type.PUSH_MOVES, this::pushMoves)
            .on(Type.STATUS, (c, step, now) -> {
                ControlThreadText.status(c.reply(), step, goals, supervisor.isEstopped(), estopReason.get());
                return true;
            })
            .on(Type.LIST_GOALS, (c, step, now) -> {
                ControlThreadText.goals(c.reply(), step, goals);
                return true;
            });
    }

    private boolean push(ControlCommand c, long step, long now) {
        boolean ok = goals.push(c.plan());
        text.setLength(0);
        text.append(ok ? "pushed " : "queue full, refused ").append(c.plan().size()).append(" subgoals");
        events.write(EventType.GOAL_PUSHED, step, now, text);
        return ok;
    }

    private boolean pushMoves(ControlCommand c, long step, long now) {
        SubgoalPlan plan = c.planFor(goals.plannedTopFace());
        c.pushedPlan(plan);
        boolean ok = goals.push(plan);
        if (!ok && c.reply() != null) {
            c.reply().append("room for ").append(goals.queue().remaining());
        }
        text.setLength(0);
        text.append(ok ? "pushed " : "queue full, refused ").append(plan.size()).append(" subgoals for ")
            .append(plan.moves().size()).append(" moves, ").append(plan.topAtStart().letter())
            .append(" on top at the start");
        events.write(EventType.GOAL_PUSHED, step, now, text);
        return ok;
    }
}
