// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import static dev.halyard.websocket.testing.Eventually.eventually;
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
                    awaitQuietly(release);
                    running.decrementAndGet();
                    finished.countDown();
                });
            }
            // Threads past the first few start as work waits, with no further execute: wait until four run.
            eventually().until(() -> running.get() == 4);
            assertThat(pool.getPoolSize()).isEqualTo(4);
            assertThat(pool.getQueue()).as("past the maximum, work waits").hasSize(6);
            release.countDown();
            assertThat(finished.await(10, TimeUnit.SECONDS)).as("queued work runs once threads free up").isTrue();
            assertThat(most.get()).isEqualTo(4);
            assertThat(pool.getLargestPoolSize()).isEqualTo(4);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void workStuckBehindBusyThreadsGetsAThreadWithNoFurtherWorkHandedIn() throws Exception {
        ElasticPool pool = pool(200);
        CountDownLatch release = new CountDownLatch(1);
        try {
            // More blocked tasks than the threads that start at once: the ones past them queue first.
            int blocked = Runtime.getRuntime().availableProcessors() + 2;
            CountDownLatch running = new CountDownLatch(blocked);
            for (int i = 0; i < blocked; i++) {
                pool.execute(() -> {
                    running.countDown();
                    awaitQuietly(release);
                });
            }
            assertThat(running.await(10, TimeUnit.SECONDS)).as("every blocked task runs").isTrue();
            CountDownLatch ran = new CountDownLatch(1);
            pool.execute(ran::countDown);
            assertThat(ran.await(10, TimeUnit.SECONDS)).as("the last task runs while the others still block").isTrue();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aBurstOfShortTasksGrowsThePoolFarLessThanItsMaximum() throws Exception {
        ElasticPool pool = pool(200);
        int tasks = 20_000;
        CountDownLatch ran = new CountDownLatch(tasks);
        try {
            for (int i = 0; i < tasks; i++) {
                pool.execute(() -> {
                    briefWork();
                    ran.countDown();
                });
            }
            assertThat(ran.await(30, TimeUnit.SECONDS)).as("every task runs").isTrue();
            // Two threads keep up (a few more start when the machine is loaded); a thread for every task
            // that found none waiting, the former policy, made 70 to 130 here on a loaded two-core machine.
            assertThat(pool.getLargestPoolSize()).isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors() + 40);
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

    /** Some tens of microseconds of work, as an {@code onOpen} might do; the sink keeps it from being optimized away. */
    private static void briefWork() {
        int hash = 0;
        for (int i = 0; i < 1000; i++) {
            hash = 31 * hash + Integer.toString(i).hashCode();
        }
        sink = hash;
    }

    private static volatile int sink;

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitIdle(ElasticPool pool) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pool.getActiveCount() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
