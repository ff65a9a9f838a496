package dev.dexd.cli;

import dev.dexd.common.config.ConfigNode;
import dev.dexd.common.config.StrictYaml;
import dev.dexd.vision.FusedPose;
import dev.dexd.vision.PoseEstimate;
import dev.dexd.vision.PoseSender;
import dev.dexd.vision.VisionConfig;
import dev.dexd.vision.VisionListener;
import dev.dexd.vision.WallClock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dexd vision listen | send}: the bring-up tools of the UDP cube-pose input (docs/vision.md).
 * {@code listen} runs the daemon's own listener ({@link VisionListener}: the same validation and
 * fusion) and prints the fused poses; {@code send} streams pose packets, so the two test each other
 * and a lab can check its estimator's packets before dexd drives a hand with them.
 */
@Command(name = "vision", mixinStandardHelpOptions = true,
    description = "Listen for and send camera pose packets (UDP, protocol DXPS v1; see docs/vision.md).",
    subcommands = {VisionCommand.Listen.class, VisionCommand.Send.class})
public final class VisionCommand {
    static final int DEFAULT_IDENTITY_CAMERAS = 3;

    /** {@code dexd vision listen}: prints each fused pose as it is made. */
    @Command(name = "listen", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Listen for pose packets as the daemon does (validation, outlier rejection, fusion) and print"
            + " each fused pose: position, quaternion, cameras used, age (the latest every 0.5 ms, as the control step"
            + " reads it). Runs until interrupted, or --count/--seconds.",
            "At the end (or with --count/--seconds) one line on stderr gives the counters: received, accepted, fused,"
                + " rejected by reason."})
    static final class Listen implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE",
            description = "dexd config whose sensors.cube_pose section gives address and cameras. Without it: "
                + "127.0.0.1:5005 and cameras 1..--cameras whose frames are the world frame.")
        Path config;

        @Option(names = "--json", description = "One JSON object per line.")
        boolean json;

        @Option(names = "--bind", paramLabel = "ADDR", description = "Listen on this address instead.")
        String bind;

        @Option(names = "--port", paramLabel = "P", description = "Listen on this port instead (0: any free one).")
        Integer port;

        @Option(names = "--cameras", paramLabel = "N", defaultValue = "3",
            description = "Without --config: accept camera ids 1..N, each frame taken as the world frame (default 3).")
        int cameras;

        @Option(names = "--count", paramLabel = "N", description = "Stop after printing N poses.")
        Long count;

        @Option(names = "--seconds", paramLabel = "S", description = "Stop after S seconds.")
        Double seconds;

        @Override
        public Integer call() {
            if (count != null && count < 1) {
                throw new UserError("--count needs a positive number, got " + count);
            }
            if (seconds != null && !(seconds > 0)) {
                throw new UserError("--seconds needs a positive number, got " + seconds);
            }
            if (config == null && (cameras < 1 || cameras > VisionConfig.MAX_CAMERAS)) {
                throw new UserError("--cameras needs 1 to " + VisionConfig.MAX_CAMERAS + ", got " + cameras);
            }
            VisionConfig vc = config != null ? fromFile(config)
                : VisionConfig.identityCameras(VisionConfig.DEFAULT_BIND, VisionConfig.DEFAULT_PORT, cameras);
            if (bind != null || port != null) {
                if (port != null && (port < 0 || port > 65_535)) {
                    throw new UserError("--port needs 0 to 65535, got " + port);
                }
                vc = vc.withAddress(bind != null ? bind : vc.bind(), port != null ? port : vc.port());
            }
            final PrintStream out = System.out;
            final PrintStream err = System.err;
            final WallClock clock = new WallClock();
            try (VisionListener listener = VisionListener.start(vc, new dev.dexd.vision.VisionErrors(err), new WallClock())) {
                err.println("listening on " + listener.address().getAddress().getHostAddress() + ":"
                    + listener.address().getPort() + " for cameras " + ids(vc));
                err.flush();
                final long end = seconds == null ? Long.MAX_VALUE : System.nanoTime() + (long) (seconds * 1e9);
                final FusedPose pose = new FusedPose();
                long last = 0;
                long printed = 0;
                while ((count == null || printed < count) && System.nanoTime() < end) {
                    listener.read(pose);
                    if (pose.count != last) {
                        last = pose.count;
                        printed++;
                        out.println(json ? json(pose, clock.nanoTime()) : text(pose, clock.nanoTime()));
                        out.flush();
                    } else {
                        LockSupport.parkNanos(500_000);
                    }
                }
                err.println("vision: " + listener.counters());
            }
            return Dexd.OK;
        }

        private static String ids(final VisionConfig vc) {
            final List<String> ids = new ArrayList<>();
            vc.cameras().forEach(c -> ids.add(c.id() + " (" + c.name() + ")"));
            return String.join(", ", ids);
        }

        /** {@code sensors.cube_pose} of a dexd config; its {@code source} and {@code stale_ms} are known keys here too. */
        static VisionConfig fromFile(final Path file) {
            final ConfigNode root = StrictYaml.read("config", file, "pass an existing file with --config");
            final ConfigNode section = root.section("sensors").section("cube_pose");
            if (!section.isPresent()) {
                throw new UserError("config " + file + " has no sensors.cube_pose section: add one with cameras"
                    + " (see docs/vision.md), or leave out --config to take cameras 1.." + DEFAULT_IDENTITY_CAMERAS
                    + " in the world frame");
            }
            final VisionConfig vc = VisionConfig.read(section);
            section.get("source");
            section.get("stale_ms");
            section.rejectUnknownKeys();
            return vc;
        }
    }

    /** {@code dexd vision send}: streams pose packets (bounded). */
    @Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send pose packets as a camera's estimator would: for bring-up and tests. Stops by itself:"
            + " after --count packets, --seconds, the CSV's rows, or else 10 seconds."})
    static final class Send implements Callable<Integer> {
        static final double DEFAULT_SECONDS = 10;

        @Option(names = "--camera", paramLabel = "N", required = true, description = "Camera id (as configured).")
        int camera;

        @Option(names = "--pose", paramLabel = "\"x y z qw qx qy qz\"",
            description = "The pose in the camera frame (m; unit quaternion). Default: \"0 0 0 1 0 0 0\".")
        String pose;

        @Option(names = "--csv", paramLabel = "F",
            description = "Send these rows in order instead: x,y,z,qw,qx,qy,qz[,confidence[,top_face_angle]];"
                + " '#' lines and a header row are skipped.")
        Path csv;

        @Option(names = "--rate", paramLabel = "HZ", defaultValue = "30", description = "Packets per second (default 30).")
        double rate;

        @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1", description = "Default 127.0.0.1.")
        String host;

        @Option(names = "--port", paramLabel = "P", defaultValue = "5005", description = "Default 5005.")
        int port;

        @Option(names = "--count", paramLabel = "N", description = "Packets to send (CSV rows repeat).")
        Long count;

        @Option(names = "--seconds", paramLabel = "S", description = "Stop after S seconds.")
        Double seconds;

        @Option(names = "--confidence", paramLabel = "C", defaultValue = "1.0", description = "0..1 (default 1).")
        double confidence;

        @Option(names = "--top-face-angle", paramLabel = "RAD", description = "Also send this top-face angle.")
        Double topFaceAngle;

        @Option(names = "--json", description = "Send the JSON form instead of the binary one.")
        boolean json;

        @Option(names = "--seq", paramLabel = "N", defaultValue = "1", description = "First sequence number (default 1).")
        long firstSequence;

        @Override
        public Integer call() throws Exception {
            if (camera < 0 || camera > 65_535) {
                throw new UserError("--camera needs an id from 0 to 65535, got " + camera);
            }
            if (!(rate > 0 && rate <= 100_000)) {
                throw new UserError("--rate needs a number of packets per second above 0 and at most 100000, got " + rate);
            }
            if (port < 1 || port > 65_535) {
                throw new UserError("--port needs 1 to 65535, got " + port);
            }
            if (count != null && count < 1 || seconds != null && !(seconds > 0)) {
                throw new UserError("--count and --seconds need positive numbers");
            }
            if (!(confidence >= 0 && confidence <= 1)) {
                throw new UserError("--confidence needs a number from 0 to 1, got " + confidence);
            }
            if (pose != null && csv != null) {
                throw new UserError("give --pose or --csv, not both");
            }
            final List<double[]> rows = csv != null ? readCsv(csv) : List.of(parsePose(pose == null ? "0 0 0 1 0 0 0" : pose, "--pose"));
            final long n = count != null ? count
                : seconds != null ? Long.MAX_VALUE
                : csv != null ? rows.size() : (long) Math.ceil(rate * DEFAULT_SECONDS);
            final long end = seconds == null ? Long.MAX_VALUE : System.nanoTime() + (long) (seconds * 1e9);
            final long period = Math.max(1, Math.round(1e9 / rate));
            final WallClock clock = new WallClock();
            final PoseEstimate e = new PoseEstimate();
            e.camera = camera;
            long sent = 0;
            try (PoseSender sender = PoseSender.open(host, port)) {
                final long start = System.nanoTime();
                for (long i = 0; i < n; i++) {
                    final long due = start + i * period;
                    if (due >= end) {
                        break;
                    }
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    final double[] row = rows.get((int) (i % rows.size()));
                    System.arraycopy(row, 0, e.position, 0, 3);
                    System.arraycopy(row, 3, e.quaternion, 0, 4);
                    e.confidence = Double.isNaN(row[7]) ? confidence : row[7];
                    e.topFaceAngle = !Double.isNaN(row[8]) ? row[8] : topFaceAngle != null ? topFaceAngle : Double.NaN;
                    e.sequence = (firstSequence + i) & 0xFFFF_FFFFL;
                    e.captureNanos = clock.nanoTime();
                    if (json) {
                        sender.sendJson(e);
                    } else {
                        sender.send(e);
                    }
                    sent++;
                }
            }
            System.err.println("sent " + sent + " packets to " + host + ":" + port + " (camera " + camera + ", "
                + fmt(rate) + " Hz" + (json ? ", JSON" : "") + ")");
            return Dexd.OK;
        }

        /** x y z qw qx qy qz (spaces or commas), then optional confidence and top-face angle (NaN when absent). */
        static double[] parsePose(final String text, final String where) {
            final String[] parts = text.trim().split("[\\s,]+");
            if (parts.length < 7 || parts.length > 9) {
                throw new UserError(where + ": expected \"x y z qw qx qy qz\" (7 numbers), got '" + text + "'");
            }
            final double[] row = {0, 0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN};
            for (int i = 0; i < parts.length; i++) {
                try {
                    row[i] = Double.parseDouble(parts[i]);
                } catch (NumberFormatException ex) {
                    throw new UserError(where + ": '" + parts[i] + "' is not a number");
                }
                if (!Double.isFinite(row[i])) {
                    throw new UserError(where + ": '" + parts[i] + "' is not a finite number");
                }
            }
            final double norm = Math.sqrt(row[3] * row[3] + row[4] * row[4] + row[5] * row[5] + row[6] * row[6]);
            if (Math.abs(norm - 1) > 1e-3) {
                throw new UserError(where + ": the quaternion qw qx qy qz must have norm 1 (within 1e-3), got "
                    + fmt(norm) + ": normalise it");
            }
            if (parts.length > 7 && !(row[7] >= 0 && row[7] <= 1)) {
                throw new UserError(where + ": confidence must be from 0 to 1, got " + parts[7]);
            }
            return row;
        }

        static List<double[]> readCsv(final Path file) {
            final List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (NoSuchFileException ex) {
                throw new UserError("CSV not found: " + file + " (pass an existing file with --csv)");
            } catch (IOException ex) {
                throw new UserError("cannot read CSV " + file + ": " + ex.getMessage());
            }
            final List<double[]> rows = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                final String line = lines.get(i).trim();
                if (line.isEmpty() || line.startsWith("#") || rows.isEmpty() && Character.isLetter(line.charAt(0))) {
                    continue;
                }
                rows.add(parsePose(line, "CSV " + file + " line " + (i + 1)));
            }
            if (rows.isEmpty()) {
                throw new UserError("CSV " + file + " has no rows: write x,y,z,qw,qx,qy,qz per line");
            }
            return rows;
        }
    }

    static String text(final FusedPose p, final long nowNanos) {
        return String.format(Locale.ROOT,
            "pose %d  position %.4f %.4f %.4f m  quaternion %.4f %.4f %.4f %.4f  cameras %d  age %.1f ms%s",
            p.count, p.position[0], p.position[1], p.position[2], p.quaternion[0], p.quaternion[1], p.quaternion[2],
            p.quaternion[3], p.camerasUsed, (nowNanos - p.captureNanos) / 1e6,
            Double.isNaN(p.topFaceAngle) ? "" : String.format(Locale.ROOT, "  top face %.3f rad", p.topFaceAngle));
    }

    static String json(final FusedPose p, final long nowNanos) {
        return "{\"count\": " + p.count
            + ", \"position\": [" + p.position[0] + ", " + p.position[1] + ", " + p.position[2] + "]"
            + ", \"quaternion\": [" + p.quaternion[0] + ", " + p.quaternion[1] + ", " + p.quaternion[2] + ", " + p.quaternion[3] + "]"
            + ", \"cameras\": " + p.camerasUsed
            + ", \"age_ms\": " + String.format(Locale.ROOT, "%.3f", (nowNanos - p.captureNanos) / 1e6)
            + ", \"t_ns\": " + p.captureNanos
            + ", \"top_face_angle\": " + (Double.isNaN(p.topFaceAngle) ? "null" : Double.toString(p.topFaceAngle))
            + "}";
    }

    private static String fmt(final double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
