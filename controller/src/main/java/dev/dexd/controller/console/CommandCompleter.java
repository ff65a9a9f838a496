package dev.dexd.controller.console;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion for {@code dexd console}: command words, then what each command takes (faces,
 * directions, on/off, joint names, help topics).
 */
public final class CommandCompleter implements Completer {
    private static final List<String> FACES = List.of("U", "R", "F", "D", "L", "B");

    private final List<String> joints;

    /** {@code joints}: the names {@code perturb lock-joint} offers (empty when unknown). */
    public CommandCompleter(List<String> joints) {
        this.joints = List.copyOf(joints);
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        for (String s : candidates(line.words(), line.wordIndex())) {
            candidates.add(new Candidate(s));
        }
    }

    /** What may stand as word {@code index} after {@code words} (the words typed so far). */
    public List<String> candidates(List<String> words, int index) {
        if (index == 0) {
            Set<String> first = new LinkedHashSet<>();
            for (Command c : Command.values()) {
                first.add(c.words().split(" ")[0]);
            }
            return new ArrayList<>(first);
        }
        String first = words.get(0);
        if (index == 1 && Command.isGroup(first)) {
            return List.of(Command.subcommands(first).split(", "));
        }
        String name = Command.isGroup(first) && words.size() > 1 ? first + " " + words.get(1) : first;
        int argIndex = index - (Command.isGroup(first) ? 2 : 1);
        if (argIndex != 0) {
            return List.of();
        }
        Command c = Command.named(name);
        if (c == null) {
            return List.of();
        }
        return switch (c) {
            case GOALS_FLIP -> FACES;
            case GOALS_ROTATE -> List.of("cw", "ccw");
            case JSON -> List.of("on", "off");
            case PERTURB_LOCK -> joints;
            case PERTURB_DRIVER_FAULT -> List.of("on", "off");
            case PERTURB_SENSOR_DROP -> List.of("cube_pose", "face_angles", "fingertips");
            case WATCH -> List.of("1", "2", "5", "10");
            case HELP -> candidates(List.of(), 0);
            default -> List.of();
        };
    }
}
