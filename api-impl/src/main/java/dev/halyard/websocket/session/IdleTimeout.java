// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * A session's idle timeout ({@code Session.setMaxIdleTimeout}): a timer that looks at the
 * connection's last activity, read or written, and closes the session when it has been idle for
 * the timeout; otherwise it looks again when it could be. One timer is pending at a time; changing
 * the timeout reschedules it, and a timeout of 0 or less means none.
 */
final class IdleTimeout {

    private final WebSocketConnection connection;
    private final BooleanSupplier open;
    private final LongConsumer onIdle;

    private volatile long timeoutMillis;
    // Guarded by this.
    private ScheduledFuture<?> check;

    /**
     * @param open whether the session is still open: a closing one is not timed out again
     * @param onIdle runs on the connection's executor with the timeout that passed
     */
    IdleTimeout(WebSocketConnection connection, long timeoutMillis, BooleanSupplier open, LongConsumer onIdle) {
        this.connection = connection;
        this.timeoutMillis = timeoutMillis;
        this.open = open;
        this.onIdle = onIdle;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    void start() {
        schedule(timeoutMillis);
    }

    /** A new timeout, counted from now. */
    void set(long millis) {
        timeoutMillis = millis;
        connection.touch();
        schedule(millis);
    }

    synchronized void stop() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private synchronized void schedule(long delayMillis) {
        stop();
        if (delayMillis > 0 && open.getAsBoolean()) {
            check = Timers.schedule(this::checkIdle, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** On the timer thread: hand the close to the executor if idle long enough, otherwise look again when it could be. */
    private void checkIdle() {
        long timeout = timeoutMillis;
        if (timeout <= 0 || !open.getAsBoolean()) {
            return;
        }
        long idleMillis = (System.nanoTime() - connection.lastActivityNanos()) / 1_000_000;
        if (idleMillis < timeout) {
            schedule(timeout - idleMillis);
            return;
        }
        connection.transport().executor().execute(() -> onIdle.accept(timeout));
    }

    @Override
    public String toString() {
        return timeoutMillis <= 0 ? "no idle timeout" : "idle timeout " + timeoutMillis + " ms";
    }
}
