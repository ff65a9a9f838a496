package dev.dexd.controller.daemon;

import dev.dexd.common.startup.StartupTrace;
import dev.dexd.controller.solve.CubeSolver;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Start-up work that the configuring thread would otherwise do alone, begun early on a second thread
 * while that thread reads the model and opens the simulation: Chronicle's POSIX binding (jnr-ffi
 * generates its stubs at run time), Netty's platform classes and the solver's tables (console).
 * Nothing here is skipped on the main path: the same calls are made there, and they wait for (class
 * initialisation, {@code CubeSolver.init} is synchronized) or reuse what this thread did. So a
 * failure here is left to the main path to meet and report. {@link #await} is called before the
 * control thread starts, so this thread never competes with the loop.
 */
final class StartupPreload {
    private static final long AWAIT_MILLIS = 10_000;
    private final Thread thread;

    private StartupPreload(Thread thread) {
        this.thread = thread;
    }

    static StartupPreload start(boolean console) {
        Thread t = new Thread(() -> run(console), "dexd-preload");
        t.setDaemon(true);
        t.start();
        return new StartupPreload(t);
    }

    private static void run(boolean console) {
        try {
            net.openhft.posix.PosixAPI.posix();
            StartupTrace.mark("preload: Chronicle's POSIX binding");
            if (console) {
                new EmbeddedChannel().finishAndReleaseAll();
                StartupTrace.mark("preload: Netty");
                CubeSolver.init();
                StartupTrace.mark("preload: solver tables");
            }
        } catch (Throwable e) {
            // the main path makes the same calls and reports what fails there
        }
    }

    /** Waits (bounded) until the preload thread is done, so that it never runs beside the control loop. */
    void await() {
        try {
            thread.join(AWAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
