// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.io;

import dev.halyard.websocket.diagnostics.WarnOnce;
import dev.halyard.websocket.session.Timers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that waits for every socket of a client container (or of the Tomcat fast path)
 * to become readable, writable or connected, so no connection needs a thread of its own. It only
 * hands readiness on: what follows (reading, parsing, application callbacks) runs on the
 * container's executor.
 *
 * <p>The thread (and the timer thread the sessions use) lives while the container has sockets:
 * it starts with the first one and ends {@link #LINGER_MILLIS} after the last one closed, so a
 * container nobody closes leaves no thread behind.
 */
public final class SelectorLoop {

    /** How long the thread waits, with no sockets left, before it ends. */
    public static final long LINGER_MILLIS = 2_000;

    private static final System.Logger LOG = System.getLogger(SelectorLoop.class.getName());
    private static final WarnOnce WARNINGS = new WarnOnce(LOG);

    /** Whoever waits on a socket: told which of the operations it asked for are ready. */
    public interface Ready {
        void ready(int readyOps);
    }

    private final String name;
    /** Told as the thread starts and as it ends, under this loop's lock (the container's MBean comes and goes with it). */
    private final Runnable onStart;
    private final Runnable onEnd;
    private Selector selector;
    private Thread thread;
    private int sockets;
    private boolean stopped;

    public SelectorLoop(String name, Runnable onStart, Runnable onEnd) {
        this.name = name;
        this.onStart = onStart;
        this.onEnd = onEnd;
    }

    /** Registers a socket, with no interest yet; the caller {@link #release}s it once closed. */
    public synchronized SelectionKey register(SelectableChannel channel, Ready ready) throws IOException {
        if (stopped) {
            throw new IOException(name + " was stopped: its container is closed");
        }
        if (thread == null) {
            selector = Selector.open();
            Timers.acquire();
            thread = new Thread(this::run, name);
            thread.setDaemon(true);
            thread.setContextClassLoader(null); // hold no application's class loader through the thread
            thread.start();
            onStart.run();
        }
        sockets++;
        SelectionKey key = channel.register(selector, 0, ready);
        selector.wakeup();
        return key;
    }

    /** Adds {@code ops} to what the key waits for; the ready callback runs on the selector thread. */
    public void interest(SelectionKey key, int ops) {
        try {
            key.interestOpsOr(ops);
            key.selector().wakeup();
        } catch (java.nio.channels.CancelledKeyException e) {
            // closed meanwhile: whoever closed it tells the waiter
        }
    }

    /**
     * A socket registered here is closed (or no longer watched here). The selector wakes, so that
     * it lets go of the socket at once: the JDK closes a registered channel's descriptor only when
     * every selector it was registered with has dropped it.
     */
    public synchronized void release() {
        sockets--;
        if (selector != null) {
            selector.wakeup();
        }
    }

    /** Ends the thread now, whatever is registered; for the container's close. */
    public synchronized void stop() {
        stopped = true;
        if (selector != null) {
            selector.wakeup();
        }
    }

    private void run() {
        Selector own;
        synchronized (this) {
            own = selector;
        }
        long idleSince = 0;
        try {
            while (true) {
                own.select(this::dispatch, LINGER_MILLIS);
                synchronized (this) {
                    if (sockets > 0 && !stopped) {
                        idleSince = 0;
                        continue;
                    }
                    long now = System.nanoTime();
                    if (idleSince == 0 && !stopped) {
                        idleSince = now;
                    } else if (stopped || now - idleSince >= TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS)) {
                        // Decided under the lock, so a registration either came before (and keeps us) or starts anew.
                        detach();
                        break;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, name + " failed; its connections are closed", e);
            synchronized (this) {
                if (thread == Thread.currentThread()) {
                    detach();
                }
            }
        }
        closeQuietly(own);
    }

    private void detach() {
        thread = null;
        selector = null;
        Timers.release();
        onEnd.run();
    }

    private void dispatch(SelectionKey key) {
        int ready;
        try {
            ready = key.readyOps();
            // One-shot interest: the waiter asks again when it needs to.
            key.interestOpsAnd(~ready);
        } catch (java.nio.channels.CancelledKeyException e) {
            return;
        }
        try {
            ((Ready) key.attachment()).ready(ready);
        } catch (RuntimeException e) {
            WARNINGS.log(e.getClass().getName(), "A socket's readiness callback failed: " + key.attachment(), e);
        }
    }

    private static void closeQuietly(Selector selector) {
        try {
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
                // the waiters see the closed channel on their next operation
                if (key.attachment() instanceof Ready) {
                    ((Ready) key.attachment()).ready(SelectionKey.OP_READ | SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT);
                }
            }
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Closing the selector", e);
        }
    }
}
