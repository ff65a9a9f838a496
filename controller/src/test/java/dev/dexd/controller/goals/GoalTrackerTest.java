package dev.dexd.controller.goals;

import static dev.dexd.controller.goals.GoalEvents.CORRECTIVE_FLIP;
import static dev.dexd.controller.goals.GoalEvents.DROPPED;
import static dev.dexd.controller.goals.GoalEvents.EPISODE_ENDED;
import static dev.dexd.controller.goals.GoalEvents.EPISODE_STARTED;
import static dev.dexd.controller.goals.GoalEvents.POSE_INVALID;
import static dev.dexd.controller.goals.GoalEvents.QUEUE_EMPTY;
import static dev.dexd.controller.goals.GoalEvents.STOPPED;
import static dev.dexd.controller.goals.GoalEvents.SUBGOAL_STARTED;
import static dev.dexd.controller.goals.GoalEvents.SUBGOAL_SUCCEEDED;
import static dev.dexd.controller.goals.GoalEvents.SUBGOAL_TIMED_OUT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.policy.bench.AllocationMeter;
import dev.dexd.common.geometry.Quaternions;
import dev.dexd.policy.observation.SensorSnapshot;
import org.junit.jupiter.api.Test;

class GoalTrackerTest {
    /** A cube resting on the simulated palm, straight, U up. */
    final SensorSnapshot s = new SensorSnapshot();
    long step;

    GoalTrackerTest() {
        s.cubePos[0] = 0.33;
        s.cubePos[1] = 0.01;
        s.cubePos[2] = 0.23;
    }

    int step(final GoalTracker t) {
        return t.onStep(step++, s);
    }

    /** The perfect hand: the cube takes the goal pose at once. */
    void reachGoal() {
        System.arraycopy(s.goalQuat, 0, s.cubeQuat, 0, 4);
        System.arraycopy(s.goalFaceAngles, 0, s.cubeFaceAngles, 0, 6);
    }

    static String flags(final int f) {
        return GoalEvents.describe(f);
    }

    @Test
    void flipThenRotationThenQueueEmpty() {
        final GoalTracker t = new GoalTracker(GoalConfig.defaults());
        assertTrue(t.push(SubgoalPlanner.plan("R", Face.U)));
        assertTrue(t.start());
        assertFalse(t.start(), "already running");

        assertEquals(flags(EPISODE_STARTED | SUBGOAL_STARTED), flags(step(t)));
        assertEquals(SubgoalKind.FLIP, t.activeSubgoal().kind());
        assertEquals(Face.R, t.activeFace());
        final double[] dir = new double[3];
        CubeGeometry.direction(s.goalQuat, Face.R, dir);
        assertEquals(1, dir[2], 1e-9, "goal has R up");
        assertArrayEquals(new double[6], s.goalFaceAngles, 0);

        assertEquals(0, step(t), "still U up: nothing happens");
        assertEquals(Math.PI / 2, t.orientationError(), 1e-9);

        reachGoal();
        assertEquals(flags(SUBGOAL_SUCCEEDED | SUBGOAL_STARTED), flags(step(t)));
        assertEquals(SubgoalKind.ROTATION, t.activeSubgoal().kind());
        assertEquals(Face.R, t.activeFace());
        assertEquals(Face.R, CubeGeometry.topFace(s.cubeQuat));
        assertEquals(-Math.PI / 2, s.goalFaceAngles[Face.R.index()], 1e-15, "clockwise lowers the angle");
        assertEquals(0, s.goalFaceAngles[Face.U.index()], 0);

        // 0.3 rad of yaw about the vertical is within the orientation tolerance; R 0.15 rad short is not done
        final double[] goal = s.goalQuat.clone();
        CubeGeometryTest.multiply(CubeGeometryTest.axisAngle(0, 0, 1, 0.3), goal, s.cubeQuat);
        s.cubeFaceAngles[Face.R.index()] = -Math.PI / 2 + 0.15;
        assertEquals(flags(0), flags(step(t)), "the face is not there yet");
        assertEquals(0.15, t.faceError(), 1e-12);
        assertEquals(0.3, t.orientationError(), 1e-9);
        s.cubeFaceAngles[Face.R.index()] = -Math.PI / 2 + 0.09;
        assertEquals(flags(SUBGOAL_SUCCEEDED | QUEUE_EMPTY | EPISODE_ENDED), flags(step(t)));
        assertEquals(EndReason.QUEUE_EMPTY, t.endReason());
        assertEquals(2, t.attempted());
        assertEquals(2, t.succeeded());
        assertEquals(2, t.consecutiveSuccesses());
        assertFalse(t.isRunning());
        assertNull(t.activeSubgoal());
    }

    @Test
    void rotationGoalKeepsYawAndStraightensTheRest() {
        final GoalTracker t = new GoalTracker(GoalConfig.defaults());
        t.push(SubgoalPlanner.plan("U'", Face.U));
        t.start();
        final double[] yawed = CubeGeometryTest.axisAngle(0, 0, 1, 0.3);
        final double[] tilt = CubeGeometryTest.axisAngle(0, 1, 0, 0.05);
        CubeGeometryTest.multiply(tilt, yawed, s.cubeQuat);
        s.cubeFaceAngles[Face.U.index()] = 0.04;
        s.cubeFaceAngles[Face.F.index()] = Math.PI / 2 - 0.03;
        s.cubeFaceAngles[Face.B.index()] = 3.1;
        assertEquals(flags(EPISODE_STARTED | SUBGOAL_STARTED), flags(step(t)));
        assertEquals(0, Quaternions.angleBetween(s.goalQuat, yawed), 1e-9);
        assertArrayEquals(new double[] {Math.PI / 2, 0, Math.PI / 2, 0, 0, -Math.PI}, s.goalFaceAngles, 1e-15);
        // the orientation test passes already; the face test holds it back
        assertEquals(0, step(t));
        assertEquals(0.05, t.orientationError(), 1e-9);
        s.cubeFaceAngles[Face.U.index()] = Math.PI / 2;
        assertEquals(flags(SUBGOAL_SUCCEEDED | QUEUE_EMPTY | EPISODE_ENDED), flags(step(t)));
    }

    @Test
    void timeoutAfterConfiguredSteps() {
        final GoalTracker t = new GoalTracker(GoalConfig.defaults());
        t.push(SubgoalPlanner.plan("U U", Face.U));
        t.start();
        step = 100;
        assertEquals(flags(EPISODE_STARTED | SUBGOAL_STARTED), flags(step(t)));
        for (int i = 1; i < 1600; i++) {
            assertEquals(0, step(t), "step " + i);
        }
        assertEquals(100 + 1600, step);
        assertEquals(flags(SUBGOAL_TIMED_OUT | EPISODE_ENDED), flags(step(t)));
        assertEquals(EndReason.TIMEOUT, t.endReason());
        assertEquals(1, t.timedOut());
        assertEquals(0, t.succeeded());
        assertEquals(1, t.queue().size(), "the failed subgoal is dropped, the rest stays");
        assertEquals(0, step(t), "ended: nothing more happens");
    }

    @Test
    void successOnTheLastStepBeatsTheTimeout() {
        final GoalTracker t = new GoalTracker(GoalConfig.builder().timeoutSteps(3).build());
        t.push(SubgoalPlanner.plan("U", Face.U));
        t.start();
        step(t);
        step(t);
        step(t);
        reachGoal();
        assertEquals(flags(SUBGOAL_SUCCEEDED | QUEUE_EMPTY | EPISODE_ENDED), flags(step(t)));
    }

    @Test
    void dropBelowHeightEndsTheEpisode() {
        final GoalTracker t = new GoalTracker(GoalConfig.defaults());
        t.push(SubgoalPlanner.plan("U U", Face.U));
        t.start();
        step(t);
        s.cubePos[2] = 0.16;
        assertEquals(0, step(t));
        s.cubePos[2] = 0.0285;
        assertEquals(flags(DROPPED | EPISODE_ENDED), flags(step(t)));
        assertEquals(EndReason.DROP, t.endReason());
        assertEquals(1, t.drops());
    }

    @Test
    void dropByDistanceFromThePalm() {
        final GoalConfig c = GoalConfig.builder().palmX(0.33).palmY(0.01).maxPalmDistance(0.08).build();
        final GoalTracker t = new GoalTracker(c);
        t.push(SubgoalPlanner.plan("U", Face.U));
        t.start();
        step(t);
        s.cubePos[0] = 0.33 + 0.07;
        assertEquals(0, step(t));
        s.cubePos[0] = 0.33 + 0.06;
        s.cubePos[1] = 0.01 - 0.06;
        assertEquals(flags(DROPPED | EPISODE_ENDED), flags(step(t)));
    }

    @Test
    void fiftyConsecutiveSuccessesEndTheEpisodeAndNothingResetsBetweenSubgoals() {
        final GoalTracker t = new GoalTracker(GoalConfig.defaults());
        t.push(SubgoalPlanner.plan("U ".repeat(60), Face.U));
        t.start();
        int starts = 0;
        int episodeStarts = 0;
        int ended = 0;
        for (int i = 0; i < 200 && ended == 0; i++) {
            final int f = step(t);
            starts += (f & SUBGOAL_STARTED) != 0 ? 1 : 0;
            episodeStarts += (f & EPISODE_STARTED) != 0 ? 1 : 0;
            ended += (f & EPISODE_ENDED) != 0 ? 1 : 0;
            if ((f & SUBGOAL_STARTED) != 0 && t.consecutiveSuccesses() == 49) {
                assertEquals(50, t.attempted());
            }
            reachGoal();
        }
        assertEquals(1, ended);
        assertEquals(1, episodeStarts);
        assertEquals(50, starts);
        assertEquals(EndReason.SUCCESSES, t.endReason());
        assertEquals(50, t.succeeded());
        assertEquals(50, t.consecutiveSuccesses());
        assertEquals(10, t.queue().size());

        // a new episode goes on with the queue, counters from zero
        assertTrue(t.start());
        assertEquals(flags(EPISODE_STARTED | SUBGOAL_STARTED), flags(step(t)));
        assertEquals(0, t.succeeded());
        assertEquals(2, t.episodes());
    }

    @Test
    void correctiveFlipWhenThePlannedFaceIsNotOnTop() {
        final GoalTracker t = new GoalTracker(GoalConfig.defaults());
        t.push(SubgoalPlanner.plan("R", Face.R));   // planned as if R were up: one rotation
        t.start();
        assertEquals(flags(EPISODE_STARTED | SUBGOAL_STARTED | CORRECTIVE_FLIP), flags(step(t)));
        assertSame(Subgoal.flip(Face.R), t.activeSubgoal());
        assertTrue(t.activeIsCorrective());
        assertEquals(1, t.queue().size(), "the rotation waits");
        reachGoal();
        assertEquals(flags(SUBGOAL_SUCCEEDED | SUBGOAL_STARTED), flags(step(t)));
        assertEquals(SubgoalKind.ROTATION, t.activeSubgoal().kind());
        assertEquals(1, t.correctiveFlips());
        assertTrue(t.listAsText().startsWith("active: #2 rotate R cw (R)"), t.listAsText());
    }

    @Test
    void explicitRotationTurnsWhateverIsOnTop() {
        final GoalTracker t = new GoalTracker(GoalConfig.defaults());
        s.cubeQuat[0] = Math.cos(Math.PI / 4);
        s.cubeQuat[1] = Math.sin(Math.PI / 4);          // B up
        t.push(SubgoalPlanner.rotate(Turn.CCW));
        t.start();
        assertEquals(flags(EPISODE_STARTED | SUBGOAL_STARTED), flags(step(t)));
        assertEquals(Face.B, t.activeFace());
        assertEquals(Math.PI / 2, s.goalFaceAngles[Face.B.index()], 1e-15);
    }

    @Test
    void invalidPoseIsNotJudgedAndLeavesTheGoal() {
        final GoalTracker t = new GoalTracker(GoalConfig.defaults());
        t.push(SubgoalPlanner.plan("F", Face.U));
        t.start();
        step(t);
        final double[] goal = s.goalQuat.clone();
        reachGoal();
        s.cubeQuat[0] = Double.NaN;
        s.cubePos[2] = -1;                               // would be a drop, but the pose is not trusted
        assertEquals(flags(POSE_INVALID), flags(step(t)));
        assertArrayEquals(goal, s.goalQuat, 0);
        assertTrue(t.isRunning());
        System.arraycopy(goal, 0, s.cubeQuat, 0, 4);
        s.cubePos[2] = 0.23;
        assertEquals(flags(SUBGOAL_SUCCEEDED | SUBGOAL_STARTED), flags(step(t)));
    }

    @Test
    void invalidPoseAtStartDefersTheFirstSubgoal() {
        final GoalTracker t = new GoalTracker(GoalConfig.defaults());
        t.push(SubgoalPlanner.plan("U", Face.U));
        t.start();
        s.cubeFaceAngles[2] = Double.POSITIVE_INFINITY;
        assertEquals(flags(EPISODE_STARTED | POSE_INVALID), flags(step(t)));
        s.cubeFaceAngles[2] = 0;
        assertEquals(flags(SUBGOAL_STARTED), flags(step(t)));
    }

    @Test
    void stopEndsAtOnceAndIsReportedNextStep() {
        final GoalTracker t = new GoalTracker(GoalConfig.defaults());
        t.push(SubgoalPlanner.plan("U U", Face.U));
        t.start();
        step(t);
        t.stop();
        assertFalse(t.isRunning());
        assertEquals(flags(STOPPED | EPISODE_ENDED), flags(step(t)));
        assertEquals(EndReason.STOPPED, t.endReason());
        assertEquals(0, t.timedOut());
    }

    @Test
    void idleGoalIsTheCurrentPoseStraightened() {
        final GoalTracker t = new GoalTracker(GoalConfig.defaults());
        final double[] yaw = CubeGeometryTest.axisAngle(0, 0, 1, 1.0);
        final double[] tilt = CubeGeometryTest.axisAngle(1, 0, 0, 0.2);
        CubeGeometryTest.multiply(tilt, yaw, s.cubeQuat);
        s.cubeFaceAngles[1] = 1.5;
        assertEquals(0, step(t));
        assertEquals(0, Quaternions.angleBetween(s.goalQuat, yaw), 1e-9);
        assertEquals(Math.PI / 2, s.goalFaceAngles[1], 1e-15);
        assertEquals(EndReason.NONE, t.endReason());
    }

    @Test
    void startWithEmptyQueueEndsAtOnce() {
        final GoalTracker t = new GoalTracker(GoalConfig.defaults());
        t.start();
        assertEquals(flags(EPISODE_STARTED | QUEUE_EMPTY | EPISODE_ENDED), flags(step(t)));
    }

    @Test
    void plannedTopFaceFollowsThePlans() {
        final GoalTracker t = new GoalTracker(GoalConfig.defaults());
        assertEquals(Face.U, t.plannedTopFace());
        t.push(SubgoalPlanner.plan("R U L", t.plannedTopFace()));
        assertEquals(Face.L, t.plannedTopFace());
        t.push(SubgoalPlanner.rotate(Turn.CW));
        assertEquals(Face.L, t.plannedTopFace());
        t.push(SubgoalPlanner.plan("B", t.plannedTopFace()));
        assertEquals(Face.B, t.plannedTopFace());
        t.clear();
        assertEquals(Face.U, t.plannedTopFace(), "nothing queued: the face measured up (U before any step)");
    }

    @Test
    void queuePushIsAllOrNothing() {
        final GoalTracker t = new GoalTracker(GoalConfig.builder().queueCapacity(5).build());
        assertTrue(t.push(SubgoalPlanner.plan("R2", Face.U)));     // 3 subgoals
        assertFalse(t.push(SubgoalPlanner.plan("F2", Face.R)));    // 3 more do not fit
        assertEquals(3, t.queue().size());
        assertTrue(t.push(SubgoalPlanner.plan("R'", Face.R)));
        assertEquals(4, t.queue().size());
        final String list = t.listAsText();
        assertTrue(list.contains("active: none\nqueued: 4\n"), list);
        assertTrue(list.contains("   4  rotation  R     ccw   R' (move 1)"), list);
        t.clear();
        assertEquals(0, t.queue().size());
        assertTrue(t.listAsText().endsWith("(none)\n"));
    }

    @Test
    void faceMetrics() {
        final double[] goal = new double[6];
        final double[] off8 = {0.08, -0.08, 0.08, -0.08, 0.08, 2 * Math.PI - 0.08};
        final double[] off9 = {0.09, 0.09, 0.09, 0.09, 0.09, 0.09};
        final SuccessCriteria max = new SuccessCriteria(GoalConfig.defaults());
        final SuccessCriteria l2 = new SuccessCriteria(
            GoalConfig.builder().faceMetric(GoalConfig.FaceMetric.L2).faceTolerance(0.2).build());
        assertEquals(0.08, max.faceError(off8, goal), 1e-12);
        assertTrue(max.isMet(0.1, max.faceError(off9, goal)));
        assertTrue(l2.isMet(0.1, l2.faceError(off8, goal)));
        assertFalse(l2.isMet(0.1, l2.faceError(off9, goal)));
        assertFalse(max.isMet(0.41, 0));
        assertFalse(max.isMet(Double.NaN, 0));
    }

    @Test
    void tiltOnlyOrientationForRotations() {
        final SuccessCriteria tiltOnly = new SuccessCriteria(GoalConfig.builder().rotationTiltOnly(true).build());
        final double[] goal = {1, 0, 0, 0};
        final double[] yawedAndTilted = new double[4];
        CubeGeometryTest.multiply(CubeGeometryTest.axisAngle(1, 0, 0, 0.2), CubeGeometryTest.axisAngle(0, 0, 1, 1.0),
            yawedAndTilted);
        assertEquals(0.2, tiltOnly.orientationError(yawedAndTilted, goal, SubgoalKind.ROTATION, Face.U), 1e-9);
        assertTrue(tiltOnly.orientationError(yawedAndTilted, goal, SubgoalKind.FLIP, Face.U) > 1.0);
    }

    @Test
    void configRefusesBadValuesWithTheKeyPath() {
        assertEquals("goals.timeoutSteps must be >= 1, was 0",
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> GoalConfig.builder().timeoutSteps(0).build()).getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> GoalConfig.builder().orientationTolerance(Double.NaN).build());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> GoalConfig.builder().maxPalmDistance(-1).build());
    }

    /**
     * Each 10,000-step window holds thousands of subgoal starts and successes plus drops and timeouts,
     * so an allocation on any of these paths shows in every window. A window can still catch a few
     * hundred bytes once, while C2 recompiles and deoptimises the test loop itself (seen under
     * surefire, never with -Xint or C1 only), so the test asks for one clean window out of five.
     */
    @Test
    void noAllocationPerStep() {
        final GoalConfig c = GoalConfig.builder().successesToEnd(1_000_000).build();
        final GoalTracker t = new GoalTracker(c);
        final SubgoalPlan plan = SubgoalPlanner.plan("R U' F2 L B' D ".repeat(40), Face.U);
        run(t, plan, 30_000);                                  // warm up: class loading, JIT
        final long[] windows = new long[5];
        for (int w = 0; w < windows.length; w++) {
            final long before = AllocationMeter.allocatedBytes();
            final int events = run(t, plan, 10_000);
            windows[w] = AllocationMeter.allocatedBytes() - before;
            assertTrue(events > 1000, "subgoals started, succeeded, dropped and timed out: " + events);
            if (windows[w] == 0) {
                return;
            }
        }
        throw new AssertionError("bytes allocated in each of five 10,000-step windows: "
            + java.util.Arrays.toString(windows));
    }

    /** Steps a cube that reaches each goal two steps after it is set, drops now and then, and sometimes stalls. */
    private int run(final GoalTracker t, final SubgoalPlan plan, final int steps) {
        int events = 0;
        int wait = 0;
        for (int i = 0; i < steps; i++) {
            if (t.queue().size() < 20) {
                t.clear();
                t.push(plan);                                  // allocation free: the plan's subgoals already exist
            }
            if (!t.isRunning()) {
                s.cubePos[2] = 0.23;
                t.start();
            }
            if (i % 997 == 500) {
                s.cubePos[2] = 0.01;                           // drop
            }
            final int f = t.onStep(step++, s);
            if ((f & SUBGOAL_STARTED) != 0) {
                wait = i % 1999 == 7 ? 1_700 : 2;              // an occasional stall times out
                events++;
            }
            if ((f & (SUBGOAL_SUCCEEDED | DROPPED | SUBGOAL_TIMED_OUT)) != 0) {
                events++;
            }
            if (wait > 0 && --wait == 0) {
                reachGoal();
            }
        }
        return events;
    }
}
