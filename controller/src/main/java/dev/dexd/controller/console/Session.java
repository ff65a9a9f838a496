package dev.dexd.controller.console;

import dev.dexd.controller.counters.DexdCounter;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One connection's commands, the last handler of its pipeline. Requests are carried out one at a
 * time in the order they came, so replies come back in that order (one per command); the one
 * exception is {@code estop}, which is handed to the control thread the moment it arrives, even
 * behind other commands (its reply still waits its turn). Nothing here blocks: a command waiting
 * for the control thread is polled by the {@link Poller}.
 *
 * <p>Back-pressure: while the client does not read its replies (the channel is not writable) or
 * has more than {@value #PAUSE_AT} commands waiting, the connection is not read, so its own TCP
 * window stops it.
 */
final class Session extends ChannelInboundHandlerAdapter {
    static final int PAUSE_AT = 256;

    private final ConsoleShared shared;
    private final ArrayDeque<Item> items = new ArrayDeque<>();
    private final Scratch scratch = new Scratch();
    private ChannelHandlerContext ctx;
    private String client = "?";
    private Watch watch;
    private ControlRequests.Sent estopInFlight;
    private boolean closing;
    private boolean authenticated;
    /** Lines the pipeline refused, and e-stops after the first in a second: logged as counts (ConsoleLog). */
    private final ConsoleLog.Tally refusedLines = new ConsoleLog.Tally();
    private final ConsoleLog.Tally repeatedEstops = new ConsoleLog.Tally();

    private static final class Item {
        final Request request;
        Pending pending;

        Item(Request request) {
            this.request = request;
        }
    }

    Session(ConsoleShared shared) {
        this.shared = shared;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        ctx = context;
        client = name(context.channel().remoteAddress());
        logConnection(client, "connected");
        super.channelActive(context);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        if (watch != null) {
            watch.cancel();
        }
        if (!items.isEmpty()) {
            logConnection(client, "disconnected with " + items.size() + " commands unanswered");
        } else {
            logConnection(client, "disconnected");
        }
        items.clear();
        closing = true;
        long now = System.nanoTime();
        shared.log.flush(client, refusedLines, now);
        shared.log.flush(client, repeatedEstops, now);
        super.channelInactive(context);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (!(msg instanceof Request r)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (closing) {
            return;
        }
        Item item = new Item(r);
        if (r.problem() == null && r.command() == Command.ESTOP) {
            item.pending = estop(r);
        }
        items.add(item);
        if (drain()) {
            shared.poller.add(this);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object evt) throws Exception {
        if (evt == AuthGate.DEADLINE_PASSED || evt == EstopOnly.TIME_UP) {
            logConnection(client, "closed: " + evt);
            return;
        }
        super.userEventTriggered(context, evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) throws Exception {
        updateReading();
        super.channelWritabilityChanged(context);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (!(cause instanceof IOException)) {
            fail(cause);
            return;
        }
        context.close();
    }

    /** Closes the connection after an unexpected error (a bug), saying so to the client and in the log. */
    void fail(Throwable cause) {
        shared.backend.counters().counter(DexdCounter.CONSOLE_ERRORS).increment();
        logConnection(client, "closed after an error: " + cause);
        closing = true;
        items.clear();
        ctx.channel().writeAndFlush(Reply.error("internal", "the console failed on this connection (" + cause
            + "); please report it")).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Event loop: replies to every finished command, oldest first, and starts the next; true while
     * the oldest is still waiting (poll again).
     */
    boolean drain() {
        long now = System.nanoTime();
        while (!items.isEmpty() && !closing) {
            Item head = items.peek();
            if (head.pending == null) {
                head.pending = start(head.request);
            }
            Reply reply = head.pending.poll(now);
            if (reply == null) {
                updateReading();
                return true;
            }
            items.poll();
            send(head.request, reply);
        }
        updateReading();
        return false;
    }

    private Pending start(Request r) {
        if (r.problem() != null) {
            return Pending.done(r.problem());
        }
        return switch (r.command()) {
            case HELP -> Pending.done(Help.reply(r));
            case JSON -> Pending.done(json(r.arg()));
            case QUIT -> Pending.done(Reply.ok("bye").thenClose());
            case AUTH -> Pending.done(auth());
            case WATCH -> Pending.done(watch(r));
            case UNWATCH -> Pending.done(unwatch());
            case PERTURB_JOINTS -> Pending.done(joints());
            case GIIKER -> Pending.done(giiker(r));
            case SOLVE -> shared.work.solve(r);
            case STATS -> shared.work.stats(r);
            case ESTOP -> estop(r);
            default -> shared.control.start(r, scratch);
        };
    }

    /** E-stops are not queued behind this connection's other commands, and repeats share one in flight. */
    private Pending estop(Request r) {
        if (estopInFlight != null && estopInFlight.inFlight()) {
            return estopInFlight;
        }
        Pending p = shared.control.start(r, scratch);
        estopInFlight = p instanceof ControlRequests.Sent s ? s : null;
        return p;
    }

    private void send(Request r, Reply reply) {
        Reply out = reply.command() == null && r.command() != null ? reply.forCommand(r.command()) : reply;
        if (r.command() == Command.ESTOP && r.problem() == null && !r.argText().isEmpty()) {
            out = new Reply(out.ok(), out.code(), out.message() + " (ignored: \"" + r.argText() + "\")", out.body(),
                out.data(), out.command(), out.close());
        }
        log(r, out);
        if (out.close()) {
            closing = true;
            ctx.channel().writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.channel().writeAndFlush(out, ctx.channel().voidPromise());
        }
    }

    private void logConnection(String who, String what) {
        long due = shared.log.connection(who, what);
        if (due > 0 && !shared.connectionFlushScheduled) {
            shared.connectionFlushScheduled = true;
            ctx.executor().schedule(() -> {
                shared.connectionFlushScheduled = false;
                shared.log.flushConnections(System.nanoTime());
            }, due, TimeUnit.NANOSECONDS);
        }
    }

    /** Accepted commands one by one; refused lines and repeated e-stops counted (at most an event a second). */
    private void log(Request r, Reply out) {
        ConsoleLog.Tally tally = r.problem() != null ? refusedLines : r.command() == Command.ESTOP ? repeatedEstops
            : null;
        if (tally == null) {
            shared.log.command(client, r, out);
            return;
        }
        String kind = r.problem() != null ? out.code() : "estop";
        long due = shared.log.tallied(client, tally, kind, r, out, System.nanoTime());
        if (due > 0 && !tally.scheduled) {
            tally.scheduled = true;
            ctx.executor().schedule(() -> {
                tally.scheduled = false;
                shared.log.flush(client, tally, System.nanoTime());
            }, due, TimeUnit.NANOSECONDS);
        }
    }

    private Reply auth() {
        if (shared.config.token() == null) {
            return Reply.ok("this console needs no token");
        }
        boolean first = !authenticated;
        authenticated = true;
        return Reply.ok(first ? "authenticated" : "authenticated already");
    }

    private Reply json(String arg) {
        String a = arg.toLowerCase(Locale.ROOT);
        if (!a.equals("on") && !a.equals("off")) {
            return Reply.error("bad-args", "usage: json <on|off>");
        }
        ctx.channel().attr(ReplyEncoder.JSON).set(a.equals("on"));
        return Reply.ok("json " + a);
    }

    private Reply watch(Request r) {
        double hz = 2;
        if (!r.args().isEmpty()) {
            try {
                hz = Double.parseDouble(r.arg());
            } catch (NumberFormatException e) {
                hz = Double.NaN;
            }
            if (!(hz >= Watch.MIN_HZ && hz <= Watch.MAX_HZ)) {
                return Reply.error("bad-args", "watch takes a rate from " + Watch.MIN_HZ + " to " + (int) Watch.MAX_HZ
                    + " Hz, got '" + r.arg() + "'");
            }
        }
        if (watch != null) {
            watch.cancel();
        }
        watch = new Watch(ctx.channel(), hz, () -> StatusLine.of(shared.backend), this::dropSlowWatcher);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("hz", hz);
        return Reply.ok("watching at " + hz + " Hz: '* ' lines until 'unwatch'").withData(data);
    }

    private Reply unwatch() {
        if (watch == null) {
            return Reply.ok("not watching");
        }
        watch.cancel();
        watch = null;
        return Reply.ok("stopped watching");
    }

    private Reply joints() {
        List<String> joints = shared.backend.simulatedJoints();
        if (joints.isEmpty()) {
            return Reply.error("not-sim", "perturbations are for the simulated hand only");
        }
        return Reply.ok(joints.size() + " joints: " + String.join(" ", joints))
            .withData(Map.of("joints", joints));
    }

    /** {@code giiker [reset]}: never waits (the link's health is read, a reset is queued on the link's thread). */
    private Reply giiker(Request r) {
        List<String> report = shared.backend.giikerReport();
        if (report == null) {
            return Reply.error("no-giiker", "no input reads the Giiker cube: set sensors.face_angles.source or"
                + " sensors.cube_state.source to giiker");
        }
        if (r.args().isEmpty()) {
            return Reply.ok(report.get(0)).withBody(report);
        }
        if (!r.arg().equalsIgnoreCase("reset")) {
            return Reply.error("bad-args", "usage: " + Command.GIIKER.usage());
        }
        if (!shared.backend.giikerReset()) {
            return Reply.error("not-connected", "the Giiker cube is not connected: nothing was sent (" + report.get(0) + ")");
        }
        return Reply.ok("reset sent: the cube takes its current state as solved (0xA1)");
    }

    private void dropSlowWatcher() {
        logConnection(client, "dropped: did not read its watch stream for "
            + Watch.DROP_NANOS / 1_000_000 + " ms (" + watch.skipped() + " lines skipped)");
        shared.dropped.incrementAndGet();
        closing = true;
        ctx.channel().close();
    }

    private void updateReading() {
        boolean read = !closing && ctx.channel().isWritable() && items.size() < PAUSE_AT;
        if (ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
        }
    }

    private static String name(SocketAddress a) {
        if (a instanceof InetSocketAddress i) {
            return i.getAddress().getHostAddress() + ":" + i.getPort();
        }
        return String.valueOf(a);
    }
}
