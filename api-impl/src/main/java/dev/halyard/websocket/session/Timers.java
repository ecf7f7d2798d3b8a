// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread for every timer of every session (idle timeouts, send timeouts, the close
 * handshake's wait). Timer tasks only hand work to an executor; they never block.
 *
 * <p>The thread lives while someone uses it: a server container {@linkplain #acquire acquires}
 * it and {@linkplain #release releases} it when its application stops, so an undeployed web
 * application leaves no thread behind (which would keep its class loader alive).
 */
public final class Timers {

    private static ScheduledThreadPoolExecutor scheduler;
    private static int users;

    private Timers() {
    }

    /** Keeps the timer thread alive until the matching {@link #release}. */
    public static synchronized void acquire() {
        users++;
        running();
    }

    /** Stops the timer thread when its last user has released it; pending timers are dropped. */
    public static synchronized void release() {
        if (users > 0 && --users == 0 && scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    static synchronized ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return running().schedule(task, delay, unit);
    }

    /**
     * Schedules {@code task} only while some container holds the timers, and returns false
     * otherwise: a task racing the last {@link #release} is dropped, never given a new thread that
     * would outlive the application.
     */
    public static synchronized boolean scheduleWhileHeld(Runnable task, long delay, TimeUnit unit) {
        if (users == 0) {
            return false;
        }
        running().schedule(task, delay, unit);
        return true;
    }

    private static ScheduledExecutorService running() {
        if (scheduler == null) {
            scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "halyard-timer");
                thread.setDaemon(true);
                thread.setContextClassLoader(null); // hold no application's class loader through the thread
                return thread;
            });
            scheduler.setRemoveOnCancelPolicy(true); // cancelled timeouts must not pile up
        }
        return scheduler;
    }
}
