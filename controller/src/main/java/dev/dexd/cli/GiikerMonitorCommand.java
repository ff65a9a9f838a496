package dev.dexd.cli;

import dev.dexd.giiker.ble.BluezBus;
import dev.dexd.giiker.ble.CubeScanner;
import dev.dexd.giiker.ble.FoundCube;
import dev.dexd.giiker.ble.GiikerLink;
import dev.dexd.giiker.ble.GiikerLinkConfig;
import dev.dexd.giiker.ble.GiikerLinkException;
import dev.dexd.giiker.ble.LinkState;
import dev.dexd.giiker.frame.DecodedAngles;
import dev.dexd.giiker.frame.DecodedState;
import dev.dexd.giiker.frame.FaceAngleDecoder;
import dev.dexd.giiker.frame.FrameCounters;
import dev.dexd.giiker.frame.LastMoves;
import dev.dexd.giiker.frame.StateFrameFilter;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dexd giiker monitor}: connects to a cube through the daemon's own transport ({@link GiikerLink}:
 * same scan, reconnects and backoff) and prints each frame as it arrives. Connection changes and battery
 * readings go to stderr, frames to stdout; with {@code --json} one object per line.
 */
@Command(name = "monitor", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Connect to a Giiker cube over Bluetooth LE (BlueZ) and print each frame it sends: state frames"
        + " (and face-angle frames on a cube that has them). Reconnects by itself; runs until interrupted,"
        + " or --count/--seconds.",
        "Connection changes and battery readings go to stderr; at the end one line gives the link's counters."})
public final class GiikerMonitorCommand implements Callable<Integer> {
    static final int QUEUE = 1024;

    @Option(names = "--address", paramLabel = "A", description = "The cube's Bluetooth address; default: the first cube found.")
    String address;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    @Option(names = "--count", paramLabel = "N", description = "Stop after printing N frames.")
    Long count;

    @Option(names = "--seconds", paramLabel = "S", description = "Stop after S seconds.")
    Double seconds;

    @Option(names = "--scan-seconds", paramLabel = "S", defaultValue = "10",
        description = "How long to look for the cube before giving up (default ${DEFAULT-VALUE} s).")
    double scanSeconds;

    @Option(names = "--adapter", paramLabel = "NAME", description = "Bluetooth adapter (hci0, ...); default: the first.")
    String adapter;

    @Option(names = "--bus", paramLabel = "ADDRESS",
        description = "D-Bus address of the bus BlueZ is on; default: DBUS_SYSTEM_BUS_ADDRESS, else the system bus.")
    String bus;

    /** A frame as the link delivered it, copied: the link's array is only valid during the call. */
    record Frame(String kind, byte[] bytes, long arrivalNanos) {
    }

    @Override
    public Integer call() throws InterruptedException {
        if (count != null && count < 1) {
            throw new UserError("--count needs a positive number, got " + count);
        }
        if (seconds != null && !(seconds > 0)) {
            throw new UserError("--seconds needs a positive number, got " + seconds);
        }
        if (!(scanSeconds > 0 && scanSeconds <= GiikerScanCommand.MAX_SECONDS)) {
            throw new UserError("--scan-seconds needs a number above 0 and at most "
                + (int) GiikerScanCommand.MAX_SECONDS + ", got " + scanSeconds);
        }
        GiikerLinkConfig config = GiikerLinkConfig.defaults().withBusAddress(bus).withAdapter(adapter)
            .withAddress(address).withScanTimeout(Duration.ofNanos((long) (scanSeconds * 1e9)));
        final PrintStream out = System.out;
        final PrintStream err = System.err;
        // first the errors a user fixes (no bus, no BlueZ, no adapter, no cube): one line and exit 1, before
        // the link would retry them forever
        try (BluezBus b = BluezBus.open(config)) {
            final List<FoundCube> cubes = new CubeScanner(b, config).scan(config.scanTimeout(), true, () -> false);
            if (cubes.isEmpty()) {
                throw new UserError(GiikerLink.noCubeMessage(config));
            }
            config = config.withAddress(cubes.get(0).address());
        } catch (GiikerLinkException e) {
            throw new UserError(e.getMessage(), e);
        }
        final BlockingQueue<Frame> frames = new ArrayBlockingQueue<>(QUEUE);
        final AtomicLong dropped = new AtomicLong();
        final GiikerLink.Listener listener = new GiikerLink.Listener() {
            @Override
            public void onStateFrame(final byte[] frame, final int length, final long arrivalNanos) {
                offer(new Frame("state", java.util.Arrays.copyOf(frame, length), arrivalNanos));
            }

            @Override
            public void onAngleFrame(final byte[] frame, final int length, final long arrivalNanos) {
                offer(new Frame("angles", java.util.Arrays.copyOf(frame, length), arrivalNanos));
            }

            @Override
            public void onBattery(final int level, final int charging) {
                err.println("battery " + level + "% (" + charging(charging) + ")");
                err.flush();
            }

            @Override
            public void onConnectionChanged(final LinkState state, final FoundCube cube) {
                if (state == LinkState.CONNECTING) {
                    // a new connection's frames start afresh (its first is read before CONNECTED is told)
                    offer(new Frame("connected", new byte[0], System.nanoTime()));
                }
                err.println(state.name().toLowerCase(Locale.ROOT) + (cube == null ? "" : " " + cube.name() + " "
                    + cube.address()));
                err.flush();
            }

            private void offer(final Frame f) {
                if (!frames.offer(f)) {
                    dropped.incrementAndGet();
                }
            }
        };
        final GiikerLink link = new GiikerLink(config, listener);
        final Thread hook = new Thread(link::close, "dexd-giiker-monitor-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            link.start();
            final long end = seconds == null ? Long.MAX_VALUE : System.nanoTime() + (long) (seconds * 1e9);
            long printed = 0;
            final Printer printer = new Printer();
            while ((count == null || printed < count) && System.nanoTime() - end < 0
                && link.health().state() != LinkState.FAILED) {
                final Frame f = frames.poll(Math.min(200_000_000L, Math.max(1, end - System.nanoTime())),
                    TimeUnit.NANOSECONDS);
                if (f != null) {
                    final String line = printer.format(f, json);
                    if (line != null) {
                        out.println(line);
                        out.flush();
                        printed++;
                    }
                }
            }
        } finally {
            link.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // the JVM is shutting down already: the hook runs or ran
            }
        }
        err.println("giiker: " + link.health() + (dropped.get() > 0 ? " dropped_by_monitor=" + dropped.get() : ""));
        err.flush();
        if (link.health().state() == LinkState.FAILED) {
            throw new UserError(link.health().lastError());
        }
        return Dexd.OK;
    }

    /**
     * Decodes the frames in arrival order with the daemon's decoders and stream filter: a state frame as
     * its facelets and last moves (the repeated first frame after connecting is not printed; a change by
     * one turn is a move), a face-angle frame as its six angles; an invalid frame with its reason.
     */
    static final class Printer {
        private final FrameCounters counters = new FrameCounters();
        private final StateFrameFilter filter = new StateFrameFilter(counters);
        private final FaceAngleDecoder angles = new FaceAngleDecoder(counters);
        private final DecodedAngles decoded = new DecodedAngles();

        /** The line for {@code f}, or null when nothing is printed for it (a repeat, a connection marker). */
        String format(final Frame f, final boolean json) {
            final String hex = HexFormat.of().formatHex(f.bytes());
            switch (f.kind()) {
                case "connected" -> {
                    filter.reset();
                    angles.reset();
                    return null;
                }
                case "angles" -> {
                    if (!angles.decode(f.bytes(), decoded)) {
                        return invalid("angles", hex, f, angles.rejection().key(), json);
                    }
                    final StringBuilder b = new StringBuilder();
                    for (int i = 0; i < 6; i++) {
                        b.append(i == 0 ? "" : json ? ", " : " ").append(String.format(Locale.ROOT, "%.2f",
                            decoded.degrees(i)));
                    }
                    return json ? "{\"kind\": \"angles\", \"arrival_ns\": " + f.arrivalNanos() + ", \"hex\": \"" + hex
                        + "\", \"sequence\": " + decoded.sequence() + ", \"degrees_urfdlb\": [" + b + "]}"
                        : "angles " + hex + "  URFDLB " + b + " deg";
                }
                default -> {
                    final StateFrameFilter.Outcome o = filter.onFrame(f.bytes());
                    if (o == StateFrameFilter.Outcome.REPEAT) {
                        return null;
                    }
                    if (o == StateFrameFilter.Outcome.INVALID) {
                        return invalid("state", hex, f, filter.rejection().key(), json);
                    }
                    final DecodedState st = filter.current();
                    final LastMoves m = st.moves();
                    final String event = o.name().toLowerCase(Locale.ROOT);
                    if (json) {
                        final StringBuilder b = new StringBuilder("{\"kind\": \"state\", \"arrival_ns\": ")
                            .append(f.arrivalNanos()).append(", \"hex\": \"").append(hex).append("\", \"event\": \"")
                            .append(event).append("\", \"facelets\": \"").append(st.cube().facelets())
                            .append("\", \"solved\": ").append(st.cube().isSolved()).append(", \"moves\": [");
                        for (int i = 0; i < m.count(); i++) {
                            b.append(i == 0 ? "\"" : ", \"").append(m.notation(i)).append('"');
                        }
                        return b.append("]}").toString();
                    }
                    return "state " + hex + "  " + event + (o == StateFrameFilter.Outcome.MOVE ? " " + m.notation(0) : "")
                        + "  facelets " + st.cube().facelets() + "  last moves " + (m.count() == 0 ? "(none)" : m);
                }
            }
        }

        private static String invalid(final String kind, final String hex, final Frame f, final String reason,
                                      final boolean json) {
            return json ? "{\"kind\": \"" + kind + "\", \"arrival_ns\": " + f.arrivalNanos() + ", \"hex\": \"" + hex
                + "\", \"event\": \"invalid\", \"reason\": \"" + reason + "\", \"facelets\": null, \"moves\": []}"
                : kind + " " + hex + "  invalid (" + reason + ")";
        }
    }

    private static String charging(final int c) {
        return switch (c) {
            case 1 -> "charged";
            case 2 -> "charging";
            case 3 -> "not charging";
            default -> "charging state " + c;
        };
    }
}
