package dev.dexd.policy.model;

/**
 * The Rubik's cube policy contract (OpenAI 2019, Table 1) the generated policies follow: 54
 * observation features in seven groups, and 11 bins for each of the Shadow hand's 20 actuators.
 */
final class DemoContract {
    static final String[] FEATURE_NAMES = {
        "fingertip_pos", "cube_pos", "cube_quat", "goal_quat", "rel_goal_quat", "goal_face_angles",
        "rel_goal_face_angles",
    };
    static final int[] FEATURE_SIZES = {15, 3, 4, 4, 4, 12, 12};
    static final int OBSERVATION_SIZE = 54;

    static final String[] ACTUATORS = {
        "A_WRJ1", "A_WRJ0", "A_FFJ3", "A_FFJ2", "A_FFJ1", "A_MFJ3", "A_MFJ2", "A_MFJ1", "A_RFJ3", "A_RFJ2",
        "A_RFJ1", "A_LFJ4", "A_LFJ3", "A_LFJ2", "A_LFJ1", "A_THJ4", "A_THJ3", "A_THJ2", "A_THJ1", "A_THJ0",
    };
    static final int ACTUATOR_COUNT = 20;
    static final int BINS = 11;
    static final int LOGITS = ACTUATOR_COUNT * BINS;
    static final int PERIOD_MS = 80;

    private DemoContract() {
    }
}
