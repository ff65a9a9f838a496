package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dexd.controller.config.ConfigLoader;
import dev.dexd.controller.config.DexdConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dexd service install|uninstall --root} into an empty system root, with the real systemd tools
 * (systemd-sysusers, systemctl --root) and the repository's unit and config templates. The same
 * install runs inside a booted container in scripts/container-test.sh.
 */
class ServiceInstallTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;
    Path dist;
    Path root;
    StringWriter out = new StringWriter();

    @BeforeEach
    void distributionAndRoot() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemctl")) && Files.isExecutable(Path.of("/usr/bin/systemd-sysusers")),
            "systemd's tools (systemctl, systemd-sysusers) are not installed here");
        dist = tmp.resolve("dist/dexd");
        copyTree(REPO.resolve("configs"), dist.resolve("configs"));
        Files.createDirectories(dist.resolve("systemd"));
        Files.copy(REPO.resolve("systemd/dexd.service"), dist.resolve("systemd/dexd.service"));
        Files.createDirectories(dist.resolve("bin"));
        Files.writeString(dist.resolve("bin/dexd"), "#!/bin/sh\n");
        dist.resolve("bin/dexd").toFile().setExecutable(true);
        root = tmp.resolve("root");
        Files.createDirectories(root.resolve("etc"));
    }

    private ServiceInstaller installer() {
        return new ServiceInstaller(root, new PrintWriter(out, true));
    }

    @Test
    void installsTheDistributionTheUnitTheUserAndTheSimulationConfigAndEnablesIt() throws IOException {
        installer().install(dist, false);

        assertTrue(Files.isExecutable(root.resolve("opt/dexd/bin/dexd")), out.toString());
        assertEquals(Files.readString(REPO.resolve("systemd/dexd.service")),
            Files.readString(root.resolve("etc/systemd/system/dexd.service")));
        Path wants = root.resolve("etc/systemd/system/multi-user.target.wants/dexd.service");
        assertTrue(Files.isSymbolicLink(wants), "enabled: " + out);
        assertTrue(Files.readAllLines(root.resolve("etc/passwd")).stream().anyMatch(l -> l.startsWith("dexd:")),
            "user dexd created");

        Path configFile = root.resolve("etc/dexd/dexd.yaml");
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(configFile)));
        DexdConfig config = ConfigLoader.load(configFile);
        assertEquals(Path.of("/opt/dexd/models/demo/demo-lstm.yaml"), config.policy().manifest());
        assertEquals(Path.of("/var/log/dexd"), config.log().dir());
        assertEquals(Path.of("/run/dexd"), config.counters().dir());
        assertEquals(InstalledConfig.FIFO_PRIORITY, config.control().fifoPriority());
        assertTrue(config.control().lockMemory());
        assertTrue(Files.readString(configFile).contains("  model: /opt/dexd/configs/sim/shadow_hand_cube.xml"),
            "the model path is absolute");
    }

    @Test
    void anUpgradeReplacesTheDistributionAndKeepsTheConfig() throws IOException {
        installer().install(dist, false);
        Path configFile = root.resolve("etc/dexd/dexd.yaml");
        Files.writeString(configFile, Files.readString(configFile) + "# the operator's edit\n");
        String edited = Files.readString(configFile);
        Files.writeString(root.resolve("opt/dexd/lib-from-the-old-version.jar"), "old");

        installer().install(dist, true);

        assertEquals(edited, Files.readString(configFile), "an existing config is never overwritten");
        assertTrue(out.toString().contains("config: kept " + configFile), out.toString());
        assertFalse(Files.exists(root.resolve("opt/dexd/lib-from-the-old-version.jar")), "the old files are gone");
        assertTrue(Files.isExecutable(root.resolve("opt/dexd/bin/dexd")));
    }

    @Test
    void robotInstallsTheRobotTemplateWithTheServiceDirectories() throws IOException {
        installer().install(dist, true);

        String text = Files.readString(root.resolve("etc/dexd/dexd.yaml"));
        assertTrue(text.contains("library: /opt/shadow/lib/libdexd_shadow_ethercat.so"), text);
        DexdConfig config = ConfigLoader.load(root.resolve("etc/dexd/dexd.yaml"));
        assertEquals(Path.of("/var/log/dexd"), config.log().dir());
        assertEquals(Path.of("/run/dexd"), config.counters().dir());
        assertEquals(80, config.control().fifoPriority());
    }

    @Test
    void uninstallRemovesTheUnitAndTheDistributionAndKeepsTheConfig() throws IOException {
        installer().install(dist, false);
        installer().uninstall();

        assertFalse(Files.exists(root.resolve("etc/systemd/system/dexd.service")));
        assertFalse(Files.exists(root.resolve("etc/systemd/system/multi-user.target.wants/dexd.service"),
            java.nio.file.LinkOption.NOFOLLOW_LINKS), "disabled");
        assertFalse(Files.exists(root.resolve("opt/dexd")));
        assertTrue(Files.exists(root.resolve("etc/dexd/dexd.yaml")));
    }

    @Test
    void withoutADistributionItSaysHowToRunItInOneLine() {
        CliRunner.Run run = CliRunner.run("service", "install", "--root", root.toString());
        assertEquals(Dexd.USER_ERROR, run.exit());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("<dist>/bin/dexd service install"), run.err());
    }

    @Test
    void aRootWithoutEtcIsRefused() {
        UserError e = assertThrows(UserError.class, () -> new ServiceInstaller(tmp.resolve("nothing"),
            new PrintWriter(out)).install(dist, false));
        assertTrue(e.getMessage().contains("--root must name a system root"), e.getMessage());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
