package dev.dexd.cli;

import dev.dexd.giiker.frame.DecodedState;
import dev.dexd.giiker.frame.FrameCounters;
import dev.dexd.giiker.frame.LastMoves;
import dev.dexd.giiker.frame.StateFrame;
import dev.dexd.giiker.frame.StateFrameDecoder;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dexd giiker}: the Giiker smart cube's tools (docs/giiker.md). {@code decode} turns state
 * frames given in hex (as captured, or as printed by a BLE sniffer) into facelets and last moves,
 * with the decoder the daemon uses, so a capture can be checked offline.
 */
@Command(name = "giiker", mixinStandardHelpOptions = true,
    description = "The Giiker smart cube: decode its frames, find it over Bluetooth LE, watch what it sends"
        + " (see docs/giiker.md).",
    subcommands = {GiikerCommand.Decode.class, GiikerScanCommand.class, GiikerMonitorCommand.class})
public final class GiikerCommand {

    /** {@code dexd giiker decode HEX...}: one result per frame. */
    @Command(name = "decode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decode Giiker state frames (20 bytes each, plain or obfuscated) given as hex: the 54 facelets"
            + " (URFDLB), the last moves (newest first; 4 in a plain frame, 2 in an obfuscated one) and whether the frame"
            + " describes a reachable cube (else the reason). Spaces, ':' and '-' between the hex digits are allowed.",
            "Exit 0 when every frame was decoded (valid or not); 1 for input that is not a 20-byte frame in hex."})
    static final class Decode implements Callable<Integer> {
        @Parameters(paramLabel = "HEX", arity = "1..*", description = "A frame: 40 hex digits, e.g. 1234567833333333123456789abc000041414141.")
        List<String> frames;

        @Option(names = "--json", description = "One JSON object per frame and line.")
        boolean json;

        @Override
        public Integer call() {
            final byte[][] bytes = new byte[frames.size()][];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = parse(frames.get(i), frames.size() > 1 ? "frame " + (i + 1) + " " : "frame ");
            }
            final StateFrameDecoder decoder = new StateFrameDecoder(new FrameCounters());
            final DecodedState out = new DecodedState();
            for (int i = 0; i < bytes.length; i++) {
                decoder.decode(bytes[i], out);
                System.out.println(json ? json(bytes[i], out) : text(bytes[i], out));
            }
            System.out.flush();
            return Dexd.OK;
        }

        /** Hex digits (separators ' ', ':', '-' and a leading 0x allowed) to exactly 20 bytes, or a one-line user error. */
        static byte[] parse(final String text, final String what) {
            String hex = text.trim();
            if (hex.startsWith("0x") || hex.startsWith("0X")) {
                hex = hex.substring(2);
            }
            hex = hex.replaceAll("[\\s:-]", "");
            for (int i = 0; i < hex.length(); i++) {
                if (Character.digit(hex.charAt(i), 16) < 0) {
                    throw new UserError(what + "'" + text + "' is not hex ('" + hex.charAt(i) + "'): give "
                        + 2 * StateFrame.LENGTH + " hex digits, e.g. 1234567833333333123456789abc000041414141");
                }
            }
            if (hex.length() != 2 * StateFrame.LENGTH) {
                throw new UserError(what + "'" + text + "' has " + hex.length() + " hex digits: a Giiker state frame is "
                    + StateFrame.LENGTH + " bytes, " + 2 * StateFrame.LENGTH + " hex digits");
            }
            final byte[] b = new byte[StateFrame.LENGTH];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) Integer.parseInt(hex, 2 * i, 2 * i + 2, 16);
            }
            return b;
        }

        static String text(final byte[] frame, final DecodedState s) {
            final String kind = s.obfuscated() ? "obfuscated" : "plain";
            if (!s.valid()) {
                return hex(frame) + "  invalid (" + s.rejection().key() + ")  " + kind;
            }
            final LastMoves m = s.moves();
            return hex(frame) + "  valid  " + kind + (s.cube().isSolved() ? "  solved" : "")
                + "\n  facelets " + s.cube().facelets()
                + "\n  last moves " + (m.count() == 0 ? "(none)" : m.toString());
        }

        static String json(final byte[] frame, final DecodedState s) {
            final StringBuilder b = new StringBuilder("{\"frame\": \"").append(hex(frame)).append('"')
                .append(", \"valid\": ").append(s.valid())
                .append(", \"reason\": ").append(s.valid() ? "null" : "\"" + s.rejection().key() + "\"")
                .append(", \"obfuscated\": ").append(s.obfuscated());
            if (s.valid()) {
                b.append(", \"solved\": ").append(s.cube().isSolved())
                    .append(", \"facelets\": \"").append(s.cube().facelets()).append('"')
                    .append(", \"moves\": [");
                for (int i = 0; i < s.moves().count(); i++) {
                    b.append(i == 0 ? "\"" : ", \"").append(s.moves().notation(i)).append('"');
                }
                b.append(']');
            } else {
                b.append(", \"solved\": null, \"facelets\": null, \"moves\": []");
            }
            return b.append('}').toString();
        }

        private static String hex(final byte[] frame) {
            final StringBuilder b = new StringBuilder(2 * frame.length);
            for (final byte x : frame) {
                b.append(Character.forDigit(x >>> 4 & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
            }
            return b.toString();
        }
    }
}
