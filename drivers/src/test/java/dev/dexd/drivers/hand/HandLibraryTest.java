package dev.dexd.drivers.hand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.drivers.HandDrivers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input at open: each failure is a HandException with one line that names the problem. */
class HandLibraryTest {
    @TempDir
    Path tmp;

    private static Path nativeDir() {
        return Path.of(System.getProperty("dexd.native.dir", "target/native")).toAbsolutePath();
    }

    private static Path sim() {
        return nativeDir().resolve("libdexd_mujoco.so");
    }

    private static HandException openFails(HandConfig config) {
        HandException e = assertThrows(HandException.class, () -> HandDrivers.open(config).close());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    private Path model() {
        return Path.of(System.getProperty("dexd.configs.dir", "../configs"), "sim", "shadow_hand_cube.xml")
            .toAbsolutePath().normalize();
    }

    @Test
    void missingLibraryByName() {
        HandException e = openFails(HandConfig.of("dexd_no_such_hand", Map.of()));
        assertEquals(HandError.OPEN, e.error());
        assertTrue(e.getMessage().startsWith("hand library 'dexd_no_such_hand' not found on the native library path"
            + " (jna.library.path=" + System.getProperty("jna.library.path")), e.getMessage());
        assertTrue(e.getMessage().contains("mvn -pl drivers -am install"), e.getMessage());
    }

    @Test
    void missingLibraryByPath() {
        String path = tmp.resolve("libnothing.so").toString();
        HandException e = openFails(HandConfig.of(path, Map.of()));
        assertTrue(e.getMessage().startsWith("hand library " + path + " not found"), e.getMessage());
    }

    @Test
    void wrongAbiVersionNamesBothVersions() {
        Path lib = Path.of(System.getProperty("dexd.native.test.dir", "target/native-test"), "libdexd_wrong_abi.so")
            .toAbsolutePath();
        HandException e = openFails(HandConfig.of(lib.toString(), Map.of()));
        assertEquals("hand library " + lib + " implements hand ABI version 99, but this dexd needs version 1:"
            + " rebuild the library against dexd_hand.h version 1 (or use a dexd of version 99)", e.getMessage());
    }

    @Test
    void aLibraryThatIsNotAHandLibrary() {
        HandException e = openFails(HandConfig.of("mujoco", Map.of()));
        assertTrue(e.getMessage().contains("is not a dexd hand library: it has no dexd_hand_abi_version"),
            e.getMessage());
    }

    @Test
    void modelFileThatFailsToLoad() throws IOException {
        Path broken = Files.writeString(tmp.resolve("broken.xml"), "<mujoco><worldbody><body></mujoco>");
        HandException e = openFails(HandConfig.of(sim().toString(), Map.of("model", broken.toString())));
        assertEquals(HandError.OPEN, e.error());
        assertTrue(e.getMessage().startsWith("cannot open the hand (library " + sim() + "): cannot load model "
            + broken + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(OPEN)"), e.getMessage());
    }

    @Test
    void modelWithoutTheHand() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.xml"), "<mujoco/>");
        HandException e = openFails(HandConfig.of(sim().toString(), Map.of("model", empty.toString())));
        assertTrue(e.getMessage().contains("model " + empty + ": model has no joint named 'WRJ1'"), e.getMessage());
    }

    @Test
    void missingModelFile() {
        HandException e = openFails(HandConfig.of(sim().toString(), Map.of("model", tmp.resolve("no.xml").toString())));
        assertTrue(e.getMessage().contains("cannot load model " + tmp.resolve("no.xml")), e.getMessage());
    }

    @Test
    void unknownAndBadConfigKeys() {
        HandException e = openFails(HandConfig.of(sim().toString(), Map.of("model", model().toString(), "bogus", "1")));
        assertEquals(HandError.CONFIG, e.error());
        assertTrue(e.getMessage().contains("config: unknown key 'bogus'"), e.getMessage());
        e = openFails(HandConfig.of(sim().toString(), Map.of("model", model().toString(), "clock", "sometimes")));
        assertTrue(e.getMessage().contains("clock: expected lockstep or realtime, got 'sometimes'"), e.getMessage());
        e = openFails(HandConfig.of(sim().toString(), Map.of("model", model().toString(), "mass_scale", "2..1")));
        assertTrue(e.getMessage().contains("mass_scale: expected a positive scale or lo..hi"), e.getMessage());
    }

    @Test
    void closedHandRefusesCalls() {
        HandDriver hand = HandDrivers.open(HandConfig.of(sim().toString(), Map.of("model", model().toString())));
        hand.close();
        hand.close();
        HandException e = assertThrows(HandException.class, () -> hand.read(new HandState()));
        assertEquals(HandError.STATE, e.error());
    }

    /** JNA's message for such a file ends with the whole class path: 4 KB on one line. */
    @Test
    void aFileThatIsNotASharedLibraryIsNamedInOneShortLine() throws IOException {
        HandException e = openFails(HandConfig.of("/etc/passwd", Map.of()));
        assertEquals(HandError.OPEN, e.error());
        assertEquals("hand.library /etc/passwd is not a shared library (ELF magic missing: it starts with 'root:x:0'):"
            + " set hand.library to the path of the hand's .so (e.g. libdexd_mujoco.so)", e.getMessage());
        Path empty = Files.createFile(tmp.resolve("libempty.so"));
        assertTrue(openFails(HandConfig.of(empty.toString(), Map.of())).getMessage()
            .startsWith("hand.library " + empty + " is not a shared library (ELF magic missing: it is empty)"));
        assertTrue(openFails(HandConfig.of(tmp.toString(), Map.of())).getMessage()
            .startsWith("hand.library " + tmp + " is a directory, not a shared library: set hand.library"));
    }

    /** The loader would map it and crash the JVM with SIGBUS. */
    @Test
    void aTruncatedLibraryIsRefusedBeforeTheLoaderSeesIt() throws IOException {
        byte[] all = Files.readAllBytes(sim());
        Path cut = Files.write(tmp.resolve("libcut.so"), java.util.Arrays.copyOf(all, 4096));
        HandException e = openFails(HandConfig.of(cut.toString(), Map.of()));
        assertTrue(e.getMessage().startsWith("hand.library " + cut + " is truncated (4096 bytes, its ELF header says at"
            + " least " + all.length + "): copy or build it again; or set hand.library"), e.getMessage());
    }

    @Test
    void anElfFileTheLoaderRefusesGivesTheLoadersReasonOnly() throws IOException {
        // a position-independent executable is an ELF shared object by its header; the loader refuses it
        Path cut = Path.of("/usr/bin/true");
        HandException e = openFails(HandConfig.of(cut.toString(), Map.of()));
        assertEquals("cannot load hand library " + cut + ": cannot dynamically load position-independent executable",
            e.getMessage());
        assertTrue(e.getMessage().length() < 300, e.getMessage());
        assertFalse(e.getMessage().contains(System.getProperty("java.class.path")), e.getMessage());
        assertEquals("file too short", HandLibrary.cause(cut.toString(), "Unable to load library '" + cut + "':\n"
            + cut + ": file too short\n" + cut + ": file too short\nNative library (" + cut + ") not found in resource"
            + " path (" + System.getProperty("java.class.path") + ")"));
    }
}
