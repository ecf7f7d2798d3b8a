// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Finds peers that are gone: after {@code interval} without a frame from the peer, pings it, and
 * when nothing at all arrives within {@code timeout} of the ping, reports the peer dead. Its pings
 * carry a payload of this session's own, so their pongs are recognized and never reach the
 * application's {@code PongMessage} handler. The timer thread only hands the work to the
 * connection's executor (sending may run write completions).
 *
 * <p>State is touched by one check at a time (each schedules the next) and by {@link #isOwnPong}
 * on the read loop; the fields they share are volatile.
 */
final class KeepAlive {

    private final WebSocketConnection connection;
    private final long intervalNanos;
    private final long timeoutNanos;
    private final Runnable onDead;
    /** The payload of this session's pings: 8 random bytes. */
    private final long marker = ThreadLocalRandom.current().nextLong();

    /** When the outstanding ping went out; 0 when none is outstanding. */
    private volatile long pingSentNanos;
    private volatile boolean stopped;
    private ScheduledFuture<?> next;

    /** @param onDead runs once, on the executor, when the peer showed no life within the timeout */
    KeepAlive(WebSocketConnection connection, long intervalMillis, long timeoutMillis, Runnable onDead) {
        this.connection = connection;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.onDead = onDead;
    }

    void start() {
        schedule(intervalNanos);
    }

    synchronized void stop() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    /** Whether a pong answers one of this session's keepalive pings (and so is not the application's). */
    boolean isOwnPong(ByteBuffer payload) {
        if (payload.remaining() != Long.BYTES || payload.getLong(payload.position()) != marker) {
            return false;
        }
        pingSentNanos = 0;
        return true;
    }

    private synchronized void schedule(long delayNanos) {
        if (!stopped) {
            next = Timers.schedule(() -> connection.transport().executor().execute(this::check),
                    Math.max(1, delayNanos), TimeUnit.NANOSECONDS);
        }
    }

    /** On the executor: ping, wait, or give up. */
    private void check() {
        if (stopped || connection.isClosed()) {
            return;
        }
        long now = System.nanoTime();
        long sent = pingSentNanos;
        long quiet = now - connection.lastReadNanos();
        if (sent != 0 && connection.lastReadNanos() - sent < 0) {
            // A ping is out and nothing has come since.
            if (now - sent >= timeoutNanos) {
                stop();
                onDead.run();
            } else {
                schedule(sent + timeoutNanos - now);
            }
            return;
        }
        pingSentNanos = 0; // anything read since the ping shows the peer alive
        if (quiet < intervalNanos) {
            schedule(intervalNanos - quiet);
            return;
        }
        pingSentNanos = now;
        connection.sendPing(ByteBuffer.allocate(Long.BYTES).putLong(0, marker));
        schedule(timeoutNanos);
    }

    @Override
    public String toString() {
        long sent = pingSentNanos;
        return "KeepAlive[interval=" + TimeUnit.NANOSECONDS.toMillis(intervalNanos) + " ms, timeout="
                + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms, " + (stopped ? "stopped" : sent == 0 ? "no ping out"
                : "ping out for " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent) + " ms") + "]";
    }
}
