package dev.dexd.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Installs dexd as a systemd service into a root ("/" or a container's): the distribution in
 * /opt/dexd (replaced on upgrade), the unit in /etc/systemd/system, the user dexd (systemd-sysusers),
 * /etc/dexd/dexd.yaml (written once, never overwritten), and the unit enabled. Uninstalling removes
 * the unit and /opt/dexd and keeps the config, the logs and the user.
 */
final class ServiceInstaller {
    static final String HOME = "/opt/dexd";
    static final String UNIT = "/etc/systemd/system/dexd.service";
    static final String CONFIG = "/etc/dexd/dexd.yaml";
    static final String SYSUSERS = "/etc/sysusers.d/dexd.conf";
    static final String SYSUSERS_LINE =
        "u dexd - \"dexd real-time hand controller\" /var/lib/dexd /usr/sbin/nologin\n";

    private final Path root;
    private final boolean live;
    private final PrintWriter out;

    /** {@code root}: "/" for this machine (then a running systemd is told), else a container's root. */
    ServiceInstaller(Path root, PrintWriter out) {
        this.root = root.toAbsolutePath().normalize();
        this.live = this.root.getParent() == null && Files.isDirectory(Path.of("/run/systemd/system"));
        this.out = out;
    }

    private Path at(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    void install(Path distribution, boolean robot) {
        requireDistribution(distribution);
        requireWritable(at("/etc"));
        Path home = at(HOME);
        try {
            if (sameFile(distribution, home)) {
                out.println("distribution: " + home + " (installed from where it is)");
            } else {
                copyDistribution(distribution, home);
                out.println("distribution: copied " + distribution + " to " + home);
            }
            Path unit = at(UNIT);
            Files.createDirectories(unit.getParent());
            Files.copy(home.resolve("systemd/dexd.service"), unit, StandardCopyOption.REPLACE_EXISTING);
            out.println("unit: " + unit);
            Path sysusers = at(SYSUSERS);
            Files.createDirectories(sysusers.getParent());
            Files.writeString(sysusers, SYSUSERS_LINE);
            run(List.of("systemd-sysusers", "--root=" + root, "--inline", SYSUSERS_LINE.strip()));
            out.println("user: dexd (" + sysusers + ")");
            writeConfig(home, robot);
            if (live) {
                run(List.of("systemctl", "daemon-reload"));
                run(List.of("systemctl", "enable", "dexd.service"));
            } else {
                run(List.of("systemctl", "--root=" + root, "enable", "dexd.service"));
            }
            out.println("enabled: dexd.service; start it with: systemctl start dexd; watch it with: journalctl -u dexd -f");
        } catch (AccessDeniedException e) {
            throw new UserError("cannot write " + e.getFile() + ": run the install as root (sudo)");
        } catch (FileSystemException e) {
            throw new UserError("cannot install: " + e.getMessage() + ": free the path or fix its permissions, then run it again");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void uninstall() {
        requireWritable(at("/etc"));
        Path unit = at(UNIT);
        try {
            if (Files.exists(unit)) {
                if (live) {
                    run(List.of("systemctl", "disable", "--now", "dexd.service"));
                } else {
                    run(List.of("systemctl", "--root=" + root, "disable", "dexd.service"));
                }
                Files.delete(unit);
                if (live) {
                    run(List.of("systemctl", "daemon-reload"));
                }
                out.println("removed: " + unit);
            } else {
                out.println("no unit at " + unit + " (already uninstalled)");
            }
            Path home = at(HOME);
            if (Files.isRegularFile(home.resolve("bin/dexd"))) {
                deleteTree(home);
                out.println("removed: " + home);
            }
            out.println("kept: " + at(CONFIG) + ", the logs in " + at(InstalledConfig.LOG_DIR)
                + ", the user dexd (remove them by hand if you want them gone)");
        } catch (AccessDeniedException e) {
            throw new UserError("cannot remove " + e.getFile() + ": run the uninstall as root (sudo)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeConfig(Path home, boolean robot) throws IOException {
        Path config = at(CONFIG);
        String template = robot ? "robot.yaml" : "sim.yaml";
        if (Files.exists(config, LinkOption.NOFOLLOW_LINKS)) {
            out.println("config: kept " + config + " (yours; the new template is " + HOME + "/configs/" + template + ")");
            return;
        }
        Files.createDirectories(config.getParent());
        String text = InstalledConfig.from(Files.readString(home.resolve("configs").resolve(template)));
        Path tmp = config.resolveSibling(".dexd.yaml.new");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        // the config may hold the console token: readable by root and the dexd group only
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r-----"));
        Integer gid = groupId("dexd");
        if (gid != null) {
            Files.setAttribute(tmp, "unix:gid", gid);
        }
        Files.move(tmp, config, StandardCopyOption.ATOMIC_MOVE);
        out.println("config: " + config + " (from " + template + (robot ? ": fill in your hand library" : ": the simulated hand")
            + ")");
    }

    private Integer groupId(String name) throws IOException {
        Path group = at("/etc/group");
        if (!Files.exists(group)) {
            return null;
        }
        for (String line : Files.readAllLines(group)) {
            String[] f = line.split(":");
            if (f.length > 2 && f[0].equals(name)) {
                return Integer.valueOf(f[2]);
            }
        }
        return null;
    }

    /** Copies next to {@code home}, then swaps, so a failed copy leaves the old installation whole. */
    private static void copyDistribution(Path from, Path home) throws IOException {
        Path fresh = home.resolveSibling(home.getFileName() + ".new");
        Path old = home.resolveSibling(home.getFileName() + ".old");
        deleteTree(fresh);
        deleteTree(old);
        Files.createDirectories(home.getParent());
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = fresh.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        if (Files.exists(home)) {
            Files.move(home, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(fresh, home, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static boolean sameFile(Path a, Path b) throws IOException {
        return Files.exists(b) && Files.isSameFile(a, b);
    }

    private static void requireDistribution(Path distribution) {
        if (distribution == null || !Files.isRegularFile(distribution.resolve("systemd/dexd.service"))
            || !Files.isRegularFile(distribution.resolve("bin/dexd"))) {
            throw new UserError("not a dexd distribution" + (distribution == null ? "" : ": " + distribution)
                + ": run the install with the distribution's launcher, <dist>/bin/dexd service install");
        }
    }

    private static void requireWritable(Path etc) {
        if (!Files.isDirectory(etc)) {
            throw new UserError("no " + etc + ": --root must name a system root (with /etc)");
        }
        if (!Files.isWritable(etc)) {
            throw new UserError("cannot write " + etc + ": run it as root (sudo)");
        }
    }

    /** Runs a system tool; its output goes to ours, a failure is one line naming the command. */
    private void run(List<String> command) {
        List<String> output = new ArrayList<>();
        int exit;
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            try (var reader = p.inputReader()) {
                reader.lines().forEach(output::add);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new UserError(String.join(" ", command) + " did not finish in 60 s: run it by hand to see why");
            }
            exit = p.exitValue();
        } catch (IOException e) {
            throw new UserError("cannot run " + command.get(0) + " (" + e.getMessage()
                + "): the service needs systemd; install it (apt-get install systemd)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while running " + String.join(" ", command));
        }
        output.forEach(line -> out.println("  " + line));
        if (exit != 0) {
            throw new UserError(String.join(" ", command) + " failed (exit " + exit + "): see its output above");
        }
    }
}
