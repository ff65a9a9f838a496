package dev.dexd.controller.sensing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.common.config.ConfigSource;
import dev.dexd.common.config.StrictYaml;
import dev.dexd.common.sensing.SensorFrame;
import dev.dexd.common.sensing.SensorKind;
import dev.dexd.common.sensing.SensorSource;
import dev.dexd.common.sensing.SourceState;
import dev.dexd.vision.FingertipPacket;
import dev.dexd.vision.MocapConfig;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** The mocap_udp fingertip source through its lifecycle, with real DXFT packets on loopback. */
class MocapFingertipSourceTest {
    @Test
    void packetsReachTheFrameOnTheControlClockAndBadOnesAreCounted() throws Exception {
        MocapConfig config = MocapConfig.read(StrictYaml.parse(new ConfigSource("config", Path.of("t.yaml"), """
            fingertips: {bind: 127.0.0.1, port: 0, source_id: 4, max_age_ms: 1000}
            """)).section("fingertips"));
        MocapFingertipSource mocap = new MocapFingertipSource(config, Throwable::printStackTrace);
        SensorSource[] byKind = new SensorSource[SensorKind.values().length];
        byKind[SensorKind.FINGERTIPS.ordinal()] = mocap;
        double[] tips = new double[15];
        for (int i = 0; i < 15; i++) {
            tips[i] = 0.01 * i - 0.05;
        }
        ByteBuffer tx = ByteBuffer.allocateDirect(256);
        UnsafeBuffer txb = new UnsafeBuffer(tx);
        SensorFrame frame = new SensorFrame();
        try (SensorSources sources = new SensorSources(byKind, new long[SensorKind.values().length]);
             DatagramChannel out = DatagramChannel.open()) {
            sources.configure().start();
            assertEquals(SourceState.RUNNING, mocap.state());
            sources.tick(new double[24], 0, frame);
            assertFalse(frame.fingertips.present());
            FingertipPacket.write(txb, 0, 9, 1, System.currentTimeMillis() * 1_000_000L, tips); // another source id
            tx.clear().limit(FingertipPacket.LENGTH);
            out.send(tx, mocap.address());
            FingertipPacket.write(txb, 0, 4, 2, System.currentTimeMillis() * 1_000_000L, tips);
            tx.clear().limit(FingertipPacket.LENGTH);
            out.send(tx, mocap.address());
            long end = System.nanoTime() + 10_000_000_000L;
            while (frame.fingertips.sequence < 1 && System.nanoTime() < end) {
                sources.tick(new double[24], 0, frame);
                Thread.sleep(1);
            }
            assertEquals(1, frame.fingertips.sequence);
            assertArrayEquals(tips, frame.fingertips.positions, 0.0);
            long age = System.nanoTime() - frame.fingertips.captureNanos;
            assertTrue(age > 0 && age < 1_000_000_000L, "age on the monotonic control clock: " + age);
            while (mocap.counters().rejectedTotal() < 1 && System.nanoTime() < end) {
                Thread.sleep(1);
            }
            int unknown = -1;
            for (int r = 0; r < mocap.counters().reasons(); r++) {
                if (mocap.counters().reason(r).equals("unknown_camera")) {
                    unknown = r;
                }
            }
            assertEquals(1, mocap.counters().rejected(unknown), "the packet of another source id, counted by reason");
            assertEquals(1, mocap.counters().samples());
            assertTrue(sources.describe().get(2).startsWith("fingertips: mocap_udp, running"), sources.describe().get(2));
        }
        assertEquals(SourceState.STOPPED, mocap.state());
    }
}
