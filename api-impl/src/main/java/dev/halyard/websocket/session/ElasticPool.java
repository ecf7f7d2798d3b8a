// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A container's thread pool: hands work straight to a waiting thread when there is one, starts a
 * thread when none waits and the maximum is not reached, and only past the maximum queues it. A
 * plain {@link ThreadPoolExecutor} cannot do that with a bound: with a hand-off queue it refuses
 * work at the maximum, and with a waiting queue it never grows past its core size (and starts a
 * thread per task up to it even while others idle). Threads end after the keep-alive, so idle
 * sessions hold none. After shutdown, work handed to it is dropped.
 */
final class ElasticPool extends ThreadPoolExecutor {

    ElasticPool(int maxThreads, long keepAliveSeconds, ThreadFactory threads) {
        super(0, maxThreads, keepAliveSeconds, TimeUnit.SECONDS, new HandOffQueue(), threads, QUEUE_PAST_THE_MAXIMUM);
    }

    /** No thread waiting and none may start: the work waits its turn; after shutdown it is dropped. */
    private static final RejectedExecutionHandler QUEUE_PAST_THE_MAXIMUM = (task, pool) -> {
        if (!pool.isShutdown()) {
            ((HandOffQueue) pool.getQueue()).enqueue(task);
        }
    };

    /**
     * Takes a task only when a thread is waiting for one (so the pool starts a thread otherwise);
     * {@link #enqueue} queues past the maximum, and threads take queued work before they wait.
     */
    private static final class HandOffQueue extends LinkedTransferQueue<Runnable> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean offer(Runnable task) {
            return tryTransfer(task);
        }

        void enqueue(Runnable task) {
            super.offer(task);
        }
    }
}
