// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A container's thread pool, which starts threads when work waits, not whenever no thread happens
 * to be idle at the instant work comes.
 *
 * <p>Work goes straight to a waiting thread when there is one. Otherwise, while the pool has fewer
 * threads than processors (at least two), a thread starts for it at once; beyond that the work
 * queues, and the pool looks at its queue every millisecond while work waits: when two looks in a
 * row find the same oldest work, no thread took any in between (they are all blocked, in
 * application code say), and one more thread starts, once the last one it started has run. So
 * blocked work still grows the pool to its maximum, a thread every few milliseconds, with no
 * further work handed in. Past the maximum work waits its turn; after shutdown, work handed in is
 * dropped and no thread starts. Threads end after the keep-alive, so idle sessions hold none.
 *
 * <p>Why not a thread whenever none waits, as before: in a burst of short tasks (10,000 WebSocket
 * connections opening, each with an {@code onOpen} and a read loop to start) there is almost never
 * a thread waiting at the instant a task comes, since the others are busy with the tasks just
 * before it. On a two-core machine the pool grew to 130 or 200 threads for tasks of microseconds,
 * each holding some 200 KB of memory for the keep-alive's minute; waiting first, it grows to 20.
 *
 * <p>A plain {@link ThreadPoolExecutor} cannot do any of this with a bound: with a hand-off queue
 * it refuses work at the maximum, and with a waiting queue it never grows past its core size (and
 * starts a thread per task up to it even while others idle).
 */
final class ElasticPool extends ThreadPoolExecutor {

    /** Threads that start as soon as work finds none waiting: enough to keep the processors busy. */
    private static final int START_AT_ONCE = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** How often the pool looks at its queue while work waits. */
    private static final long LOOK_MICROS = 1000;
    /**
     * Looks that must find the same oldest work before a thread starts for it: more than one, since
     * a single look straight after a pause of the whole process (a collection) would see work that
     * no thread could take only because none ran.
     */
    private static final int STUCK_LOOKS = 2;

    private final HandOffQueue queue;
    /** A look is pending (never more than one); the pool holds the {@link Timers} meanwhile. */
    private final AtomicBoolean watching = new AtomicBoolean();
    /** A thread the looks started has not run yet: until it has, they start no other. */
    private volatile boolean starting;
    /** The first task of a thread the looks start, which then goes on to the queued work. */
    private final Runnable started = () -> starting = false;

    ElasticPool(int maxThreads, long keepAliveSeconds, ThreadFactory threads) {
        this(maxThreads, keepAliveSeconds, threads, new HandOffQueue());
    }

    private ElasticPool(int maxThreads, long keepAliveSeconds, ThreadFactory threads, HandOffQueue queue) {
        super(0, maxThreads, keepAliveSeconds, TimeUnit.SECONDS, queue, threads, QUEUE_PAST_THE_MAXIMUM);
        this.queue = queue;
        queue.pool = this;
    }

    /** No thread waits and none may start: the work waits its turn; after shutdown it is dropped. */
    private static final RejectedExecutionHandler QUEUE_PAST_THE_MAXIMUM = (task, executor) -> {
        ElasticPool pool = (ElasticPool) executor;
        if (task == pool.started) {
            pool.starting = false; // the thread could not start: a later look may try again
        } else if (!pool.isShutdown()) {
            pool.waitInQueue(task);
        }
    };

    /**
     * For work no thread waits for: false to have {@code execute} start a thread for it (which,
     * refused at the maximum, queues it after all), true once it is queued.
     */
    private boolean queues(Runnable task) {
        if (task == started || getPoolSize() < START_AT_ONCE) {
            return false;
        }
        waitInQueue(task);
        return true;
    }

    private void waitInQueue(Runnable task) {
        queue.enqueue(task);
        if (!watching.get() && watching.compareAndSet(false, true)) {
            Timers.acquire(); // held while a look is pending, so that no other user's release drops it
            lookLater(queue.peek(), 0);
        }
    }

    private void lookLater(Runnable oldest, int looks) {
        Timers.schedule(() -> look(oldest, looks), LOOK_MICROS, TimeUnit.MICROSECONDS);
    }

    /**
     * Starts a thread if {@code before}, the oldest queued work at the last {@code looks} looks,
     * still waits, and looks again while work waits. (The same task queued again looks as if it
     * waited: at worst a thread starts that was not needed.)
     */
    private void look(Runnable before, int looks) {
        Runnable oldest = queue.peek();
        int stuck = oldest == before ? looks + 1 : 0;
        try {
            if (oldest != null && stuck >= STUCK_LOOKS && !starting) {
                stuck = 0; // the new thread's turn to take it
                starting = true;
                try {
                    execute(started);
                } catch (RuntimeException | Error e) { // no thread, say: a later look tries again
                    starting = false;
                    throw e;
                }
            }
        } finally {
            if (oldest != null && !isShutdown()) {
                lookLater(oldest, stuck);
            } else {
                stopWatching();
            }
        }
    }

    private void stopWatching() {
        watching.set(false);
        // Work queued while the flag was still up scheduled no look: look once more, keeping the timers.
        if (!queue.isEmpty() && !isShutdown() && watching.compareAndSet(false, true)) {
            lookLater(queue.peek(), 0);
        } else {
            Timers.release();
        }
    }

    /**
     * Takes a task at once only when a thread is waiting for one (the hand-off, the common case);
     * otherwise the pool decides between a new thread and the queue. Threads take queued work
     * before they wait.
     */
    private static final class HandOffQueue extends LinkedTransferQueue<Runnable> {
        private static final long serialVersionUID = 1L;

        private transient ElasticPool pool;

        @Override
        public boolean offer(Runnable task) {
            return tryTransfer(task) || pool.queues(task);
        }

        void enqueue(Runnable task) {
            super.offer(task);
        }
    }
}
