package dev.dexd.drivers.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CaptureChannelTest {
    private final double[] value = new double[1];
    private final double[] out = new double[1];

    @Test
    void capturesOnTheFirstTickAtOrAfterEachSlot() {
        final CaptureChannel channel = new CaptureChannel(10, 0, 1);
        channel.reset(3, 0);
        assertFalse(channel.captureDue(100), "first slot is at first tick + phase");
        assertFalse(channel.captureDue(102));
        assertTrue(channel.captureDue(103));
        assertFalse(channel.captureDue(112));
        assertTrue(channel.captureDue(113));
        assertFalse(channel.captureDue(113), "one capture per slot");
        assertTrue(channel.captureDue(150), "slot 143 captured late; 123 and 133 skipped");
        assertEquals(2, channel.missedCaptures());
        assertEquals(153, channel.nextCaptureNanos());
    }

    @Test
    void releasesAfterTheLatencyAndPublishesTheNewestDue() {
        final CaptureChannel channel = new CaptureChannel(10, 25, 1);
        channel.reset(0, 25);
        push(channel, 0, 1.0);
        push(channel, 10, 2.0);
        push(channel, 20, 3.0);
        assertFalse(channel.release(24, out));
        assertTrue(channel.release(25, out));
        assertEquals(1.0, out[0]);
        assertEquals(0, channel.releasedCaptureNanos());
        assertFalse(channel.release(34, out));
        assertTrue(channel.release(50, out), "captures 10 and 20 are both due; the newest wins");
        assertEquals(3.0, out[0]);
        assertEquals(20, channel.releasedCaptureNanos());
        assertFalse(channel.release(1000, out), "nothing left");
        assertEquals(0, channel.droppedCaptures());
    }

    @Test
    void ringIsSizedForTheMaximumLatency() {
        final CaptureChannel channel = new CaptureChannel(10, 95, 1);
        channel.reset(0, 95);
        for (long t = 0; t < 10_000; t++) {
            if (channel.captureDue(t)) {
                value[0] = t;
                channel.push(t, value);
            }
            if (channel.release(t, out)) {
                assertEquals(t - 95, (long)out[0], "released exactly one latency after capture");
            }
        }
        assertEquals(0, channel.droppedCaptures());
    }

    @Test
    void aFullRingDropsTheOldestAndCountsIt() {
        final CaptureChannel channel = new CaptureChannel(10, 0, 1);
        channel.reset(0, 1000);
        for (int i = 0; i < 5; i++) {
            push(channel, i * 10, i);
        }
        assertEquals(2, channel.droppedCaptures());
        assertTrue(channel.release(2000, out));
        assertEquals(4.0, out[0]);
    }

    private void push(final CaptureChannel channel, final long t, final double v) {
        value[0] = v;
        channel.push(t, value);
    }
}
