// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One selector driving many {@link Connection}s on the calling thread: the whole load generator
 * is single-threaded, so connections and workloads share state without locks, and the thread
 * competes with the server for the machine's cores as one client process would. While traffic
 * flows it never sleeps (see {@link #POLL_NANOS}), so it takes one core of the machine's two.
 */
final class EventLoop implements AutoCloseable {

    /** Something a workload does on a schedule: runs, and says when (System.nanoTime) it wants to run again. */
    interface Pacer {
        long run(long now);
    }

    /**
     * How long the loop polls, rather than sleeps, for its next event or due time. On a virtual
     * machine a sleeping client costs the server a wake-up (an interprocessor interrupt) on its
     * next write, and then sleeps again sooner: whether a run fell into that slow state was chance,
     * and split one target's broadcast figure ±30% between rounds. A sleep's timeout is also whole
     * milliseconds, too coarse to pace latency messages due every 200 µs.
     */
    private static final long POLL_NANOS = 1_000_000;

    /** Handshakes in progress at once: enough to open 10,000 connections quickly, few enough for any accept queue. */
    private static final int PARALLEL_HANDSHAKES = 64;

    private final Selector selector;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(256 * 1024);
    private final InetSocketAddress server;

    EventLoop(InetSocketAddress server) {
        if (!server.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("The load generator targets loopback addresses only, not " + server);
        }
        this.server = server;
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("Opening a selector failed", e);
        }
    }

    /**
     * Opens the connections, {@value #PARALLEL_HANDSHAKES} handshakes at a time. Those not open by
     * the deadline are aborted with a reason saying so. Returns how many opened.
     */
    int open(List<Connection> connections, String pathAndQuery, long deadline) {
        int started = 0;
        while (true) {
            int pending = 0;
            int settled = 0;
            for (int i = 0; i < started; i++) {
                Connection.State state = connections.get(i).state();
                if (state == Connection.State.CONNECTING || state == Connection.State.HANDSHAKING) {
                    pending++;
                } else {
                    settled++;
                }
            }
            while (pending < PARALLEL_HANDSHAKES && started < connections.size()) {
                connections.get(started++).start(selector, server, pathAndQuery);
                pending++;
            }
            if (settled == connections.size() || System.nanoTime() >= deadline) {
                break;
            }
            poll(10_000_000);
        }
        int open = 0;
        for (Connection connection : connections) {
            if (connection.state() == Connection.State.OPEN) {
                open++;
            } else if (connection.state() != Connection.State.CLOSED) {
                connection.abort();
            }
        }
        return open;
    }

    /** Runs until {@code done} is true (checked after each poll) or the deadline passes; says whether done. */
    boolean run(long deadline, BooleanSupplier done, Pacer pacer) {
        long next = pacer == null ? Long.MAX_VALUE : pacer.run(System.nanoTime());
        while (!done.getAsBoolean()) {
            long now = System.nanoTime();
            if (now >= deadline) {
                return false;
            }
            if (next <= now) {
                next = pacer.run(now);
                continue;
            }
            long wait = Math.min(deadline, next) - now;
            poll(wait);
        }
        return true;
    }

    void run(long deadline) {
        run(deadline, () -> false, null);
    }

    /**
     * Closes every connection with the closing handshake and waits for the servers to end TCP
     * (RFC 6455 §7.1.1), one second plus 0.2 ms a connection; then aborts the rest.
     */
    void closeAll(List<Connection> connections) {
        long deadline = System.nanoTime() + 1_000_000_000L + connections.size() * 200_000L;
        connections.forEach(Connection::close);
        run(deadline, () -> connections.stream().allMatch(c -> c.state() == Connection.State.CLOSED), null);
        connections.forEach(Connection::abort);
    }

    /** Handles the connections that are ready, waiting up to {@code timeoutNanos} for one: polling first, then asleep. */
    private void poll(long timeoutNanos) {
        try {
            long start = System.nanoTime();
            long polled;
            while (selector.selectNow() == 0 && (polled = System.nanoTime() - start) < timeoutNanos) {
                if (polled >= POLL_NANOS) {
                    selector.select(Math.max(1, (timeoutNanos - polled) / 1_000_000));
                    break;
                }
                Thread.onSpinWait();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Selecting failed", e);
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            if (key.isValid()) {
                ((Connection) key.attachment()).ready(readBuffer);
            }
        }
    }

    @Override
    public void close() {
        if (!selector.isOpen()) {
            return; // closed before
        }
        for (SelectionKey key : selector.keys()) {
            ((Connection) key.attachment()).abort();
        }
        try {
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Closing the selector failed", e);
        }
    }
}
