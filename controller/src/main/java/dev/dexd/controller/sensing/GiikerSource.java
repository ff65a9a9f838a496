package dev.dexd.controller.sensing;

import dev.dexd.common.sensing.SensorFrame;
import dev.dexd.common.sensing.SensorKind;
import dev.dexd.common.concurrent.TripleBuffer;
import dev.dexd.common.sensing.LifecycleSource;
import dev.dexd.common.sensing.SourceCounters;
import dev.dexd.common.sensing.SourceState;
import dev.dexd.giiker.ble.FoundCube;
import dev.dexd.giiker.ble.GiikerLink;
import dev.dexd.giiker.ble.GiikerLinkConfig;
import dev.dexd.giiker.ble.LinkHealth;
import dev.dexd.giiker.ble.LinkState;
import dev.dexd.giiker.frame.DecodedAngles;
import dev.dexd.giiker.frame.DecodedState;
import dev.dexd.giiker.frame.FaceAngleDecoder;
import dev.dexd.giiker.frame.FrameCounters;
import dev.dexd.giiker.frame.FrameRejection;
import dev.dexd.giiker.frame.StateFrameFilter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Giiker smart cube over Bluetooth LE ({@code sensors.face_angles: giiker}, {@code
 * sensors.cube_state: giiker}): the BlueZ link on its own thread, each frame decoded and filtered
 * where it arrives (dbus-java's signal thread) and handed to the control thread through a triple
 * buffer.
 *
 * <p>What it gives: the cube's facelets from the state frames; the six face angles from face-angle
 * frames on a cube modified to send them, or zero on a stock cube, whose faces are taken as aligned
 * at rest (its turns change the state). A stock cube notifies only when it is turned, so while the
 * link is connected its last state (and the zero angles) are current: their capture time is the
 * tick's. When the link drops, the samples age from the last moment they were known and go stale
 * after {@code stale_ms}: the hand holds until the cube is back.
 */
public final class GiikerSource extends LifecycleSource {
    private static final Set<SensorKind> KINDS = EnumSet.of(SensorKind.FACE_ANGLES, SensorKind.CUBE_STATE);
    private static final String[] EXTRAS = {"connected", "battery_percent", "reconnects", "disconnects",
        "moves", "write_failures"};

    private final GiikerLinkConfig config;
    private final FrameCounters frames = new FrameCounters();
    private final TripleBuffer<SensorFrame> mailbox = new TripleBuffer<>(SensorFrame::new,
        (from, into) -> into.copyFrom(from));
    private final Counters counters = new Counters();
    // writer side (the link's threads), under 'this'
    private final StateFrameFilter filter = new StateFrameFilter(frames);
    private final FaceAngleDecoder angleDecoder = new FaceAngleDecoder(frames);
    private final DecodedAngles decoded = new DecodedAngles();
    private final SensorFrame written = new SensorFrame();
    // control thread
    private final SensorFrame latest = new SensorFrame();
    private volatile boolean angleCube;       // this connection sent face-angle frames
    private volatile String lastMoves = "";   // newest first, for the console
    private volatile GiikerLink link;

    public GiikerSource(GiikerLinkConfig config) {
        super("giiker", KINDS);
        this.config = config;
    }

    /** The link's settings. */
    public GiikerLinkConfig config() {
        return config;
    }

    @Override
    protected void onConfigure() {
        link = new GiikerLink(config, new Listener());
    }

    @Override
    protected void onStart() {
        link.start();
    }

    @Override
    protected void onStop() {
        GiikerLink l = link;
        if (l != null) {
            l.close();
        }
    }

    /** FAILED when the link gave up ({@code max_attempts}); else the lifecycle's state. */
    @Override
    public SourceState state() {
        SourceState s = super.state();
        GiikerLink l = link;
        return s == SourceState.RUNNING && l != null && l.health().state() == LinkState.FAILED ? SourceState.FAILED : s;
    }

    @Override
    public String lastError() {
        GiikerLink l = link;
        String e = l == null ? null : l.health().lastError();
        return e == null || e.isEmpty() ? super.lastError() : e;
    }

    @Override
    public SourceCounters counters() {
        return counters;
    }

    @Override
    public String describe() {
        return "Giiker cube over Bluetooth LE (BlueZ): " + (config.address() != null ? config.address()
            : "the first cube named " + String.join("/", config.namePrefixes())) + (config.adapter() != null
            ? " on " + config.adapter() : "");
    }

    @Override
    public void onTick(double[] jointPositions, long handStampNanos) {
        mailbox.read(latest);
        GiikerLink l = link;
        if (l == null || l.health().state() != LinkState.CONNECTED) {
            return; // the samples keep their last capture times and go stale
        }
        long now = System.nanoTime();
        if (!angleCube) {
            java.util.Arrays.fill(latest.faceAngles.angles, 0.0); // a stock cube: aligned at rest
            latest.faceAngles.captureNanos = now;
        }
        if (latest.cubeState.present()) {
            latest.cubeState.captureNanos = now; // it notifies every change: while connected its state is current
        }
    }

    @Override
    public void read(SensorKind kind, SensorFrame out) {
        out.copyFrom(kind, latest);
    }

    @Override
    public String status() {
        GiikerLink l = link;
        if (l == null) {
            return state().text();
        }
        LinkHealth h = l.health();
        return h.state().name().toLowerCase(Locale.ROOT) + (h.batteryLevel() == LinkHealth.UNKNOWN ? ""
            : ", battery " + h.batteryLevel() + "%");
    }

    /** Asks the cube to take its state as solved (0xA1); false when no cube is connected. Any thread. */
    public boolean requestReset() {
        GiikerLink l = link;
        return l != null && l.requestReset();
    }

    /** Lines for the console's {@code giiker}: connection, battery, state, last moves, counters. Any thread. */
    public List<String> report() {
        List<String> lines = new ArrayList<>();
        GiikerLink l = link;
        LinkHealth h = l == null ? null : l.health();
        FoundCube cube = h == null ? null : h.cube();
        lines.add("connection " + (h == null ? "not started" : h.state().name().toLowerCase(Locale.ROOT))
            + (cube == null ? "" : ", " + cube.name() + " " + cube.address()));
        lines.add("battery    " + (h == null || h.batteryLevel() == LinkHealth.UNKNOWN ? "unknown"
            : h.batteryLevel() + "%" + charging(h.batteryCharging())));
        DecodedState s;
        String facelets = null;
        synchronized (this) {
            s = filter.known() ? filter.current() : null;
            if (s != null) {
                facelets = s.cube().facelets();
            }
        }
        lines.add("state      " + (facelets == null ? "not known yet" : facelets + (facelets.equals(SOLVED) ? " (solved)" : "")));
        lines.add("last moves " + (lastMoves.isEmpty() ? "(none)" : lastMoves));
        lines.add("cube type  " + (angleCube ? "face angles (frame v1)" : "stock (face angles taken as 0)"));
        lines.add("frames     " + frames.acceptedCount() + " accepted, " + frames.rejectedTotal() + " invalid, "
            + frames.repeatCount() + " repeats, " + frames.moveCount() + " moves"
            + (h == null ? "" : ", reconnects " + h.reconnects() + ", write failures " + h.writeFailures()));
        String e = lastError();
        if (e != null && !e.isEmpty()) {
            lines.add("last error " + e);
        }
        return lines;
    }

    private static final String SOLVED = "UUUUUUUUURRRRRRRRRFFFFFFFFFDDDDDDDDDLLLLLLLLLBBBBBBBBB";

    private static String charging(int c) {
        return switch (c) {
            case 1 -> " (charged)";
            case 2 -> " (charging)";
            case 3 -> " (not charging)";
            default -> "";
        };
    }

    /** The link's callbacks: decode, filter, publish. */
    private final class Listener implements GiikerLink.Listener {
        private final org.agrona.concurrent.UnsafeBuffer view = new org.agrona.concurrent.UnsafeBuffer(new byte[0]);

        @Override
        public void onStateFrame(byte[] frame, int length, long arrivalNanos) {
            synchronized (GiikerSource.this) {
                view.wrap(frame);
                StateFrameFilter.Outcome o = filter.onFrame(view, 0, length);
                if (o == StateFrameFilter.Outcome.INVALID || o == StateFrameFilter.Outcome.REPEAT) {
                    return;
                }
                DecodedState s = filter.current();
                s.cube().writeFacelets(written.cubeState.facelets, 0);
                written.cubeState.captureNanos = arrivalNanos;
                written.cubeState.sequence++;
                if (o == StateFrameFilter.Outcome.MOVE || o == StateFrameFilter.Outcome.JUMP) {
                    lastMoves = s.moves().toString();
                }
                mailbox.publish(written);
            }
        }

        @Override
        public void onAngleFrame(byte[] frame, int length, long arrivalNanos) {
            synchronized (GiikerSource.this) {
                view.wrap(frame);
                if (!angleDecoder.decode(view, 0, length, decoded)) {
                    return;
                }
                angleCube = true;
                for (int f = 0; f < 6; f++) {
                    written.faceAngles.angles[f] = decoded.radians(f);
                }
                written.faceAngles.captureNanos = arrivalNanos;
                written.faceAngles.sequence++;
                mailbox.publish(written);
            }
        }

        @Override
        public void onConnectionChanged(LinkState state, FoundCube cube) {
            if (state == LinkState.CONNECTING) {
                synchronized (GiikerSource.this) {
                    filter.reset(); // a new connection: its first frame is read before CONNECTED is told
                    angleDecoder.reset();
                    angleCube = false;
                }
            }
        }
    }

    /** Accepted frames as samples; invalid frames by reason; the link's health as extra figures. */
    private final class Counters implements SourceCounters {
        @Override
        public long samples() {
            return frames.acceptedCount();
        }

        @Override
        public int reasons() {
            return FrameRejection.count();
        }

        @Override
        public String reason(int i) {
            return FrameRejection.of(i).key().replace('-', '_');
        }

        @Override
        public long rejected(int i) {
            return frames.rejectedCount(FrameRejection.of(i));
        }

        @Override
        public int extras() {
            return EXTRAS.length;
        }

        @Override
        public String extra(int i) {
            return EXTRAS[i];
        }

        @Override
        public long extraValue(int i) {
            GiikerLink l = link;
            if (l == null) {
                return 0;
            }
            LinkHealth h = l.health();
            return switch (i) {
                case 0 -> h.state() == LinkState.CONNECTED ? 1 : 0;
                case 1 -> h.batteryLevel();
                case 2 -> h.reconnects();
                case 3 -> h.disconnects();
                case 4 -> frames.moveCount();
                default -> h.writeFailures();
            };
        }
    }
}
