package dev.dexd.controller.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SyslogLineStreamTest {
    private static String through(int priority, boolean strip, String... writes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(new SyslogLineStream(bytes, priority, strip), true, StandardCharsets.UTF_8);
        for (String w : writes) {
            p.print(w);
            p.flush();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void forTheJournalEveryLineGetsAPriorityAndKeepsItsOwn() throws IOException {
        assertEquals("<6>dexd: configured\n<4>dexd: low disk\n<6>\n<6><b> is not a prefix\n",
            through(6, false, "dexd: configured\n<4>dexd: low disk\n\n<b> is not a prefix\n"));
        assertEquals("<3>dexd: broken\n<6>ok\n", through(3, false, "dexd: ", "broken\n<6", ">ok\n"));
    }

    @Test
    void onATerminalPrefixesAreRemovedAndRedrawsPassAsTheyCome() throws IOException {
        assertEquals("dexd: low disk\nplain\n", through(6, true, "<4>dexd: low disk\nplain\n"));
        // a redraw flushes without a newline: it must reach the terminal at once, untouched
        assertEquals("\rstep 1\033[K\rstep 2\033[K", through(6, true, "\rstep 1\033[K", "\rstep 2\033[K"));
    }
}
