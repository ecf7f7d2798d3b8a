package dev.halyard.websocket.session;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread for every timer of every session (idle timeouts, send timeouts, the close
 * handshake's wait). Timer tasks only hand work to an executor; they never block.
 */
final class Timers {

    private static final ScheduledThreadPoolExecutor SCHEDULER;

    static {
        SCHEDULER = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "halyard-timer");
            thread.setDaemon(true);
            return thread;
        });
        SCHEDULER.setRemoveOnCancelPolicy(true); // cancelled timeouts must not pile up
    }

    private Timers() {
    }

    static ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return SCHEDULER.schedule(task, delay, unit);
    }
}
