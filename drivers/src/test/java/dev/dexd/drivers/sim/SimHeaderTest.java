package dev.dexd.drivers.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The simulation binding's constants must follow dexd_sim.h. */
class SimHeaderTest {
    @Test
    void versionAndSizesMatchTheHeader() throws IOException {
        String text = Files.readString(Path.of("native/include/dexd_sim.h"));
        assertEquals(NativeSim.API_VERSION, define(text, "DEXD_SIM_API_VERSION"));
        assertEquals(WorldTruth.FACES, define(text, "DEXD_SIM_NUM_FACES"));
        assertEquals(WorldTruth.FINGERTIPS, define(text, "DEXD_SIM_NUM_TIPS"));
        Matcher size = Pattern.compile("\\} dexd_sim_world_truth;\\s+/\\* (\\d+) bytes").matcher(text);
        assertEquals(true, size.find());
        assertEquals(NativeSim.TRUTH_SIZE, Integer.parseInt(size.group(1)));
    }

    private static int define(String text, String name) {
        Matcher m = Pattern.compile("#define " + name + "\\s+(\\d+)").matcher(text);
        assertEquals(true, m.find(), name);
        return Integer.parseInt(m.group(1));
    }
}
