package dev.dexd.controller.replay.plot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.dexd.common.geometry.Quaternions;

/**
 * The cube's orientation error to its goal, from what the log holds. Step records carry the cube's
 * quaternion and the subgoal's index, not the goal quaternion; the goal reached the policy through
 * its observation, so it is recovered from there: the manifest (in the log's header) says where
 * {@code rel_goal_quat} (preferred: goal * conjugate(cube), the rotation still to do) or
 * {@code goal_quat} sits and how it was normalised, and the logged (normalised, clipped) values are
 * mapped back. An element at the clip bound is only a bound: such steps are counted
 * ({@link #clippedSteps}). A policy that takes neither feature gives no error ({@link #why}).
 */
public final class GoalOrientation {
    /** What the columns hold. */
    enum Source { REL_GOAL_QUAT, GOAL_QUAT, NONE }

    final Source source;
    /** Observation elements to keep: the feature's four. */
    final int[] columns;
    private final double[] mean = new double[4];
    private final double[] std = {1, 1, 1, 1};
    private final double clip;
    /** Why there is no error series, when {@link #source} is NONE. */
    final String why;
    int clippedSteps;

    private GoalOrientation(Source source, int offset, JsonNode norm, String why) {
        this.source = source;
        this.why = why;
        this.columns = source == Source.NONE ? new int[0] : new int[] {offset, offset + 1, offset + 2, offset + 3};
        double c = Double.POSITIVE_INFINITY;
        if (norm != null && norm.isObject() && source != Source.NONE) {
            for (int k = 0; k < 4; k++) {
                mean[k] = norm.path("mean").path(offset + k).asDouble(0);
                std[k] = norm.path("std").path(offset + k).asDouble(1);
            }
            c = norm.path("clip").asDouble(Double.POSITIVE_INFINITY);
        }
        this.clip = c;
    }

    /** Finds the goal in the observation from the manifest text the log's header keeps. */
    static GoalOrientation fromManifest(String manifestYaml) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(manifestYaml);
        } catch (Exception e) {
            return new GoalOrientation(Source.NONE, 0, null, "the log's manifest cannot be read (" + e.getMessage() + ")");
        }
        JsonNode obs = root == null ? null : root.path("observation");
        int offset = 0;
        int rel = -1;
        int goal = -1;
        for (JsonNode f : obs == null ? YAMLMapper.builder().build().createArrayNode() : obs.path("features")) {
            String name = f.path("name").asText("");
            if (name.equals("rel_goal_quat")) {
                rel = offset;
            } else if (name.equals("goal_quat")) {
                goal = offset;
            }
            offset += f.path("size").asInt(0);
        }
        JsonNode norm = obs == null ? null : obs.get("normalization");
        if (rel >= 0) {
            return new GoalOrientation(Source.REL_GOAL_QUAT, rel, norm, null);
        }
        if (goal >= 0) {
            return new GoalOrientation(Source.GOAL_QUAT, goal, norm, null);
        }
        return new GoalOrientation(Source.NONE, 0, null, "the policy's observation has neither rel_goal_quat nor"
            + " goal_quat, and step records do not carry the goal quaternion");
    }

    /** The error in degrees per step (NaN where the policy did not run, so the observation is not this step's). */
    double[] errorDegrees(LogSeries s) {
        double[] out = new double[s.steps];
        double[] q = new double[4];
        double[] cube = new double[4];
        clippedSteps = 0;
        for (int i = 0; i < s.steps; i++) {
            boolean clipped = false;
            for (int k = 0; k < 4; k++) {
                double v = s.observation[k][i];
                clipped |= Math.abs(v) >= clip;
                q[k] = v * std[k] + mean[k];
                cube[k] = s.cubeQuat[k][i];
            }
            if (clipped) {
                clippedSteps++;
            }
            double angle;
            if (source == Source.REL_GOAL_QUAT) {
                double w = Math.abs(q[0]);
                double v = Math.sqrt(q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
                angle = 2 * Math.atan2(v, w);
            } else {
                angle = Quaternions.angleBetween(q, cube);
            }
            out[i] = (s.flags[i] & dev.dexd.controller.log.StepFlags.POLICY_RAN) != 0 ? Math.toDegrees(angle) : Double.NaN;
        }
        return out;
    }

    /** One line: where the goal came from. */
    String describe() {
        return switch (source) {
            case REL_GOAL_QUAT -> "from the observation's rel_goal_quat (denormalised)";
            case GOAL_QUAT -> "from the observation's goal_quat (denormalised) against the logged cube_quat";
            case NONE -> why;
        };
    }
}
