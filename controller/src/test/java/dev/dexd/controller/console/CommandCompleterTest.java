package dev.dexd.controller.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tab completion of the interactive console. */
class CommandCompleterTest {
    final CommandCompleter completer = new CommandCompleter(List.of("FFJ1", "WRJ2"));

    @Test
    void completesCommandWordsThenTheirArguments() {
        List<String> first = completer.candidates(List.of(""), 0);
        assertTrue(first.containsAll(List.of("help", "status", "goals", "perturb", "solve", "watch", "estop", "quit")),
            first.toString());
        assertEquals(first.size(), first.stream().distinct().count(), "each word once");
        assertEquals(List.of("push", "flip", "rotate", "list", "clear"), completer.candidates(List.of("goals", ""), 1));
        assertEquals(List.of("U", "R", "F", "D", "L", "B"), completer.candidates(List.of("goals", "flip", ""), 2));
        assertEquals(List.of("cw", "ccw"), completer.candidates(List.of("goals", "rotate", ""), 2));
        assertEquals(List.of("FFJ1", "WRJ2"), completer.candidates(List.of("perturb", "lock-joint", ""), 2));
        assertEquals(List.of("on", "off"), completer.candidates(List.of("json", ""), 1));
        assertEquals(List.of(), completer.candidates(List.of("status", ""), 1));
        assertEquals(List.of(), completer.candidates(List.of("goals", "flip", "U", ""), 3));
    }
}
