package dev.dexd.drivers.hand;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Java binding's constants must follow the C headers it binds. */
class AbiHeaderTest {
    private static int define(String header, String name) throws IOException {
        String text = Files.readString(Path.of("native/include", header));
        Matcher m = Pattern.compile("#define " + name + "\\s+\\(?(-?\\d+)").matcher(text);
        if (!m.find()) {
            throw new AssertionError(name + " not in " + header);
        }
        return Integer.parseInt(m.group(1));
    }

    @Test
    void versionsAndErrorCodesMatchTheHeaders() throws IOException {
        assertEquals(define("dexd_hand.h", "DEXD_HAND_ABI_VERSION"), NativeHand.ABI_VERSION);
        for (HandError e : HandError.values()) {
            if (e != HandError.UNKNOWN) {
                assertEquals(define("dexd_hand.h", "DEXD_HAND_E_" + e.name()), e.code(), e.name());
            }
        }
        assertEquals(define("dexd_hand.h", "DEXD_HAND_NUM_JOINTS"), HandState.JOINTS);
        assertEquals(define("dexd_hand.h", "DEXD_HAND_NUM_ACTUATORS"), HandState.ACTUATORS);
    }

    @Test
    void statusBitsMatchTheHeader() throws IOException {
        String text = Files.readString(Path.of("native/include/dexd_hand.h"));
        int[] bits = {HandStatus.HOLDING, HandStatus.WATCHDOG, HandStatus.CLIPPED, HandStatus.REJECTED,
            HandStatus.LATE, HandStatus.FAULT};
        String[] names = {"HOLDING", "WATCHDOG", "CLIPPED", "REJECTED", "LATE", "FAULT"};
        for (int i = 0; i < bits.length; i++) {
            Matcher m = Pattern.compile("DEXD_HAND_STATUS_" + names[i] + "\\s+\\(1u << (\\d+)\\)").matcher(text);
            assertEquals(true, m.find(), names[i]);
            assertEquals(1 << Integer.parseInt(m.group(1)), bits[i], names[i]);
        }
    }
}
