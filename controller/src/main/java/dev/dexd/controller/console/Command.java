package dev.dexd.controller.console;

import java.util.Locale;

/**
 * The console's commands: the words that name each, how many arguments it takes, its usage and one
 * line of help. Two-word commands ({@code goals push}) are named by both words.
 */
public enum Command {
    HELP("help", "", 0, 1, "this list, or one command's usage"),
    STATUS("status", "", 0, 0, "the episode, the active subgoal, the queue, e-stop (from the control thread)"),
    GOALS_PUSH("goals push", "<moves>", 1, Integer.MAX_VALUE,
        "queue moves in cube notation (R U R' U2 ...), planned into flips and rotations"),
    GOALS_FLIP("goals flip", "<U|R|F|D|L|B>", 1, 1, "queue a flip bringing that face up"),
    GOALS_ROTATE("goals rotate", "<cw|ccw>", 1, 1, "queue a quarter turn of the face on top"),
    GOALS_LIST("goals list", "", 0, 0, "the active subgoal and the queue"),
    GOALS_CLEAR("goals clear", "", 0, 0, "drop every queued subgoal (the active one runs on)"),
    START("start", "", 0, 0, "start an episode with the queued goals"),
    PAUSE("pause", "", 0, 0, "end the episode now: the hand holds"),
    ESTOP("estop", "", 0, 0, "e-stop: the hand holds at once, between ticks, until 'reset' (never rate-limited, needs no auth)"),
    RESET("reset", "", 0, 0, "clear the e-stop"),
    RESET_MEMORY("reset-memory", "", 0, 0, "zero the policy's hidden state now (a perturbation)"),
    PERTURB_LOCK("perturb lock-joint", "<joint>", 1, 1, "simulation: pin a joint where it is (see 'perturb joints')"),
    PERTURB_UNLOCK("perturb unlock", "", 0, 0, "simulation: free every locked joint and clear every simulated fault"),
    PERTURB_DRIVER_FAULT("perturb driver-fault", "<on|off>", 1, 1,
        "simulation: the hand's reads report FAULT (the e-stop latches) or stop doing so"),
    PERTURB_STALL("perturb stall", "<ms>", 1, 1, "simulation: the next tick blocks that long (1..60000 ms)"),
    PERTURB_SENSOR_DROP("perturb sensor-drop", "<cube_pose|face_angles|fingertips|cube_state> <ms>", 2, 2,
        "simulation: that sensor publishes nothing for that long (1..600000 ms)"),
    PERTURB_RANDOMISE("perturb randomise", "[seed]", 0, 1,
        "simulation: resample the dynamics now, from the seed or the run's next perturbation seed"),
    PERTURB_JOINTS("perturb joints", "", 0, 0, "the joint names 'perturb lock-joint' takes"),
    SOLVE("solve", "[54 facelets]", 0, 1,
        "solve a cube state (URFDLB facelets; none: the cube's own, from sensors.cube_state) with Kociemba's"
            + " two-phase algorithm and queue the plan"),
    GIIKER("giiker", "[reset]", 0, 1, "the Giiker cube: connection, battery, state, last moves; 'giiker reset' tells"
        + " the cube its state is solved"),
    WATCH("watch", "[hz]", 0, 1, "stream a status line ('* ...') hz times a second (default 2, up to 100)"),
    UNWATCH("unwatch", "", 0, 0, "stop the stream"),
    STATS("stats", "", 0, 0, "timing percentiles of the loop (from the step log) and of console commands"),
    JSON("json", "<on|off>", 1, 1, "one JSON object per reply from now on, or plain text"),
    AUTH("auth", "<token>", 1, 1, "the first command when the daemon has a token"),
    QUIT("quit", "", 0, 0, "close this connection"),
    SHUTDOWN("shutdown", "", 0, 0, "stop the daemon: the hand holds, the log is closed");

    private final String words;
    private final String usage;
    private final int minArgs;
    private final int maxArgs;
    private final String help;

    Command(String words, String args, int minArgs, int maxArgs, String help) {
        this.words = words;
        this.usage = args.isEmpty() ? words : words + " " + args;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.help = help;
    }

    /** The command's words, e.g. {@code goals push}. */
    public String words() {
        return words;
    }

    /** The words and the arguments, e.g. {@code goals flip <U|R|F|D|L|B>}. */
    public String usage() {
        return usage;
    }

    public String help() {
        return help;
    }

    int minArgs() {
        return minArgs;
    }

    int maxArgs() {
        return maxArgs;
    }

    /** True for the commands with two words, whose first word is {@code first}. */
    static boolean isGroup(String first) {
        return first.equals("goals") || first.equals("perturb");
    }

    /** The command named by these words (lower case), or null. */
    static Command named(String words) {
        for (Command c : values()) {
            if (c.words.equals(words)) {
                return c;
            }
        }
        return null;
    }

    /** The second words of group {@code first}, e.g. "push, flip, rotate, list, clear". */
    static String subcommands(String first) {
        StringBuilder sb = new StringBuilder();
        for (Command c : values()) {
            if (c.words.startsWith(first + " ")) {
                sb.append(sb.length() == 0 ? "" : ", ").append(c.words.substring(first.length() + 1));
            }
        }
        return sb.toString();
    }

    /** The command's name for logs and JSON replies, e.g. {@code goals push}. */
    @Override
    public String toString() {
        return words.toLowerCase(Locale.ROOT);
    }
}
