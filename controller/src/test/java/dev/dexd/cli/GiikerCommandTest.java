package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dexd.giiker.frame.CubieCube;
import dev.dexd.giiker.frame.Face;
import dev.dexd.giiker.frame.LastMoves;
import dev.dexd.giiker.frame.StateFrameEncoder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code dexd giiker decode} as a user runs it, on frames captured from real cubes and ones our encoder makes. */
class GiikerCommandTest {
    static final String SOLVED = "UUUUUUUUURRRRRRRRRFFFFFFFFFDDDDDDDDDLLLLLLLLLBBBBBBBBB";
    static final String SOLVED_PLAIN = "1234567833333333123456789abc000041414141";
    static final String ONE_R_OBFUSCATED = "07a619d461211354aba5f83031b896569068a7a5";
    static final String ONE_R = "UUFUUFUUFRRRRRRRRRFFDFFDFFDDDBDDBDDBLLLLLLLLLUBBUBBUBB";
    /** The solved plain frame with one corner twisted. */
    static final String TWISTED = "1234567813333333123456789abc000041414141";

    @Test
    void printsFaceletsMovesAndValidity() {
        final CliRunner.Run r = CliRunner.run("giiker", "decode", SOLVED_PLAIN, ONE_R_OBFUSCATED, TWISTED);
        assertEquals(0, r.exit(), r.err());
        final List<String> lines = r.out().lines().toList();
        assertEquals(List.of(
            SOLVED_PLAIN + "  valid  plain  solved",
            "  facelets " + SOLVED,
            "  last moves U U U U",
            ONE_R_OBFUSCATED + "  valid  obfuscated",
            "  facelets " + ONE_R,
            "  last moves R U'",
            TWISTED + "  invalid (corner-twist-sum)  plain"), lines);
    }

    @Test
    void jsonIsOneObjectPerFrame() throws Exception {
        // a frame of our own encoder, with separators as a sniffer prints them
        final CubieCube cube = new CubieCube().turn(Face.F, 2).turn(Face.D, -1);
        final byte[] frame = new byte[20];
        StateFrameEncoder.encodeObfuscated(cube, new LastMoves().add(Face.D, 3).add(Face.F, 2), 4, 11, frame, 0);
        final StringBuilder sniffed = new StringBuilder();
        for (final byte b : frame) {
            sniffed.append(sniffed.length() == 0 ? "" : ":").append(String.format("%02X", b & 0xFF));
        }
        final CliRunner.Run r = CliRunner.run("giiker", "decode", "--json", sniffed.toString(), TWISTED);
        assertEquals(0, r.exit(), r.err());
        final List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        final ObjectMapper m = new ObjectMapper();
        final JsonNode ok = m.readTree(lines.get(0));
        assertTrue(ok.get("valid").asBoolean());
        assertTrue(ok.get("reason").isNull());
        assertTrue(ok.get("obfuscated").asBoolean());
        assertFalse(ok.get("solved").asBoolean());
        assertEquals(cube.facelets(), ok.get("facelets").asText());
        assertEquals("D'", ok.get("moves").get(0).asText());
        assertEquals("F2", ok.get("moves").get(1).asText());
        final JsonNode bad = m.readTree(lines.get(1));
        assertFalse(bad.get("valid").asBoolean());
        assertEquals("corner-twist-sum", bad.get("reason").asText());
        assertTrue(bad.get("facelets").isNull());
        assertEquals(0, bad.get("moves").size());
    }

    @Test
    void badInputIsOneLineAndExitOne() {
        final CliRunner.Run notHex = CliRunner.run("giiker", "decode", SOLVED_PLAIN, "12345678zz333333123456789abc000041414141");
        assertEquals(1, notHex.exit());
        assertEquals(1, notHex.err().lines().count(), notHex.err());
        assertTrue(notHex.err().startsWith("dexd: frame 2 '12345678zz"), notHex.err());
        assertTrue(notHex.err().contains("is not hex"), notHex.err());
        assertEquals("", notHex.out(), "nothing printed before the input was checked");

        final CliRunner.Run shortFrame = CliRunner.run("giiker", "decode", "12345678");
        assertEquals(1, shortFrame.exit());
        assertEquals("dexd: frame '12345678' has 8 hex digits: a Giiker state frame is 20 bytes, 40 hex digits\n", shortFrame.err());

        final CliRunner.Run none = CliRunner.run("giiker", "decode");
        assertEquals(1, none.exit());
        assertEquals(1, none.err().lines().filter(l -> l.startsWith("dexd: ")).count(), none.err());
    }
}
