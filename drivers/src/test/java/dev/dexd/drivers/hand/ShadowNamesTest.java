package dev.dexd.drivers.hand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShadowNamesTest {
    @Test
    void jointsCountFromOneInShadowsNaming() {
        assertEquals("WRJ1", ShadowNames.joint("WRJ2"));
        assertEquals("FFJ0", ShadowNames.joint("FFJ1"));
        assertEquals("FFJ3", ShadowNames.joint("FFJ4"));
        assertEquals("LFJ4", ShadowNames.joint("LFJ5"));
        assertEquals("THJ4", ShadowNames.joint("THJ5"));
        assertThrows(HandException.class, () -> ShadowNames.joint("FFJ0"));
    }

    @Test
    void coupledActuatorIsJ0InShadowsNaming() {
        assertEquals("A_FFJ1", ShadowNames.actuator("FFJ0"));
        assertEquals("A_FFJ2", ShadowNames.actuator("FFJ3"));
        assertEquals("A_WRJ1", ShadowNames.actuator("WRJ2"));
        assertEquals("A_THJ0", ShadowNames.actuator("THJ1"));
        assertEquals("'XXJ1' is not a Shadow actuator name (WR, FF, MF, RF, LF or TH, then J and a digit)",
            assertThrows(HandException.class, () -> ShadowNames.actuator("XXJ1")).getMessage());
    }
}
