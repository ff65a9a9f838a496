package dev.dexd.drivers.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SensorConfigTest {
    @Test
    void defaultsAreTheDactylTrainingValues() {
        final SensorConfig c = SensorConfig.defaults();
        assertEquals(80_000_000L, c.stepNanos());
        assertEquals(0.005, c.cameraPositionCorrelatedSd());
        assertEquals(0.001, c.cameraPositionSampleSd());
        assertEquals(0.1, c.cameraOrientationCorrelatedSd());
        assertEquals(0.1, c.cameraOrientationSampleSd());
        assertEquals(3.0, c.cameraLatencyMeanSteps());
        assertEquals(0.5, c.cameraLatencySdSteps());
        assertEquals(12.5, c.faceAnglesRateHz());
        assertEquals(Math.toRadians(5), c.faceAnglesResolution());
        assertEquals(1.0, c.faceAnglesLatencyMeanSteps());
        assertEquals(0.2, c.faceAnglesLatencySdSteps());
        assertEquals(960.0, c.fingertipsRateHz());
        assertEquals(0.001, c.fingertipsCorrelatedSd());
        assertEquals(0.002, c.fingertipsSampleSd());
        assertEquals(0.5, c.fingertipsLatencyMeanSteps());
        assertEquals(0.1, c.fingertipsLatencySdSteps());
    }

    @Test
    void builderChangesOnlyWhatItIsTold() {
        final SensorConfig c = SensorConfig.builder().cameraRateHz(30).fingertipsSampleSd(0.003).build();
        assertEquals(30.0, c.cameraRateHz());
        assertEquals(0.003, c.fingertipsSampleSd());
        assertEquals(SensorConfig.defaults().toBuilder().cameraRateHz(30).fingertipsSampleSd(0.003).build(), c);
        assertEquals(SensorConfig.defaults(), SensorConfig.builder().build());
        assertNotSame(SensorConfig.defaults(), SensorConfig.builder().build());
    }

    @Test
    void noiselessAndFixedLatencyHelpers() {
        final SensorConfig c = SensorConfig.builder().noiseless().fixedLatencySteps(2).build();
        assertEquals(0.0, c.cameraPositionCorrelatedSd() + c.cameraPositionSampleSd()
            + c.cameraOrientationCorrelatedSd() + c.cameraOrientationSampleSd()
            + c.fingertipsCorrelatedSd() + c.fingertipsSampleSd());
        assertEquals(2.0, c.cameraLatencyMeanSteps());
        assertEquals(0.0, c.faceAnglesLatencySdSteps());
        assertEquals(Math.toRadians(5), c.faceAnglesResolution(), "quantisation is not noise");
    }

    @Test
    void badValuesAreRefusedByName() {
        final IllegalArgumentException sd = assertThrows(IllegalArgumentException.class,
            () -> SensorConfig.builder().cameraPositionSampleSd(-1).build());
        assertTrue(sd.getMessage().contains("cameraPositionSampleSd"), sd.getMessage());
        final IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
            () -> SensorConfig.builder().fingertipsRateHz(0).build());
        assertTrue(rate.getMessage().contains("fingertipsRateHz"), rate.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SensorConfig.builder().faceAnglesRateHz(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> SensorConfig.builder().stepNanos(0).build());
        assertThrows(IllegalArgumentException.class,
            () -> SensorConfig.builder().cameraLatencySdSteps(Double.POSITIVE_INFINITY).build());
    }

    @Test
    void periodIsRoundedToNanoseconds() {
        assertEquals(80_000_000L, SensorConfig.periodNanos(12.5));
        assertEquals(1_041_667L, SensorConfig.periodNanos(960));
        assertEquals(1L, SensorConfig.periodNanos(5e9));
    }
}
