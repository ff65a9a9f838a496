package dev.dexd.controller.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Status;

/**
 * The interactive {@code dexd console}: a prompt with history (kept in a file) and tab completion;
 * replies are printed as they come, and the {@code watch} stream is drawn as one live status line
 * at the bottom of the terminal (printed above the prompt on a terminal that cannot). A reader
 * thread takes every line from the daemon, so the stream keeps moving while one types.
 */
public final class InteractiveConsole {
    private static final long REPLY_TIMEOUT_SECONDS = 30;
    private static final Object CLOSED = new Object();

    private final ConsoleClient client;
    private final Terminal terminal;
    private final Path history;
    private final List<String> joints;
    private final BlockingQueue<Object> replies = new LinkedBlockingQueue<>();
    private LineReader reader;
    private Status status;

    public InteractiveConsole(ConsoleClient client, Terminal terminal, Path history, List<String> joints) {
        this.client = client;
        this.terminal = terminal;
        this.history = history;
        this.joints = joints;
    }

    /**
     * Runs until {@code quit} or end of input (Ctrl-D); returns the exit code.
     *
     * @throws ConsoleClient.ClosedException when the daemon closed the connection (another
     *         IOException when it broke): the caller says so in one line
     */
    public int run(String banner) throws IOException {
        LineReaderBuilder b = LineReaderBuilder.builder().terminal(terminal).appName("dexd")
            .completer(new CommandCompleter(joints));
        if (history != null) {
            b.variable(LineReader.HISTORY_FILE, history);
        }
        reader = b.build();
        boolean dumb = Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        status = dumb ? null : Status.getStatus(terminal);
        PrintWriter out = terminal.writer();
        out.println(banner);
        out.flush();
        client.timeout(0);
        Thread listener = new Thread(this::listen, "dexd-console-reader");
        listener.setDaemon(true);
        listener.start();
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine("dexd> ");
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    line = "quit";
                }
                if (line.isBlank()) {
                    continue;
                }
                client.write(line);
                Object r = replies.poll(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (r == null) {
                    out.println("(no reply within " + REPLY_TIMEOUT_SECONDS + " s)");
                } else if (r == CLOSED) {
                    out.flush();
                    throw new ConsoleClient.ClosedException();
                } else {
                    out.print(((ConsoleClient.Response) r).text());
                }
                out.flush();
                String word = line.trim().toLowerCase(Locale.ROOT);
                if (word.equals("quit")) {
                    return 0;
                }
                if (word.equals("unwatch") && status != null) {
                    status.update(List.of());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            if (status != null) {
                status.update(List.of());
            }
            client.close();
        }
    }

    /** The reader thread: replies to the queue, stream lines to the status line. */
    private void listen() {
        List<String> body = new ArrayList<>();
        try {
            for (String line; (line = client.readLine()) != null; ) {
                if (line.startsWith("* ")) {
                    show(line.substring(2));
                } else if (line.startsWith("{\"watch\"")) {
                    show(line);
                } else if (line.startsWith("{")) { // after 'json on': one object per reply
                    replies.add(new ConsoleClient.Response(line.startsWith("{\"ok\":true"), line, List.copyOf(body)));
                    body.clear();
                } else if (line.startsWith("OK") || line.startsWith("ERR")) {
                    replies.add(new ConsoleClient.Response(line.startsWith("OK"), line, List.copyOf(body)));
                    body.clear();
                } else {
                    body.add(line.startsWith("| ") ? line.substring(2) : line);
                }
            }
        } catch (IOException e) {
            // closed: fall through
        }
        replies.add(CLOSED);
    }

    private void show(String text) {
        if (status != null) {
            int width = Math.max(20, terminal.getWidth() - 1);
            status.update(List.of(new AttributedString(text.length() > width ? text.substring(0, width) : text)));
        } else {
            reader.printAbove("* " + text);
        }
    }
}
