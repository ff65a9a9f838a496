package dev.dexd.controller.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.goals.Face;
import dev.dexd.controller.goals.GoalConfig;
import dev.dexd.controller.goals.GoalTracker;
import dev.dexd.controller.goals.SubgoalPlanner;
import dev.dexd.controller.goals.Turn;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The control thread's answers to 'status' and 'goals list': their text, and that they allocate nothing. */
class ControlThreadTextTest {
    static GoalTracker tracker(int queued) {
        GoalTracker g = new GoalTracker(GoalConfig.defaults());
        g.push(SubgoalPlanner.plan("L2 U2 R2 B D2 B2 D2 L2 F' D' R B F L U' F D' L2", Face.L));
        g.push(SubgoalPlanner.rotate(Turn.CCW));
        for (int i = 0; i < queued; i++) {
            g.push(SubgoalPlanner.flip(Face.U));
        }
        return g;
    }

    @Test
    void statusIsOneLineOfKeysAndValues() {
        StringBuilder sb = new StringBuilder(ControlThreadText.STATUS_CAPACITY);
        ControlThreadText.status(sb, 42, tracker(0), true);
        assertEquals("step=42 episode=0 running=no ended=none estop=on active=none succeeded=0 timed_out=0 drops=0"
            + " queued=44 top=U next_top=L", sb.toString());
        assertEquals(44L, ReplyEncoder.pairs(sb.toString()).get("queued"));
    }

    @Test
    void statusNamesWhyTheEstopIsLatched() {
        StringBuilder sb = new StringBuilder(ControlThreadText.STATUS_CAPACITY);
        ControlThreadText.status(sb, 42, tracker(0), true, "following-error");
        assertEquals("following-error", ReplyEncoder.pairs(sb.toString()).get("estop_reason"));
        sb.setLength(0);
        ControlThreadText.status(sb, 42, tracker(0), false, "following-error");
        assertEquals(null, ReplyEncoder.pairs(sb.toString()).get("estop_reason"), "only while latched");
    }

    @Test
    void theGoalListIsASummaryAndATable() {
        StringBuilder sb = new StringBuilder(ControlThreadText.LIST_CAPACITY);
        ControlThreadText.goals(sb, 0, tracker(0));
        String[] lines = sb.toString().split("\n");
        assertEquals("no active subgoal, 44 queued, L on top when done", lines[0]);
        assertEquals("active: none", lines[1]);
        assertEquals("   #  kind      face  turn  from", lines[2]);
        assertEquals("   1  rotation  L     cw    L2 (move 1)", lines[3]);
        assertEquals("   4  rotation  U     cw    U2 (move 2)", lines[6]);
        String[] plan = SubgoalPlanner.plan("L2 U2 R2 B D2 B2 D2 L2 F' D' R B F L U' F D' L2", Face.L).toTable().split("\n");
        for (int i = 1; i <= 43; i++) {
            assertEquals(plan[i], lines[2 + i], "the same rows as the plan's own table");
        }
        assertEquals("  44  rotation  top   ccw   explicit", lines[46]);
    }

    @Test
    void longQueuesAreCutAndTheBuilderNeverGrows() {
        GoalTracker g = tracker(3000);
        StringBuilder sb = new StringBuilder(ControlThreadText.LIST_CAPACITY);
        ControlThreadText.goals(sb, 0, g);
        assertTrue(sb.toString().endsWith("... and " + (g.queue().size() - ControlThreadText.MAX_ROWS) + " more\n"));
        assertEquals(ControlThreadText.LIST_CAPACITY, sb.capacity(), "filled within its capacity: " + sb.length());
    }

    @Test
    void neitherAnswerAllocates() {
        GoalTracker g = tracker(300);
        StringBuilder status = new StringBuilder(ControlThreadText.STATUS_CAPACITY);
        StringBuilder list = new StringBuilder(ControlThreadText.LIST_CAPACITY);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 20_000; i++) { // warm up: JIT compilation allocates
            status.setLength(0);
            list.setLength(0);
            ControlThreadText.status(status, i, g, false);
            ControlThreadText.goals(list, i, g);
        }
        long before = mx.getThreadAllocatedBytes(id);
        for (int i = 0; i < 10_000; i++) {
            status.setLength(0);
            list.setLength(0);
            ControlThreadText.status(status, i, g, false);
            ControlThreadText.goals(list, i, g);
        }
        long bytes = mx.getThreadAllocatedBytes(id) - before;
        assertTrue(bytes < 10_000, bytes + " bytes allocated by 10000 answers of each");
    }
}
