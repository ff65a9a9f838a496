package dev.dexd.giiker.ble;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * The connection to one Giiker cube through BlueZ, on its own thread ({@code dexd-giiker-link}): scan,
 * {@code Connect}, wait for {@code ServicesResolved}, {@code StartNotify} on the state (and system and
 * face-angle) characteristics, read the current state once, ask for the battery (0xB5) at connect and
 * every {@link GiikerLinkConfig#batteryPeriod()}, write 0xA1 when {@link #requestReset()} asks. A lost
 * cube ({@code Connected=false}, its device object removed) or a failed attempt is retried after an
 * exponential backoff. Frames reach the {@link Listener} on dbus-java's signal thread.
 *
 * <p>Threading: {@link #start}, {@link #requestReset}, {@link #requestBattery}, {@link #health} and
 * {@link #close} may be called from any thread; none waits on Bluetooth or D-Bus except {@code close},
 * which waits (bounded) for the link thread to end.
 */
public final class GiikerLink implements AutoCloseable {
    /** How long {@link #close()} waits for the link thread. */
    static final long CLOSE_WAIT_MS = 5_000;
    private static final long SERVICES_POLL_NANOS = 100_000_000L;

    /**
     * Receives what the cube sends. Called on dbus-java's signal thread (frames, battery) and on the link
     * thread ({@link #onConnectionChanged}); must not block. A frame's array belongs to the caller only for
     * the call: copy what you keep. An exception thrown here is counted ({@link LinkHealth#listenerErrors()})
     * and does not stop the link.
     */
    public interface Listener {
        /** A notification (or the value read at connect) of the cube-state characteristic (20 bytes). */
        void onStateFrame(byte[] frame, int length, long arrivalNanos);

        /** A notification of the face-angle characteristic (Nordic UART TX), on cubes that have it. */
        default void onAngleFrame(byte[] frame, int length, long arrivalNanos) {
        }

        /** A battery reply: level in percent, charging 1 charged, 2 charging, 3 not charging. */
        default void onBattery(int level, int charging) {
        }

        /** The link's lifecycle changed; {@code cube} is the cube concerned, or null. */
        default void onConnectionChanged(LinkState state, FoundCube cube) {
        }
    }

    private final GiikerLinkConfig config;
    private final Listener listener;
    private final LinkHealth health = new LinkHealth();
    private final NotificationRouter router;
    private final Backoff backoff;
    private final AtomicBoolean resetRequested = new AtomicBoolean();
    private final AtomicBoolean batteryRequested = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean closing;
    private boolean everConnected;

    public GiikerLink(final GiikerLinkConfig config, final Listener listener) {
        this.config = config;
        this.listener = listener;
        this.backoff = new Backoff(config.backoffInitial().toNanos(), config.backoffMax().toNanos());
        this.thread = new Thread(this::run, "dexd-giiker-link");
        this.thread.setDaemon(true);
        this.router = new NotificationRouter(listener, health, () -> LockSupport.unpark(thread));
    }

    /** Starts the link thread; returns at once. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the Giiker link was started already");
        }
        thread.start();
    }

    /** Health and counters, readable from any thread without locks. */
    public LinkHealth health() {
        return health;
    }

    public GiikerLinkConfig config() {
        return config;
    }

    /**
     * Asks the cube to take its current state as solved (0xA1). Returns at once: true when connected (the
     * link thread writes it; a failed write is counted), false when there is no cube to tell.
     */
    public boolean requestReset() {
        if (health.state() != LinkState.CONNECTED) {
            return false;
        }
        resetRequested.set(true);
        LockSupport.unpark(thread);
        return true;
    }

    /** Asks for the battery level now (0xB5) rather than at the next period; returns at once. */
    public void requestBattery() {
        batteryRequested.set(true);
        LockSupport.unpark(thread);
    }

    /** Stops the link: notifications off and the cube disconnected (best effort), the bus closed. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        if (started.get() && thread != Thread.currentThread()) {
            try {
                thread.join(CLOSE_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!started.get()) {
            state(LinkState.STOPPED, null);
        }
    }

    private void run() {
        int failures = 0;
        boolean failed = false;
        while (!closing) {
            try (Session s = new Session()) {
                s.connectAndServe();
                failures = 0;
            } catch (GiikerLinkException | DBusExecutionException e) {
                failures++;
                fail(e instanceof GiikerLinkException ? e.getMessage() : BluezBus.reason(e));
            } catch (RuntimeException e) {
                // a bug or a library failure: counted and retried like any other, never the end of the thread
                failures++;
                fail("unexpected " + e.getClass().getSimpleName() + ": " + BluezBus.reason(e));
            }
            if (closing) {
                break;
            }
            if (config.maxAttempts() > 0 && failures >= config.maxAttempts()) {
                failed = true;
                state(LinkState.FAILED, health.cube());
                break;
            }
            state(LinkState.RECONNECTING, health.cube());
            final long until = System.nanoTime() + backoff.next();
            for (long left; !closing && (left = until - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(left);
            }
        }
        if (!failed) {
            state(LinkState.STOPPED, health.cube());
        }
    }

    private void fail(final String message) {
        health.failedAttempts.incrementAndGet();
        health.error(message);
    }

    private void state(final LinkState s, final FoundCube cube) {
        health.state(s);
        try {
            listener.onConnectionChanged(s, cube);
        } catch (RuntimeException e) {
            health.listenerErrors.incrementAndGet();
        }
    }

    /** One attempt: a bus connection, the cube found, connected and served until lost or closed. */
    private final class Session implements AutoCloseable {
        private final BluezBus bus = BluezBus.open(config, router::onBusLost);
        private final List<AutoCloseable> handlers;
        private String devicePath;
        private GattPaths gatt;

        Session() {
            try {
                handlers = List.of(
                    bus.connection().addSigHandler(Properties.PropertiesChanged.class, router::onPropertiesChanged),
                    bus.connection().addSigHandler(ObjectManager.InterfacesRemoved.class, router::onInterfacesRemoved),
                    bus.connection().addSigHandler(DBus.NameOwnerChanged.class, router::onNameOwnerChanged));
            } catch (DBusException e) {
                bus.close();
                throw bus.explain("watch BlueZ's signals", e);
            }
        }

        void connectAndServe() {
            state(LinkState.SCANNING, health.cube());
            final List<FoundCube> cubes = new CubeScanner(bus, config)
                .scan(config.scanTimeout(), true, () -> closing);
            if (closing) {
                return;
            }
            if (cubes.isEmpty()) {
                throw new GiikerLinkException(noCubeMessage(config));
            }
            final FoundCube cube = cubes.get(0);
            health.cube(cube);
            state(LinkState.CONNECTING, cube);
            devicePath = cube.path();
            router.watch(devicePath);
            try {
                bus.remote(devicePath, Bluez.Device1.class).connect();
            } catch (DBusExecutionException e) {
                if (!BluezBus.errorName(e).equals(Bluez.ERROR_ALREADY_CONNECTED)) {
                    throw bus.explain("connect to " + cube.name() + " (" + cube.address() + ")", e);
                }
            }
            awaitServicesResolved(cube);
            if (closing || router.lostReason() != null) {
                throw lost();
            }
            gatt = GattPaths.find(bus.managedObjects(), devicePath);
            router.deliver(gatt);
            notify(gatt.state());
            if (gatt.systemNotify() != null) {
                notify(gatt.systemNotify());
            }
            if (gatt.angles() != null) {
                notify(gatt.angles());
            }
            readState();
            write(GiikerUuids.CMD_BATTERY);
            long nextBattery = System.nanoTime() + periodNanos();
            health.connects.incrementAndGet();
            if (everConnected) {
                health.reconnects.incrementAndGet();
            }
            everConnected = true;
            backoff.reset();
            state(LinkState.CONNECTED, cube);
            while (!closing && router.lostReason() == null) {
                if (resetRequested.getAndSet(false)) {
                    write(GiikerUuids.CMD_RESET_SOLVED);
                }
                final long now = System.nanoTime();
                if (batteryRequested.getAndSet(false) || periodNanos() > 0 && now - nextBattery >= 0) {
                    write(GiikerUuids.CMD_BATTERY);
                    nextBattery = now + periodNanos();
                }
                LockSupport.parkNanos(periodNanos() > 0 ? Math.max(1, nextBattery - now) : Long.MAX_VALUE);
            }
            if (!closing) {
                // lost after a good connection: not a failed attempt; retried after the initial backoff
                health.disconnects.incrementAndGet();
                health.error(lost().getMessage());
            }
        }

        private GiikerLinkException lost() {
            final String why = router.lostReason();
            return new GiikerLinkException((why == null ? "stopped" : why) + " (" + health.cube().address()
                + "); reconnecting");
        }

        private long periodNanos() {
            return config.batteryPeriod().toNanos();
        }

        private void awaitServicesResolved(final FoundCube cube) {
            final long end = System.nanoTime() + config.servicesTimeout().toNanos();
            while (!Boolean.TRUE.equals(bus.property(devicePath, Bluez.DEVICE, "ServicesResolved"))) {
                if (closing || router.lostReason() != null) {
                    return;
                }
                if (System.nanoTime() - end >= 0) {
                    throw new GiikerLinkException("the services of " + cube.name() + " (" + cube.address()
                        + ") did not resolve within " + config.servicesTimeout().toMillis() + " ms: bring the cube"
                        + " closer, turn a face to wake it, and check no phone is connected to it");
                }
                LockSupport.parkNanos(SERVICES_POLL_NANOS);
            }
        }

        private void notify(final String path) {
            try {
                bus.remote(path, Bluez.GattCharacteristic1.class).startNotify();
            } catch (DBusExecutionException e) {
                throw bus.explain("start notifications on " + path, e);
            }
        }

        /** The current state, before the first move: read once and delivered like a notification. */
        private void readState() {
            try {
                final byte[] value = bus.remote(gatt.state(), Bluez.GattCharacteristic1.class).readValue(Map.of());
                if (value != null && value.length > 0) {
                    router.stateFrame(value, System.nanoTime());
                }
            } catch (DBusExecutionException e) {
                // notifications still bring the state at the first move; note it and go on
                health.error("could not read the cube's state at connect: " + BluezBus.reason(e));
            }
        }

        private void write(final byte command) {
            if (gatt.command() == null) {
                health.writeFailures.incrementAndGet();
                health.error("the cube has no command characteristic " + GiikerUuids.COMMAND);
                return;
            }
            try {
                // write without response, as the cube's characteristic expects
                bus.remote(gatt.command(), Bluez.GattCharacteristic1.class)
                    .writeValue(new byte[] {command}, Map.of("type", new Variant<>("command")));
                health.writes.incrementAndGet();
            } catch (DBusExecutionException e) {
                health.writeFailures.incrementAndGet();
                health.error(String.format("writing 0x%02X to the cube failed: %s", command & 0xFF, BluezBus.reason(e)));
            }
        }

        /** Notifications off and the cube disconnected when we stop (so a phone can have it); the bus closed. */
        @Override
        public void close() {
            router.clear();
            if (closing && devicePath != null) {
                try {
                    if (gatt != null) {
                        bus.remote(gatt.state(), Bluez.GattCharacteristic1.class).stopNotify();
                    }
                    bus.remote(devicePath, Bluez.Device1.class).disconnect();
                } catch (RuntimeException ignored) {
                    // already gone: nothing to release
                }
            }
            for (AutoCloseable h : handlers) {
                CubeScanner.closeQuietly(h);
            }
            bus.close();
        }
    }

    /** The one line for "no cube found", with the fix. */
    public static String noCubeMessage(final GiikerLinkConfig config) {
        final String which = config.address() != null ? "no cube with address " + config.address()
            : "no Giiker cube (a name starting with " + String.join(", ", config.namePrefixes()) + ")";
        return "found " + which + " within " + config.scanTimeout().toMillis()
            + " ms: switch the cube on (turn a face), bring it closer, and disconnect it from any phone app";
    }
}
