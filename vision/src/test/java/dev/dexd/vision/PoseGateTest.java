package dev.dexd.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PoseGateTest {
    private final VisionConfig config = Cameras.config();
    private final PoseGate gate = new PoseGate(config);
    private final double[] p = {0, 0, 0.25};
    private final double[] q = {1, 0, 0, 0};

    @Test
    void sequenceNumbersWrapAsU32AndARestartedSenderIsTakenAfterASecond() {
        final long t = 1_000_000_000_000L;
        final CameraConfig cam = config.cameras().get(0);
        assertNull(gate.check(Cameras.see(cam, p, q, 0xFFFF_FFFEL, t, 1), 1_000_000_000L, t));
        assertNull(gate.check(Cameras.see(cam, p, q, 0xFFFF_FFFFL, t, 1), 1_010_000_000L, t));
        assertNull(gate.check(Cameras.see(cam, p, q, 0, t, 1), 1_020_000_000L, t));     // wrapped: newer
        assertEquals(Rejection.SEQUENCE, gate.check(Cameras.see(cam, p, q, 0xFFFF_FFFFL, t, 1), 1_030_000_000L, t));
        assertNull(gate.check(Cameras.see(cam, p, q, 1, t, 1), 1_040_000_000L, t));
        // a restarted sender begins again at 0: refused at once, taken after a silence of more than a second
        assertEquals(Rejection.SEQUENCE, gate.check(Cameras.see(cam, p, q, 0, t, 1), 1_050_000_000L, t));
        assertNull(gate.check(Cameras.see(cam, p, q, 0, t, 1), 1_040_000_000L + PoseGate.RESTART_NANOS + 1, t));
        assertEquals(0, gate.slot());
    }

    @Test
    void aClosedListenerReportsNothing() {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final VisionListener listener;
        try (PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            listener = VisionListener.start(config, new VisionErrors(ps));
            listener.close();
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals(0, listener.counters().errorCount());
    }
}
