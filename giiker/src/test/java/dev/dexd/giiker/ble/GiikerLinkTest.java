package dev.dexd.giiker.ble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link against a real BlueZ protocol peer ({@link BluezPeer}: a private dbus-daemon, dbusmock's
 * bluez5 template, GATT objects added like BlueZ's): scan, connect, frames byte for byte, the battery
 * and reset commands as the peer recorded them, a disconnect and a removed device survived.
 */
@Timeout(180)
class GiikerLinkTest {
    static final String CUBE = "AA:BB:CC:DD:EE:01";
    static final String SOLVED = "1234567833333333123456789abc000041414141";
    static final String SOLVED_OBFUSCATED = "a1421c1a4759e9af00213cec7026f95e0eb1a70a";
    static final String R_TURN = "07a619d461211354aba5f83031b896569068a7a5";
    static final long WAIT_NANOS = 30_000_000_000L;

    @TempDir
    Path tmp;

    /** Records everything the link delivers, as the decoder would receive it. */
    static final class Recorder implements GiikerLink.Listener {
        final List<String> states = new CopyOnWriteArrayList<>();
        final List<String> angles = new CopyOnWriteArrayList<>();
        final List<String> battery = new CopyOnWriteArrayList<>();
        final List<LinkState> lifecycle = new CopyOnWriteArrayList<>();
        /** The link's last error each time it went to RECONNECTING. */
        final List<String> errors = new CopyOnWriteArrayList<>();
        volatile GiikerLink link;

        @Override
        public void onStateFrame(final byte[] frame, final int length, final long arrivalNanos) {
            assertTrue(arrivalNanos != 0);
            states.add(HexFormat.of().formatHex(frame, 0, length));
        }

        @Override
        public void onAngleFrame(final byte[] frame, final int length, final long arrivalNanos) {
            angles.add(HexFormat.of().formatHex(frame, 0, length));
        }

        @Override
        public void onBattery(final int level, final int charging) {
            battery.add(level + "/" + charging);
        }

        @Override
        public void onConnectionChanged(final LinkState state, final FoundCube cube) {
            lifecycle.add(state);
            if (state == LinkState.RECONNECTING && link != null) {
                errors.add(link.health().lastError());
            }
        }
    }

    static GiikerLinkConfig config(final BluezPeer peer) {
        return GiikerLinkConfig.defaults().withBusAddress(peer.busAddress()).withScanTimeout(Duration.ofSeconds(5))
            .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400), 0);
    }

    @Test
    void scansConnectsDeliversFramesWritesCommandsAndReconnects() throws Exception {
        try (BluezPeer peer = BluezPeer.start(tmp)) {
            peer.command("adapter hci0");
            peer.command("cube hci0 " + CUBE + " GiC12345");
            peer.command("push " + CUBE + " state " + SOLVED); // the cube's state before dexd connects
            final Recorder rec = new Recorder();
            try (GiikerLink link = new GiikerLink(config(peer), rec)) {
                link.start();
                await("connected", () -> link.health().state() == LinkState.CONNECTED, link, peer);
                // the current state is read at connect and delivered first
                await("the state read at connect", () -> rec.states.size() == 1, link, peer);
                assertEquals(SOLVED, rec.states.get(0));
                assertEquals("GiC12345", link.health().cube().name());
                assertEquals(CUBE, link.health().cube().address());
                assertEquals("true", peer.command("notifying " + CUBE + " state"));
                assertEquals("true", peer.command("notifying " + CUBE + " system"));
                assertEquals("1 Transport=le;UUIDs=" + String.join(",", GiikerUuids.SCAN_SERVICES),
                    peer.command("adapter-calls hci0 SetDiscoveryFilter"));
                assertTrue(peer.command("adapter-calls hci0 StopDiscovery").startsWith("1"), "discovery stopped");

                // frames as BlueZ notifies them, byte for byte and in order
                peer.command("push " + CUBE + " state " + R_TURN);
                peer.command("push " + CUBE + " state " + SOLVED_OBFUSCATED);
                await("two notified frames", () -> rec.states.size() == 3, link, peer);
                assertEquals(List.of(SOLVED, R_TURN, SOLVED_OBFUSCATED), rec.states);
                assertEquals(3, link.health().stateFrames());

                // battery asked at connect (0xB5); the peer's reply b5 57 03 parsed
                await("the battery reply", () -> link.health().batteryLevel() == 87, link, peer);
                assertEquals(List.of("87/3"), rec.battery);
                assertEquals(3, link.health().batteryCharging());

                // reset to solved (0xA1), written without response after the battery request
                assertTrue(link.requestReset());
                await("0xA1 written", () -> peer.command("writes " + CUBE).equals("b5,a1"), link, peer);
                link.requestBattery();
                await("0xB5 on request", () -> peer.command("writes " + CUBE).equals("b5,a1,b5"), link, peer);
                assertEquals(0, link.health().writeFailures());

                // the cube goes out of range: Connected=false; the link connects again by itself
                peer.command("drop " + CUBE);
                await("reconnected after a drop",
                    () -> link.health().connects() == 2 && link.health().state() == LinkState.CONNECTED, link, peer);
                assertEquals(1, link.health().disconnects());
                assertEquals(1, link.health().reconnects());
                assertEquals("2", peer.command("calls " + CUBE + " Connect"));
                assertTrue(link.health().lastError().contains("disconnected"), link.health().lastError());
                assertTrue(rec.lifecycle.contains(LinkState.RECONNECTING), rec.lifecycle.toString());
                peer.command("push " + CUBE + " state " + R_TURN);
                await("a frame after the reconnect", () -> rec.states.size() == 5, link, peer);

                // BlueZ forgets the device (InterfacesRemoved); it comes back when the cube is seen again
                peer.command("remove hci0 " + CUBE);
                await("the removal noticed", () -> link.health().disconnects() == 2, link, peer);
                peer.command("cube hci0 " + CUBE + " GiC12345");
                await("reconnected after the device came back",
                    () -> link.health().connects() == 3 && link.health().state() == LinkState.CONNECTED, link, peer);
                peer.command("push " + CUBE + " state " + SOLVED_OBFUSCATED);
                await("a frame from the new device object", () -> rec.states.size() == 6, link, peer);
                // reconnecting reads the state again (the last one notified); the new device object's value is
                // empty until the cube notifies, so nothing is read then
                assertEquals(List.of(SOLVED, R_TURN, SOLVED_OBFUSCATED, SOLVED_OBFUSCATED, R_TURN, SOLVED_OBFUSCATED),
                    rec.states);
                assertEquals(0, link.health().listenerErrors());
            }
            assertEquals(LinkState.STOPPED, rec.lifecycle.get(rec.lifecycle.size() - 1));
            // closing disconnects the cube so a phone can have it
            assertEquals("1", peer.command("calls " + CUBE + " Disconnect"));
        }
    }

    @Test
    void survivesBluezRestarting() throws Exception {
        try (BluezPeer peer = BluezPeer.start(tmp)) {
            peer.command("adapter hci0");
            peer.command("cube hci0 " + CUBE + " GiC12345");
            final Recorder rec = new Recorder();
            try (GiikerLink link = new GiikerLink(config(peer), rec)) {
                rec.link = link;
                link.start();
                await("connected", () -> link.health().state() == LinkState.CONNECTED, link, peer);
                peer.restartBluez(); // bluetoothd leaves the bus without removing its objects
                await("the restart noticed", () -> link.health().disconnects() == 1, link, peer);
                await("reconnecting", () -> !rec.errors.isEmpty(), link, peer);
                assertTrue(rec.errors.get(0).startsWith("BlueZ stopped or restarted"), rec.errors.toString());
                peer.command("adapter hci0");
                peer.command("cube hci0 " + CUBE + " GiC12345");
                await("reconnected", () -> link.health().connects() == 2
                    && link.health().state() == LinkState.CONNECTED, link, peer);
                peer.command("push " + CUBE + " state " + R_TURN);
                await("a frame from the new BlueZ", () -> rec.states.contains(R_TURN), link, peer);
            }
        }
    }

    @Test
    void asksForTheBatteryPeriodicallyAndSurvivesAThrowingListener() throws Exception {
        try (BluezPeer peer = BluezPeer.start(tmp)) {
            peer.command("adapter hci0");
            peer.command("cube hci0 " + CUBE + " GiC12345");
            final List<String> states = new CopyOnWriteArrayList<>();
            final GiikerLink.Listener throwsOnce = new GiikerLink.Listener() {
                @Override
                public void onStateFrame(final byte[] frame, final int length, final long arrivalNanos) {
                    states.add(HexFormat.of().formatHex(frame, 0, length));
                    if (states.size() == 1) {
                        throw new IllegalStateException("a decoder bug");
                    }
                }
            };
            try (GiikerLink link = new GiikerLink(config(peer).withBatteryPeriod(Duration.ofMillis(100)), throwsOnce)) {
                link.start();
                await("three battery requests", () -> peer.command("writes " + CUBE).startsWith("b5,b5,b5"), link, peer);
                peer.command("push " + CUBE + " state " + R_TURN);
                peer.command("push " + CUBE + " state " + SOLVED);
                await("both frames", () -> states.size() == 2, link, peer);
                assertEquals(List.of(R_TURN, SOLVED), states);
                assertEquals(1, link.health().listenerErrors());
                assertTrue(link.health().lastError().contains("a decoder bug"), link.health().lastError());
                assertEquals(LinkState.CONNECTED, link.health().state());
            }
        }
    }

    @Test
    void faceAngleCubeDeliversAngleFrames() throws Exception {
        try (BluezPeer peer = BluezPeer.start(tmp)) {
            peer.command("adapter hci0");
            peer.command("cube hci0 " + CUBE + " GiS00042 angles");
            final Recorder rec = new Recorder();
            try (GiikerLink link = new GiikerLink(config(peer), rec)) {
                link.start();
                await("connected", () -> link.health().state() == LinkState.CONNECTED, link, peer);
                assertEquals("true", peer.command("notifying " + CUBE + " angles"));
                final String angles = "01000700e803f4ff00000000b80b0000d007c3";
                peer.command("push " + CUBE + " angles " + angles);
                peer.command("push " + CUBE + " state " + R_TURN);
                await("an angle frame and a state frame",
                    () -> rec.angles.size() == 1 && rec.states.contains(R_TURN), link, peer);
                assertEquals(angles, rec.angles.get(0));
                assertEquals(1, link.health().angleFrames());
            }
        }
    }

    @Test
    void givesUpAfterTheConfiguredAttemptsWhenNoCubeIsThere() throws Exception {
        try (BluezPeer peer = BluezPeer.start(tmp)) {
            peer.command("adapter hci0");
            peer.command("cube hci0 AA:BB:CC:DD:EE:77 Phone"); // not a cube
            final Recorder rec = new Recorder();
            final GiikerLinkConfig cfg = config(peer).withScanTimeout(Duration.ofMillis(300))
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(40), 2);
            try (GiikerLink link = new GiikerLink(cfg, rec)) {
                link.start();
                await("failed", () -> link.health().state() == LinkState.FAILED, link, peer);
                assertEquals(2, link.health().failedAttempts());
                assertTrue(link.health().lastError().startsWith("found no Giiker cube"), link.health().lastError());
                assertFalse(link.requestReset());
                assertEquals(0, link.health().connects());
            }
        }
    }

    static void await(final String what, final BooleanSupplier condition, final GiikerLink link, final BluezPeer peer) {
        final long end = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                fail("timed out waiting for " + what + "; link: " + link.health() + "; peer: " + peer.log());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
