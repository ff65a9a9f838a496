package dev.dexd.cli;

import dev.dexd.drivers.hand.HandException;
import dev.dexd.policy.PolicyException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into one line on stderr and an exit code: user errors exit 1, anything else is
 * a bug and exits 2. Stack traces only with {@code --verbose}.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("dexd: " + ex.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        if (isVerbose(cmd.getParseResult())) {
            ex.printStackTrace(err);
        }
        err.flush();
        return Dexd.USER_ERROR;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        boolean user = isUserError(ex);
        if (user) {
            err.println("dexd: " + ex.getMessage());
        } else {
            err.println("dexd: internal error: " + ex + " (a bug; run with --verbose for the stack trace and report it)");
        }
        if (isVerbose(parsed)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return user ? Dexd.USER_ERROR : Dexd.INTERNAL_ERROR;
    }

    /**
     * One line for an {@code OutOfMemoryError} that escaped a command (picocli passes errors through):
     * almost always an input larger than the heap. Exit 1, the fix named.
     */
    static int outOfMemory(OutOfMemoryError e, PrintWriter err) {
        err.println("dexd: out of memory (" + e.getMessage() + ", heap " + (Runtime.getRuntime().maxMemory() >> 20)
            + " MB): an input is larger than this JVM can hold; check the files given, or give dexd more heap"
            + " (DEXD_JAVA_OPTS=-Xmx...)");
        err.flush();
        return Dexd.USER_ERROR;
    }

    /** User-caused failures from every module are listed here, so modules need not share a type. */
    static boolean isUserError(Throwable ex) {
        return ex instanceof UserError
            || ex instanceof PolicyException
            || ex instanceof HandException
            || ex instanceof dev.dexd.controller.config.ConfigException
            || ex instanceof dev.dexd.common.config.ConfigError
            || ex instanceof dev.dexd.controller.log.StepLogException
            || ex instanceof dev.dexd.controller.goals.NotationException
            || ex instanceof dev.dexd.controller.solve.InvalidCubeException
            || ex instanceof dev.dexd.controller.counters.CountersFileInUseException
            || ex instanceof dev.dexd.controller.counters.CountersDirectoryException
            || ex instanceof dev.dexd.vision.VisionException
            || ex instanceof NoSuchFileException
            || ex instanceof UncheckedIOException && ex.getCause() instanceof NoSuchFileException;
    }

    private static boolean isVerbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
