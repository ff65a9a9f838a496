package dev.dexd.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code dexd} command: the user's surface. Each subcommand is one of the user's tasks.
 *
 * <p>Exit codes are the same everywhere: 0 ok, 1 a problem the user can fix (named in one line),
 * 2 an internal error (a bug: the stack trace is shown with {@code --verbose}).
 */
@Command(
    name = "dexd",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Real-time controller for a Shadow Dexterous Hand running a policy trained in simulation.",
    subcommands = {RunCommand.class, PolicyCommand.class, ReplayCommand.class, HandCommand.class, StatCommand.class,
        BenchCommand.class, ConsoleCommand.class, SolveCommand.class, VisionCommand.class, ServiceCommand.class,
        GiikerCommand.class, CommandLine.HelpCommand.class})
public final class Dexd {
    public static final int OK = 0;
    public static final int USER_ERROR = 1;
    public static final int INTERNAL_ERROR = 2;
    /** {@code dexd run} ended normally, but log records were lost (a full disk): the summary says how many. */
    public static final int LOG_INCOMPLETE = 3;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
        description = "Show stack traces with error messages.")
    boolean verbose;

    public static void main(String[] args) {
        dev.dexd.common.startup.StartupTrace.mark("main");
        if (dev.dexd.controller.systemd.JournalOutput.stdoutIsJournal(System.getenv())) {
            // started by systemd: every line of every command, errors included, gets its journal priority
            dev.dexd.controller.systemd.JournalOutput.install(true);
        }
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        return execute(new CommandLine(new Dexd()), args);
    }

    /** Runs {@code cli} with dexd's error reporting: one line per failure, never a stack trace. */
    static int execute(CommandLine cli, String... args) {
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler(new ErrorReporter());
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // the last line of defence: inputs are checked against the heap before they are read
            return ErrorReporter.outOfMemory(e, cli.getErr());
        }
    }
}
