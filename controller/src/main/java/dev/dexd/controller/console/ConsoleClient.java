package dev.dexd.controller.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The client side of the console protocol, over a plain socket: send a line, read the reply (the
 * "| " body lines up to the line starting OK or ERR). Stream lines ("* ...", from {@code watch})
 * that arrive meanwhile go to the stream listener. Used by {@code dexd console} and the tests.
 * Text mode only (a client that says {@code json on} reads lines itself with {@link #readLine}).
 */
public final class ConsoleClient implements AutoCloseable {
    /** A reply: OK or not, its status line, and its body lines without the "| " prefix. */
    public record Response(boolean ok, String status, List<String> body) {
        /** The status line without "OK " / "ERR ". */
        public String message() {
            int space = status.indexOf(' ');
            return space < 0 ? "" : status.substring(space + 1);
        }

        /** The error code of an ERR reply, else "". */
        public String code() {
            if (ok) {
                return "";
            }
            String m = message();
            int space = m.indexOf(' ');
            return space < 0 ? m : m.substring(0, space);
        }

        /** Body and status, as printed by {@code dexd console}. */
        public String text() {
            StringBuilder sb = new StringBuilder();
            body.forEach(l -> sb.append(l).append('\n'));
            return sb.append(status).append('\n').toString();
        }
    }

    /** The daemon closed the connection before the reply was complete. */
    public static final class ClosedException extends IOException {
        private static final long serialVersionUID = 1L;

        public ClosedException() {
            super("the daemon closed the connection");
        }
    }

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private volatile Consumer<String> stream = s -> { };

    private ConsoleClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    /** Connects, waiting at most {@code timeoutMillis} for the connection and for each reply. */
    public static ConsoleClient connect(String host, int port, int timeoutMillis) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            return new ConsoleClient(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** Where stream lines go (without the "* " prefix); by default nowhere. */
    public void onStream(Consumer<String> listener) {
        this.stream = listener;
    }

    /** Read timeout for replies; 0 waits for ever (watching). */
    public void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Sends one command and reads its reply. */
    public Response send(String command) throws IOException {
        write(command);
        return readReply();
    }

    /** Sends one line without reading. */
    public void write(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads lines up to the end of the next reply; stream lines go to the listener. */
    public Response readReply() throws IOException {
        List<String> body = new ArrayList<>();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new ClosedException();
            }
            if (line.startsWith("* ")) {
                stream.accept(line.substring(2));
            } else if (line.startsWith("| ")) {
                body.add(line.substring(2));
            } else if (line.startsWith("OK") || line.startsWith("ERR")) {
                return new Response(line.startsWith("OK"), line, body);
            } else {
                body.add(line);
            }
        }
    }

    /** Reads one raw line (null at the end of the stream). */
    public String readLine() throws IOException {
        return in.readLine();
    }

    /** This end's port (how the daemon's log names this client, with the address). */
    public int localPort() {
        return socket.getLocalPort();
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
