package dev.dexd.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dexd service install | uninstall}: dexd as a systemd service (docs/operations.md). Run from
 * the distribution's launcher, which names the distribution (dexd.home).
 */
@Command(name = "service", mixinStandardHelpOptions = true,
    description = "Install or uninstall dexd as a systemd service (as root).",
    subcommands = {ServiceCommand.Install.class, ServiceCommand.Uninstall.class})
public final class ServiceCommand {

    /** The option both subcommands share. */
    static final class RootOption {
        @Option(names = "--root", paramLabel = "DIR", defaultValue = "/",
            description = "Install into this system root (a container's or an image's) instead of this machine's.")
        Path root;
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Install the service: the distribution in /opt/dexd (replaced on upgrade), the user dexd,",
            "/etc/systemd/system/dexd.service, /etc/dexd/dexd.yaml (written once, never overwritten), and enable it.",
            "The config is the simulated hand's, so a fresh install starts before a hand is attached."})
    static final class Install implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        RootOption options = new RootOption();

        @Option(names = "--robot", description = "Install the real hand's template (configs/robot.yaml) as the config.")
        boolean robot;

        @Override
        public Integer call() {
            String home = System.getProperty("dexd.home");
            new ServiceInstaller(options.root, spec.commandLine().getOut())
                .install(home == null ? null : Path.of(home), robot);
            return Dexd.OK;
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true,
        description = "Stop, disable and remove the unit and /opt/dexd; keep /etc/dexd, the logs and the user dexd.")
    static final class Uninstall implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        RootOption options = new RootOption();

        @Override
        public Integer call() {
            new ServiceInstaller(options.root, spec.commandLine().getOut()).uninstall();
            return Dexd.OK;
        }
    }
}
