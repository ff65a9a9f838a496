package dev.dexd.drivers.kinematics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The kinematics binding's constants must follow dexd_fk.h. */
class FkHeaderTest {
    @Test
    void versionAndCountsMatchTheHeader() throws IOException {
        String text = Files.readString(Path.of("native/include/dexd_fk.h"));
        assertEquals(NativeFk.API_VERSION, define(text, "DEXD_FK_API_VERSION"));
        assertEquals(FingertipKinematics.FINGERTIPS, define(text, "DEXD_FK_NUM_TIPS"));
        assertTrue(text.contains("#define DEXD_FK_NUM_JOINTS DEXD_HAND_NUM_JOINTS"));
        assertEquals(24, FingertipKinematics.JOINTS);
    }

    private static int define(String text, String name) {
        Matcher m = Pattern.compile("#define " + name + "\\s+(\\d+)").matcher(text);
        assertTrue(m.find(), name);
        return Integer.parseInt(m.group(1));
    }
}
