// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.util.AbstractQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A container's thread pool, which starts a thread only when one would help. New work goes
 * straight to a waiting thread when there is one; while the pool has fewer threads than the
 * machine has processors, a thread starts for it at once. Past that, work waits in the queue, and
 * a watchdog on the timer thread starts a thread for the oldest waiting task once it has waited
 * {@link #STALL_NANOS} and
 * <ul>
 * <li>fewer of the pool's threads are running than there are processors: the others are blocked
 * (a blocking send, a lock, a sleep), so a processor is free for another thread; or
 * <li>no thread has taken work for as long: every thread is stuck, however; or
 * <li>it has waited {@link #BACKSTOP_NANOS}: a thread blocked in a native read looks running.
 * </ul>
 * An eager pool (a plain {@link ThreadPoolExecutor}, Tomcat's, Jetty's) starts a thread whenever
 * none is waiting; on busy processors, a burst of short tasks (ten thousand handshakes, each
 * opening a session) then starts hundreds of threads that only share the same processors, each
 * holding its stack until the keep-alive ends it. Measured on 2 cores: Halyard's pool on Jetty went
 * from 16 to 200 threads in such a burst; with this watchdog, to about 50 (most started by the backstop).
 *
 * <p>The watchdog needs the timer thread, which a container holds while it runs; a pool working
 * without one grows eagerly. Past the maximum, work waits its turn. Threads end after the
 * keep-alive, so idle sessions hold none. After shutdown, work handed to it is dropped.
 */
final class ElasticPool extends ThreadPoolExecutor {

    /** How long the oldest task waits before a thread may start for it. */
    static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** How long it waits before a thread starts for it whatever the others are doing. */
    static final long BACKSTOP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The threads that start at once, without waiting for a stall. */
    static final int PROCESSORS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final WorkQueue queue;
    private final Threads threads;
    private final AtomicBoolean watching = new AtomicBoolean();

    ElasticPool(int maxThreads, long keepAliveSeconds, ThreadFactory factory) {
        this(maxThreads, keepAliveSeconds, new WorkQueue(), new Threads(factory));
    }

    private ElasticPool(int maxThreads, long keepAliveSeconds, WorkQueue queue, Threads threads) {
        super(0, maxThreads, keepAliveSeconds, TimeUnit.SECONDS, queue, threads, QUEUE_PAST_THE_MAXIMUM);
        this.queue = queue;
        this.threads = threads;
    }

    @Override
    public void execute(Runnable task) {
        if (task == null) {
            throw new NullPointerException("task");
        }
        if (queue.offer(task)) {
            return; // a waiting thread took it
        }
        if (isShutdown() || threads.count() < PROCESSORS) {
            super.execute(task); // starts a thread (up to the maximum), or drops the task after shutdown
            return;
        }
        queue.enqueue(task);
        watch();
    }

    private void watch() {
        if (watching.compareAndSet(false, true)) {
            next();
        }
    }

    /**
     * Looks again in half a stall. Only while a container holds the timer thread: with none (a pool
     * outliving its container), it stops watching and starts a thread for each waiting task at once,
     * as an eager pool would, rather than give the timer a thread that nobody would end.
     */
    private void next() {
        if (!Timers.scheduleWhileHeld(this::check, STALL_NANOS / 2, TimeUnit.NANOSECONDS)) {
            watching.set(false);
            for (Runnable task; (task = queue.poll()) != null; ) {
                startFor(task);
            }
        }
    }

    /** On the timer thread, while work waits: start a thread if the oldest task is stalled. */
    private void check() {
        if (isShutdown()) {
            watching.set(false);
            return;
        }
        Runnable oldest = queue.peek();
        if (oldest == null) {
            watching.set(false);
            if (!queue.isEmpty()) {
                watch(); // work arrived after the peek, and its execute saw the watch still on
            }
            return;
        }
        long now = System.nanoTime();
        if (oldest instanceof Waiting waiting && stalled(now - waiting.since, now - queue.lastTaken)) {
            Runnable task = queue.poll();
            if (task != null) {
                startFor(task);
            }
        }
        next();
    }

    /** Hands {@code task} to a waiting thread or a new one; past the maximum it goes back in the queue. */
    private void startFor(Runnable task) {
        queue.lastTaken = System.nanoTime();
        super.execute(task);
    }

    private boolean stalled(long waited, long sinceTaken) {
        if (waited < STALL_NANOS || threads.count() >= getMaximumPoolSize()) {
            return false;
        }
        return sinceTaken >= STALL_NANOS || waited >= BACKSTOP_NANOS || threads.running() < PROCESSORS;
    }

    /** No thread waiting and none may start: the work waits its turn; after shutdown it is dropped. */
    private static final RejectedExecutionHandler QUEUE_PAST_THE_MAXIMUM = (task, pool) -> {
        if (!pool.isShutdown()) {
            ((WorkQueue) pool.getQueue()).enqueue(task);
        }
    };

    /** A task in the queue, with the time it began to wait. */
    private record Waiting(Runnable task, long since) implements Runnable {
        @Override
        public void run() {
            task.run();
        }
    }

    /**
     * The pool's queue. {@link #offer} hands a task straight to a waiting thread, and takes it only
     * when one is waiting, so that the pool starts a thread otherwise; {@link #enqueue} queues it
     * regardless, and threads take queued work before they wait. Notes when a thread last took work:
     * with no core threads, every thread takes its work through the timed {@code poll}.
     *
     * <p>The thread that waited least is handed work first (last in, first out). Its stack and data
     * are still in the processor's caches, and threads the load does not need stay idle until their
     * keep-alive ends them. Waking the longest idle (a condition's order, and that of Tomcat's and
     * Jetty's pools) passed a steady trickle of work round every thread the pool ever started, so
     * none ever ended: measured on 2 cores, 16 connections at 5,000 messages a second kept 12 threads
     * taking turns.
     *
     * <p>A lock and parked threads rather than JDK 17's {@code LinkedTransferQueue}, whose timed poll
     * can spin until its timeout instead of parking (JDK-8301341, fixed in 21): with that queue, one
     * idle thread kept a core busy after 300 peers stopped reading.
     */
    private static final class WorkQueue extends AbstractQueue<Runnable> implements BlockingQueue<Runnable> {
        private final ReentrantLock lock = new ReentrantLock();
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        /** Threads in {@code poll} with no work yet, the most recently idle first. */
        private final ArrayDeque<Idle> idle = new ArrayDeque<>();

        volatile long lastTaken = System.nanoTime();

        /** A thread waiting for work; whoever takes it off {@link #idle} hands it a task. */
        private static final class Idle {
            final Thread thread = Thread.currentThread();
            volatile Runnable task;
        }

        /** Hands {@code task} to the most recently idle thread, if one is waiting. */
        @Override
        public boolean offer(Runnable task) {
            return handOver(task, false);
        }

        @Override
        public boolean offer(Runnable task, long timeout, TimeUnit unit) {
            return offer(task);
        }

        /** Queues {@code task}, noting when it began to wait. */
        void enqueue(Runnable task) {
            put(task instanceof Waiting ? task : new Waiting(task, System.nanoTime()));
        }

        /** Hands {@code task} to a waiting thread, or queues it for the next thread that looks. */
        @Override
        public void put(Runnable task) {
            handOver(task, true);
        }

        /**
         * Gives {@code task} to the most recently idle thread and wakes it (after the lock, so that it
         * does not wake only to wait for the lock); with none idle, queues it or not.
         *
         * @return whether a thread took it
         */
        private boolean handOver(Runnable task, boolean queueIfNoneIdle) {
            Objects.requireNonNull(task, "task");
            Idle taker;
            lock.lock();
            try {
                taker = idle.pollFirst();
                if (taker == null) {
                    if (queueIfNoneIdle) {
                        tasks.add(task);
                    }
                    return false;
                }
                taker.task = task;
            } finally {
                lock.unlock();
            }
            LockSupport.unpark(taker.thread);
            return true;
        }

        @Override
        public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
            long nanos = unit.toNanos(timeout);
            Idle me;
            lock.lockInterruptibly();
            try {
                Runnable queued = tasks.poll();
                if (queued != null) {
                    return taken(queued);
                }
                if (nanos <= 0) {
                    return null;
                }
                me = new Idle();
                idle.addFirst(me);
            } finally {
                lock.unlock();
            }
            long start = System.nanoTime();
            boolean interrupted = false;
            for (long left = nanos; me.task == null && left > 0 && !interrupted; left = nanos - (System.nanoTime() - start)) {
                LockSupport.parkNanos(this, left);
                interrupted = Thread.interrupted();
            }
            Runnable handed = me.task; // the giver took this thread off the list already
            if (handed == null) {
                lock.lock();
                try {
                    handed = me.task; // handed over just now, or this thread leaves the list
                    if (handed == null) {
                        idle.removeFirstOccurrence(me);
                    }
                } finally {
                    lock.unlock();
                }
            }
            if (handed != null) {
                if (interrupted) {
                    Thread.currentThread().interrupt(); // kept set for the worker to see, as with work taken at once
                }
                return taken(handed);
            }
            if (interrupted) {
                throw new InterruptedException();
            }
            return null;
        }

        /** The timed poll with no end worth the name (292 years); the pool, with no core threads, never calls it. */
        @Override
        public Runnable take() throws InterruptedException {
            return poll(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        }

        private <T> T locked(Supplier<T> body) {
            lock.lock();
            try {
                return body.get();
            } finally {
                lock.unlock();
            }
        }

        private Runnable taken(Runnable task) {
            lastTaken = System.nanoTime();
            return task;
        }

        @Override
        public Runnable poll() {
            return locked(() -> tasks.poll());
        }

        @Override
        public Runnable peek() {
            return locked(() -> tasks.peek());
        }

        @Override
        public int size() {
            return locked(() -> tasks.size());
        }

        @Override
        public boolean remove(Object task) {
            return locked(() -> tasks.remove(task));
        }

        @Override
        public int remainingCapacity() {
            return Integer.MAX_VALUE;
        }

        @Override
        public int drainTo(Collection<? super Runnable> sink) {
            return drainTo(sink, Integer.MAX_VALUE);
        }

        @Override
        public int drainTo(Collection<? super Runnable> sink, int most) {
            return locked(() -> {
                int drained = 0;
                for (Runnable task; drained < most && (task = tasks.poll()) != null; drained++) {
                    sink.add(task);
                }
                return drained;
            });
        }

        /** Over a copy; its {@code remove} removes from the queue (as {@link ThreadPoolExecutor#purge} does). */
        @Override
        public Iterator<Runnable> iterator() {
            Iterator<Runnable> copy = locked(() -> new ArrayList<>(tasks)).iterator();
            return new Iterator<>() {
                private Runnable last;

                @Override
                public boolean hasNext() {
                    return copy.hasNext();
                }

                @Override
                public Runnable next() {
                    return last = copy.next();
                }

                @Override
                public void remove() {
                    if (last == null) {
                        throw new IllegalStateException("next() first");
                    }
                    WorkQueue.this.remove(last);
                    last = null;
                }
            };
        }
    }

    /** Makes the pool's threads and keeps them, so that the watchdog can see how many are running. */
    private static final class Threads implements ThreadFactory {
        private final ThreadFactory factory;
        private final Set<Thread> all = ConcurrentHashMap.newKeySet();

        Threads(ThreadFactory factory) {
            this.factory = factory;
        }

        @Override
        public Thread newThread(Runnable worker) {
            Thread thread = factory.newThread(() -> {
                try {
                    worker.run();
                } finally {
                    all.remove(Thread.currentThread());
                }
            });
            if (thread != null) {
                all.add(thread);
            }
            return thread;
        }

        /** Threads running or ready to run; a thread waiting for work or blocked in a task is not. */
        int running() {
            int running = 0;
            for (Thread thread : all) {
                if (thread.getState() == Thread.State.RUNNABLE) {
                    running++;
                }
            }
            return running;
        }

        /** Threads made and not yet ended (the pool's own count, {@code getPoolSize}, takes its lock). */
        int count() {
            return all.size();
        }
    }
}
