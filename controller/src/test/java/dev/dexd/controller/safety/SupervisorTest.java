package dev.dexd.controller.safety;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.policy.action.ActuatorRanges;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupervisorTest {
    final ActuatorRanges ranges = ActuatorRanges.shadowHand().select(List.of("A_FFJ2", "A_THJ0"));

    @Test
    void clipsToRangeAndToTheMaximumChangePerStep() {
        Supervisor s = new Supervisor(ranges, 0.1);
        s.anchor(new double[] {0.5, -0.5});
        double[] out = new double[2];
        assertEquals(0, s.check(new double[] {0.55, -0.45}, out));
        assertArrayEquals(new double[] {0.55, -0.45}, out, 1e-12);
        assertEquals(Supervisor.CLIPPED_RATE, s.check(new double[] {1.0, -0.45}, out));
        assertArrayEquals(new double[] {0.65, -0.45}, out, 1e-12);
        s.anchor(new double[] {1.55, -0.01});
        assertEquals(Supervisor.CLIPPED_RANGE, s.check(new double[] {1.6, 0.05}, out));
        assertArrayEquals(new double[] {1.571, 0.0}, out, 1e-12);
        assertEquals(2, s.clips());
    }

    @Test
    void nonFiniteTargetsAreReplacedByTheLastCommand() {
        Supervisor s = new Supervisor(ranges, 0.1);
        s.anchor(new double[] {0.5, -0.5});
        double[] out = new double[2];
        assertEquals(Supervisor.CLIPPED_RANGE, s.check(new double[] {Double.NaN, -0.5}, out));
        assertEquals(0.5, out[0]);
    }

    @Test
    void holdRepeatsTheLastCommandAndTheEstopLatchesUntilReset() {
        Supervisor s = new Supervisor(ranges, 0.1);
        s.anchor(new double[] {0.5, -0.5});
        double[] out = new double[2];
        s.check(new double[] {0.52, -0.5}, out);
        double[] held = new double[2];
        s.hold(held);
        assertArrayEquals(out, held);
        assertEquals(0, s.latches());
        s.estop();
        assertTrue(s.isEstopped());
        s.estop();
        assertTrue(s.isEstopped(), "stays latched");
        assertEquals(1, s.latches(), "a latch while latched is not another");
        s.resetEstop(new double[] {0.3, -0.2});
        assertFalse(s.isEstopped());
        s.estop();
        assertEquals(2, s.latches());
        s.resetEstop(new double[] {0.3, -0.2});
        s.hold(held);
        assertArrayEquals(new double[] {0.3, -0.2}, held);
    }
}
