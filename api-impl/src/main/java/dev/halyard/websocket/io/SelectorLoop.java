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
 * The one thread that waits for every socket of a client container (or of an application on the
 * Tomcat fast path) to become readable, writable or connected, so no connection needs a thread of
 * its own. It only hands readiness on: what follows (reading, parsing, application callbacks) runs
 * on the container's executor.
 *
 * <p>A loop given the executor's {@link Workers} lends them the selecting: once sockets turn ready,
 * an idle worker selects in the loop thread's place; when that worker finds a socket ready, it hands
 * the selecting on to the next idle worker and does the socket's work itself
 * ({@link Ready#readyOnWorker}), with the bytes just announced and no thread woken to run it. When
 * no worker is idle, the selecting goes back to the loop's own thread, which hands every readiness
 * on as it always does. So the selecting never waits for a worker, and never holds one that work
 * queued behind it needs (a pool at its maximum).
 *
 * <p>The thread (and the timer thread the sessions use) lives while the container has sockets:
 * it starts with the first one and ends {@link #LINGER_MILLIS} after the last one closed, so a
 * container nobody closes leaves no thread behind. Only the loop's own thread decides that: a
 * worker gives the selecting back once there are no sockets, or the loop stops.
 */
public final class SelectorLoop {

    /** How long the thread waits, with no sockets left, before it ends. */
    public static final long LINGER_MILLIS = 2_000;

    private static final System.Logger LOG = System.getLogger(SelectorLoop.class.getName());
    private static final WarnOnce WARNINGS = new WarnOnce(LOG);

    /** Whoever waits on a socket: told which of the operations it asked for are ready. */
    public interface Ready {

        /** On the selecting thread, which goes on selecting: hand the work on, never block. */
        void ready(int readyOps);

        /**
         * Instead of {@link #ready}, on a worker that handed the selecting on to take this readiness
         * itself: it may do the work right here, and block. By default it hands it on all the same.
         */
        default void readyOnWorker(int readyOps) {
            ready(readyOps);
        }
    }

    /** The executor's threads, as far as the loop borrows them for selecting. */
    public interface Workers {

        /** Runs {@code task} on a thread that is idle now; false, without running it, when none is. */
        boolean runOnIdleThread(Runnable task);
    }

    private final String name;
    /** Told as the thread starts and as it ends, under this loop's lock (the container's MBean comes and goes with it). */
    private final Runnable onStart;
    private final Runnable onEnd;
    /** Null: only the loop's own thread selects. */
    private final Workers workers;
    private final Runnable selectOnWorker = this::selectOnWorker;
    private Selector selector;
    private Thread thread;
    private int sockets;
    private boolean stopped;
    /** Whether a worker holds the selecting, and the loop's thread waits for it back. */
    private boolean selectingAway;
    /**
     * The selecting thread's only (handed on with the selecting): the last key its select found
     * ready and not yet handed on, and its ready operations.
     */
    private SelectionKey lastReady;
    private int lastReadyOps;

    public SelectorLoop(String name, Runnable onStart, Runnable onEnd) {
        this(name, null, onStart, onEnd);
    }

    /** @param workers the executor's threads, lent the selecting while sockets are busy; null for none */
    public SelectorLoop(String name, Workers workers, Runnable onStart, Runnable onEnd) {
        this.name = name;
        this.workers = workers;
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

    /** Adds {@code ops} to what the key waits for; the ready callback runs on the selecting thread. */
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
                synchronized (this) {
                    while (selectingAway) {
                        wait();
                    }
                    if (stopped) {
                        detach();
                        break;
                    }
                }
                int ready = own.select(this::found, LINGER_MILLIS);
                boolean lend;
                synchronized (this) {
                    // One socket at a time: the executor keeps up, and a worker that selects saves a thread's wake-up per
                    // readiness. Several at once: handing them all on together keeps both cores busy.
                    lend = ready == 1 && lastReady != null && workers != null && sockets > 0 && !stopped;
                    selectingAway = lend;
                }
                if (lend) {
                    if (workers.runOnIdleThread(selectOnWorker)) {
                        continue; // the worker does the last ready socket's work, once it passed the selecting on
                    }
                    synchronized (this) {
                        selectingAway = false; // every worker is busy: this thread goes on selecting
                    }
                }
                handOnLastReady();
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
        } catch (IOException | RuntimeException | InterruptedException e) {
            LOG.log(System.Logger.Level.ERROR, name + " failed; its connections are closed", e);
            synchronized (this) {
                if (thread == Thread.currentThread()) {
                    detach();
                }
            }
        }
        closeQuietly(own);
    }

    /**
     * A worker's turn at selecting, lent by the loop's thread (with the ready socket it found last)
     * or by the worker before it: it selects until a socket is ready, hands the selecting on (to an
     * idle worker, or back to the loop's thread) and does that socket's work itself.
     */
    private void selectOnWorker() {
        Selector own;
        synchronized (this) {
            own = selector; // not yet closed: the loop's thread waits for the selecting back before it closes it
        }
        SelectionKey work = lastReady;
        int workOps = lastReadyOps;
        lastReady = null;
        int ready = 1;
        try {
            while (work == null) {
                synchronized (this) {
                    if (stopped || sockets == 0) {
                        break; // the loop's thread lingers, or ends
                    }
                }
                ready = own.select(this::found, LINGER_MILLIS);
                work = lastReady;
                workOps = lastReadyOps;
                lastReady = null;
            }
        } catch (IOException | RuntimeException e) {
            // The loop's thread meets the same failure when it selects again, and reports it.
            LOG.log(System.Logger.Level.DEBUG, name + ": a worker's select failed", e);
        }
        // Several sockets ready at once: the loop's thread takes the selecting back, and hands readiness on in batches.
        if (work == null || ready > 1 || !workers.runOnIdleThread(selectOnWorker)) {
            synchronized (this) {
                selectingAway = false;
                notifyAll();
            }
        }
        if (work != null) {
            try {
                ((Ready) work.attachment()).readyOnWorker(workOps);
            } catch (RuntimeException e) {
                WARNINGS.log(e.getClass().getName(), "A socket's readiness callback failed: " + work.attachment(), e);
            }
        }
    }

    private void detach() {
        thread = null;
        selector = null;
        Timers.release();
        onEnd.run();
    }

    /**
     * The select's action for each ready key: it stops waiting for what is ready (interest is
     * one-shot: the waiter asks again when it needs to), and the key is kept as {@link #lastReady},
     * handing on the one kept before it. The last stays for the selecting thread to decide on.
     */
    private void found(SelectionKey key) {
        SelectionKey previous = lastReady;
        lastReady = null;
        if (previous != null) {
            handOn(previous, lastReadyOps);
        }
        int ready;
        try {
            ready = key.readyOps();
            key.interestOpsAnd(~ready);
        } catch (java.nio.channels.CancelledKeyException e) {
            return;
        }
        lastReady = key;
        lastReadyOps = ready;
    }

    private void handOnLastReady() {
        SelectionKey last = lastReady;
        lastReady = null;
        if (last != null) {
            handOn(last, lastReadyOps);
        }
    }

    private static void handOn(SelectionKey key, int ready) {
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
