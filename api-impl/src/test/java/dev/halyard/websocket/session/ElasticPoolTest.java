// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ElasticPoolTest {

    private static ElasticPool pool(int max) {
        AtomicInteger number = new AtomicInteger();
        return new ElasticPool(max, 10, task -> {
            Thread thread = new Thread(task, "elastic-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Test
    void anIdleThreadTakesNewWorkBeforeAnotherStarts() throws Exception {
        ElasticPool pool = pool(200);
        try {
            for (int i = 0; i < 1000; i++) {
                CountDownLatch done = new CountDownLatch(1);
                pool.execute(done::countDown);
                assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
                awaitIdle(pool);
            }
            // One task at a time needs about one thread (a thread just done may not be waiting yet for the
            // next); a pool that started a thread per task up to its bound would have 200.
            assertThat(pool.getLargestPoolSize()).isLessThanOrEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void busyThreadsGrowThePoolToItsMaximumThenWorkWaits() throws Exception {
        ElasticPool pool = pool(4);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(10);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try {
            for (int i = 0; i < 10; i++) {
                pool.execute(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    finished.countDown();
                });
            }
            assertThat(pool.getPoolSize()).isEqualTo(4);
            assertThat(pool.getQueue()).as("past the maximum, work waits").hasSize(6);
            // A thread started for the fourth task may not have begun it yet: wait until all four run.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (running.get() < 4 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            release.countDown();
            assertThat(finished.await(10, TimeUnit.SECONDS)).as("queued work runs once threads free up").isTrue();
            assertThat(most.get()).isEqualTo(4);
            assertThat(pool.getLargestPoolSize()).isEqualTo(4);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void workHandedToItAfterShutdownIsDropped() {
        ElasticPool pool = pool(2);
        pool.shutdown();
        AtomicInteger ran = new AtomicInteger();
        pool.execute(ran::incrementAndGet);
        assertThat(ran.get()).isZero();
    }

    private static void awaitIdle(ElasticPool pool) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pool.getActiveCount() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
