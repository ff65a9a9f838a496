package dev.dexd.policy.action;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.policy.PolicyException;
import dev.dexd.policy.bench.AllocationMeter;
import dev.dexd.policy.manifest.PolicyManifest.ActionSpec;
import dev.dexd.policy.manifest.PolicyManifest.Mapping;
import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionDecoderTest {
    static final double[] BINS = {-1, -0.8, -0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8, 1};

    static ActionSpec spec(Mapping mapping, String... actuators) {
        return new ActionSpec("logits", 11, BINS, mapping, List.of(actuators));
    }

    /** Logits with a single peak at {@code bin[a]} for actuator a. */
    static FloatBuffer peaks(int... bin) {
        FloatBuffer f = FloatBuffer.allocate(bin.length * 11);
        for (int a = 0; a < bin.length; a++) {
            for (int k = 0; k < 11; k++) {
                f.put(a * 11 + k, k == bin[a] ? 2f : -1f);
            }
        }
        return f;
    }

    @Test
    void relativeMoveIsValueTimesHalfRangeFromCurrentAndClipped() {
        ActuatorRanges r = ActuatorRanges.shadowHand().select(List.of("A_FFJ2", "A_FFJ1", "A_THJ0"));
        ActionDecoder d = new ActionDecoder(spec(Mapping.RELATIVE, "A_FFJ2", "A_FFJ1", "A_THJ0"), r, 0);
        double[] t = new double[3];
        int[] bins = new int[3];
        // FFJ2 range 0..1.571: bin 7 (0.4) from 0.5 -> 0.5 + 0.4 * 0.7855
        // FFJ1 coupled (J1+J0) range 0..pi: bin 10 (+1) from 3.0 -> clipped to pi
        // THJ0 range -1.571..0: bin 0 (-1) from -1.0 -> clipped to -1.571
        d.decode(peaks(7, 10, 0), new double[] {0.5, 3.0, -1.0}, t, bins);
        assertArrayEquals(new int[] {7, 10, 0}, bins);
        assertEquals(0.5 + 0.4 * 0.7855, t[0], 1e-12);
        assertEquals(Math.PI, t[1], 1e-12);
        assertEquals(-1.571, t[2], 1e-12);
    }

    @Test
    void absoluteIsCentrePlusValueTimesHalfRange() {
        ActuatorRanges r = ActuatorRanges.shadowHand().select(List.of("A_WRJ1"));
        ActionDecoder d = new ActionDecoder(spec(Mapping.ABSOLUTE, "A_WRJ1"), r, 0);
        double[] t = new double[1];
        d.decode(peaks(5), new double[] {0.1}, t, new int[1]);
        assertEquals((-0.489 + 0.14) / 2, t[0], 1e-12);
        d.decode(peaks(10), new double[] {0.1}, t, new int[1]);
        assertEquals(0.14, t[0], 1e-12);
    }

    @Test
    void argMaxTakesTheFirstOfEqualLogits() {
        ActuatorRanges r = ActuatorRanges.shadowHand().select(List.of("A_WRJ1"));
        ActionDecoder d = new ActionDecoder(spec(Mapping.ABSOLUTE, "A_WRJ1"), r, 0);
        FloatBuffer f = FloatBuffer.allocate(11);
        f.put(3, 1f).put(8, 1f);
        int[] bins = new int[1];
        d.decode(f, new double[1], new double[1], bins);
        assertEquals(3, bins[0]);
    }

    @Test
    void smoothingIsAnExponentialMovingAverageOfTargets() {
        ActuatorRanges r = ActuatorRanges.shadowHand().select(List.of("A_FFJ2"));
        ActionDecoder d = new ActionDecoder(spec(Mapping.ABSOLUTE, "A_FFJ2"), r, 0.3);
        double[] t = new double[1];
        d.decode(peaks(0), new double[1], t, new int[1]);
        assertEquals(0.0, t[0], 1e-12);              // first step: no history
        d.decode(peaks(10), new double[1], t, new int[1]);
        assertEquals(0.7 * 1.571, t[0], 1e-12);
        d.reset();
        d.decode(peaks(10), new double[1], t, new int[1]);
        assertEquals(1.571, t[0], 1e-12);
    }

    @Test
    void holdKeepsThePreviousTargetsOrTheCurrentPositions() {
        ActuatorRanges r = ActuatorRanges.shadowHand().select(List.of("A_FFJ2", "A_FFJ3"));
        ActionDecoder d = new ActionDecoder(spec(Mapping.RELATIVE, "A_FFJ2", "A_FFJ3"), r, 0);
        double[] t = new double[2];
        d.hold(new double[] {0.3, 0.1}, t);
        assertArrayEquals(new double[] {0.3, 0.1}, t);
        d.decode(peaks(10, 0), new double[] {0.3, 0.1}, t, new int[2]);
        double[] decoded = t.clone();
        d.hold(new double[] {1.0, 0.0}, t);
        assertArrayEquals(decoded, t);
    }

    @Test
    void unknownActuatorsAreNamed() {
        PolicyException e = assertThrows(PolicyException.class,
            () -> ActuatorRanges.shadowHand().select(List.of("A_FFJ2", "A_TOE")));
        assertTrue(e.getMessage().contains("[A_TOE]"));
    }

    @Test
    void allocatesNothing() {
        ActuatorRanges r = ActuatorRanges.shadowHand();
        String[] names = new String[20];
        for (int i = 0; i < 20; i++) {
            names[i] = r.name(i);
        }
        ActionDecoder d = new ActionDecoder(spec(Mapping.RELATIVE, names), r, 0.3);
        FloatBuffer logits = peaks(new int[20]);
        double[] cur = new double[20];
        double[] t = new double[20];
        int[] bins = new int[20];
        for (int i = 0; i < 20_000; i++) {
            d.decode(logits, cur, t, bins);
        }
        assertEquals(0, AllocationMeter.leastAllocated(5, () -> {
            for (int i = 0; i < 10_000; i++) {
                d.decode(logits, cur, t, bins);
                d.hold(cur, t);
            }
        }), "bytes allocated by 10,000 decodes and holds, in the best of five windows");
    }
}
