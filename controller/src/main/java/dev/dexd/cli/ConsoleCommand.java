package dev.dexd.cli;

import dev.dexd.controller.config.DexdConfig;
import dev.dexd.controller.console.ConsoleClient;
import dev.dexd.controller.console.InteractiveConsole;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dexd console}: the client of the daemon's TCP console (docs/console.md). */
@Command(name = "console", mixinStandardHelpOptions = true,
    description = {"Talk to a running daemon's console.",
        "With a COMMAND: send it, print the reply, exit 0 for OK and 1 for ERR ('watch' streams until the daemon"
            + " closes or Ctrl-C). Without: an interactive prompt with history and tab completion, where 'watch'"
            + " shows a live status line. Try the command 'help'."})
final class ConsoleCommand implements Callable<Integer> {
    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1", description = "Daemon address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "P", defaultValue = "" + DexdConfig.Console.DEFAULT_PORT,
        description = "Console port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--token", paramLabel = "T", description = "The console's token, when it has one"
        + " (default: $DEXD_CONSOLE_TOKEN, which keeps it out of the process list).")
    String token;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "10", description = "Seconds to wait for the "
        + "connection and for each reply (default: ${DEFAULT-VALUE}).")
    double timeout;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "A console command and its arguments, e.g. status,"
        + " or goals push \"R U R' U'\".")
    List<String> command;

    @Override
    public Integer call() throws IOException {
        if (!(timeout > 0)) {
            throw new UserError("--timeout must be a positive number of seconds, got " + timeout);
        }
        ConsoleClient client = connect();
        try {
            String secret = token != null ? token : System.getenv("DEXD_CONSOLE_TOKEN");
            if (secret != null && !secret.isEmpty()) {
                ConsoleClient.Response auth = authenticate(client, secret);
                if (!auth.ok()) {
                    System.out.print(auth.text());
                    return Dexd.USER_ERROR;
                }
            }
            if (command == null || command.isEmpty()) {
                return interactive(client);
            }
            String line = String.join(" ", command);
            boolean watch = line.trim().toLowerCase(Locale.ROOT).startsWith("watch");
            if (watch) {
                client.onStream(s -> {
                    System.out.println("* " + s);
                    System.out.flush();
                });
            }
            ConsoleClient.Response r = client.send(line);
            System.out.print(r.text());
            System.out.flush();
            if (watch && r.ok()) {
                client.timeout(0);
                try {
                    for (String l; (l = client.readLine()) != null; ) {
                        System.out.println(l);
                        System.out.flush();
                    }
                } catch (IOException e) {
                    // the daemon went away: the stream ends
                }
                return Dexd.OK;
            }
            return r.ok() ? Dexd.OK : Dexd.USER_ERROR;
        } catch (SocketTimeoutException e) {
            throw new UserError("no reply from the dexd console at " + host + ":" + port + " within " + timeout
                + " s (raise --timeout?)");
        } catch (IOException e) {
            throw closed(e);
        } finally {
            client.close();
        }
    }

    /**
     * Sends {@code auth}; while the daemon backs off wrong tokens from this address (another
     * client's, perhaps), tries again until --timeout.
     */
    private ConsoleClient.Response authenticate(ConsoleClient client, String secret) throws IOException {
        long deadline = System.nanoTime() + (long) (timeout * 1e9);
        ConsoleClient.Response auth = client.send("auth " + secret);
        while (!auth.ok() && auth.code().equals("auth-backoff") && System.nanoTime() < deadline) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            auth = client.send("auth " + secret);
        }
        return auth;
    }

    /** The connection ended under us: the daemon closed it (stopped, or dropped this client) or it broke. */
    private UserError closed(IOException e) {
        String how = e instanceof ConsoleClient.ClosedException ? "" : " (" + e.getMessage() + ")";
        return new UserError("the daemon at " + host + ":" + port + " closed the connection" + how
            + " (is it still running? 'dexd stat' shows it; its log says why it closed a connection)");
    }

    private ConsoleClient connect() {
        try {
            return ConsoleClient.connect(host, port, (int) Math.ceil(timeout * 1000));
        } catch (IOException e) {
            throw new UserError("cannot reach the dexd console at " + host + ":" + port + ": " + e.getMessage()
                + " (is 'dexd run' running with a console section in its config? --host/--port choose another)");
        }
    }

    private int interactive(ConsoleClient client) throws IOException {
        ConsoleClient.Response joints = client.send("perturb joints");
        if (joints.code().equals("auth-required")) {
            throw new UserError("the dexd console at " + host + ":" + port + " needs its token: give --token, or set"
                + " $DEXD_CONSOLE_TOKEN (which keeps it out of the process list)");
        }
        List<String> names = List.of();
        if (joints.ok()) {
            String m = joints.message();
            names = List.of(m.substring(m.indexOf(':') + 1).trim().split(" "));
        }
        String home = System.getProperty("user.home");
        Path history = home == null ? null : Path.of(home, ".dexd_console_history");
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            return new InteractiveConsole(client, terminal, history, names).run("connected to dexd at " + host + ":"
                + port + "; 'help' lists the commands, Tab completes, Ctrl-D or 'quit' leaves");
        }
    }
}
