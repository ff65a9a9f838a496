package dev.dexd.controller.console;

import dev.dexd.controller.goals.SubgoalPlan;
import dev.dexd.controller.log.StepLogException;
import dev.dexd.controller.solve.CubeSolver;
import dev.dexd.controller.solve.InvalidCubeException;
import dev.dexd.controller.solve.Solution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The commands that take real work, done on the console's own worker thread so that neither the
 * event loop nor the control thread waits: {@code solve} (min2phase, whose tables the server built at
 * start-up) and {@code stats} (reading the step log). Results come back through a volatile field
 * the session polls; a {@code solve} then queues its plan through the control thread like
 * {@code goals push}.
 */
final class WorkRequests implements AutoCloseable {
    private static final int QUEUE = 16;

    private final ThreadPoolExecutor worker;
    private final ControlRequests control;
    private final ConsoleBackend backend;
    private final Latencies latencies;
    private final CubeSolver solver = new CubeSolver();
    private final StatsReader stats;

    WorkRequests(ConsoleBackend backend, ControlRequests control, Latencies latencies) {
        this.backend = backend;
        this.control = control;
        this.latencies = latencies;
        this.stats = new StatsReader(backend.logDirectory());
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "dexd-console-work");
            t.setDaemon(true);
            return t;
        });
    }

    Pending solve(Request r) {
        Result result = new Result();
        String given = r.argText();
        if (!submit(() -> {
            try {
                String facelets = given;
                if (facelets.isEmpty()) {
                    facelets = sensedFacelets(result);
                    if (facelets == null) {
                        return;
                    }
                }
                Solution s = solver.solve(facelets);
                result.set(new Solved(s, s.plansByTop()));
            } catch (InvalidCubeException e) {
                result.set(Reply.error("invalid-cube", e.getMessage()));
            }
        }, result)) {
            return Pending.done(busy());
        }
        return new Pending() {
            private Pending push;

            @Override
            public Reply poll(long now) {
                if (push != null) {
                    return push.poll(now);
                }
                Object v = result.get();
                if (v == null) {
                    return null;
                }
                if (v instanceof Reply reply) {
                    return reply;
                }
                Solved s = (Solved) v;
                if (s.solution.moves().isEmpty()) {
                    return Reply.ok("the cube is solved already: nothing queued");
                }
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("solution", s.solution.movesText());
                push = control.pushPlans(s.plans, p -> body(s.solution, p), extra);
                return push.poll(now);
            }
        };
    }

    /** The cube's state from its sensor source (on the worker: the mailbox's one reader), or null with the error set. */
    private String sensedFacelets(Result result) {
        CubeStateReading c = backend.cubeState();
        if (c.source() == null) {
            result.set(Reply.error("no-cube-state", "no source gives the cube's state: give the 54 facelets, or set"
                + " sensors.cube_state.source (giiker; sim in simulation)"));
            return null;
        }
        if (c.facelets() == null) {
            result.set(Reply.error("no-cube-state", "the cube's state has not arrived from " + c.source()
                + " yet: check 'giiker' (connection) and try again"));
            return null;
        }
        if (c.ageNanos() > c.staleNanos()) {
            result.set(Reply.error("stale-cube-state", "the cube's state from " + c.source() + " is "
                + c.ageNanos() / 1_000_000 + " ms old (sensors.cube_state.stale_ms " + c.staleNanos() / 1_000_000
                + "): check 'giiker' (connection) and try again"));
            return null;
        }
        return c.facelets();
    }

    Pending stats(Request r) {
        Result result = new Result();
        if (!submit(() -> {
            try {
                result.set(stats.read());
            } catch (StepLogException e) {
                result.set(Reply.error("no-log", "the step log cannot be read yet: " + e.getMessage()));
            }
        }, result)) {
            return Pending.done(busy());
        }
        return now -> {
            Object v = result.get();
            if (v == null || v instanceof Reply) {
                return (Reply) v;
            }
            return statsReply((StatsReader.LoopStats) v);
        };
    }

    private Reply statsReply(StatsReader.LoopStats s) {
        List<String> lines = new ArrayList<>();
        Map<String, Object> data = new LinkedHashMap<>();
        lines.add("loop, " + s.steps() + " steps in the step log:      p50       p99     p99.9       max  (ms)");
        lines.add(row("  step (read to log hand-off)", s.step()));
        lines.add(row("  inference", s.inference()));
        lines.add(row("  tick lateness", s.lateness()));
        data.put("steps", s.steps());
        data.put("step_ns", map(s.step()));
        data.put("inference_ns", map(s.inference()));
        data.put("lateness_ns", map(s.lateness()));
        Histogram all = latencies.all();
        Histogram estop = latencies.estop();
        lines.add("console, arrival to effect on the control thread:");
        lines.add(row("  every command (" + all.getTotalCount() + ")", micros(all)));
        lines.add(row("  estop (" + estop.getTotalCount() + ")", micros(estop)));
        data.put("command_ns", map(micros(all)));
        data.put("estop_ns", map(micros(estop)));
        return Reply.ok("steps=" + s.steps() + " step_p99_ms=" + ms(s.step().p99()) + " estop_p99_ms="
            + ms(micros(estop).p99())).withBody(lines).withData(data);
    }

    private static StatsReader.Percentiles micros(Histogram h) {
        StatsReader.Percentiles p = StatsReader.Percentiles.of(h);
        return new StatsReader.Percentiles(p.count(), p.p50() * 1000, p.p99() * 1000, p.p999() * 1000, p.max() * 1000);
    }

    private static String row(String name, StatsReader.Percentiles p) {
        StringBuilder sb = new StringBuilder(name);
        while (sb.length() < 36) {
            sb.append(' ');
        }
        if (p.count() == 0) {
            return sb.append("       -         -         -         -").toString();
        }
        for (long v : new long[] {p.p50(), p.p99(), p.p999(), p.max()}) {
            sb.append(String.format(Locale.ROOT, "%10s", ms(v)));
        }
        return sb.toString();
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    private static Map<String, Object> map(StatsReader.Percentiles p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", p.count());
        m.put("p50", p.p50());
        m.put("p99", p.p99());
        m.put("p999", p.p999());
        m.put("max", p.max());
        return m;
    }

    private static List<String> body(Solution s, SubgoalPlan p) {
        List<String> lines = new ArrayList<>();
        lines.add("facelets: " + s.facelets());
        lines.add("solution (" + s.moves().size() + " moves): " + s.movesText());
        lines.addAll(List.of(p.toTable().split("\n")));
        return lines;
    }

    private boolean submit(Runnable task, Result result) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    result.set(Reply.error("internal", "failed: " + e));
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private static Reply busy() {
        return Reply.error("busy", "the console's worker has " + QUEUE + " jobs waiting; try again");
    }

    /** Stops the worker (after its current job) and closes the log reader. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
        stats.close();
    }

    private record Solved(Solution solution, SubgoalPlan[] plans) {
    }

    /** A worker's answer, published to the event loop. */
    private static final class Result {
        private volatile Object value;

        void set(Object v) {
            value = v;
        }

        Object get() {
            return value;
        }
    }
}
