// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ElasticPoolTest {

    /** As a container does while it runs: the pool's watchdog uses the timer thread only while someone holds it. */
    @BeforeEach
    void holdTheTimers() {
        Timers.acquire();
    }

    @AfterEach
    void releaseTheTimers() {
        Timers.release();
    }

    private static ElasticPool pool(int max) {
        return pool(max, 10);
    }

    private static ElasticPool pool(int max, long keepAliveSeconds) {
        AtomicInteger number = new AtomicInteger();
        return new ElasticPool(max, keepAliveSeconds, task -> {
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
                runOne(pool);
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
    void blockedThreadsGrowThePoolToItsMaximumThenWorkWaits() throws Exception {
        int max = ElasticPool.PROCESSORS + 2;
        ElasticPool pool = pool(max);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(max + 6);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try {
            for (int i = 0; i < max + 6; i++) {
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
            assertThat(pool.getPoolSize()).as("as many threads as processors start at once").isEqualTo(ElasticPool.PROCESSORS);
            // The rest start when the watchdog sees the waiting work stalled behind blocked threads.
            awaitUntil(() -> running.get() == max);
            assertThat(pool.getPoolSize()).isEqualTo(max);
            assertThat(pool.getQueue()).as("past the maximum, work waits").hasSize(6);
            release.countDown();
            assertThat(finished.await(10, TimeUnit.SECONDS)).as("queued work runs once threads free up").isTrue();
            assertThat(most.get()).isEqualTo(max);
            assertThat(pool.getLargestPoolSize()).isEqualTo(max);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void threadsBlockedOnEachOtherAllGetAThread() throws Exception {
        // Blocked threads are not running: the pool grows for the waiting work as soon as it stalls.
        int tasks = ElasticPool.PROCESSORS + 20;
        ElasticPool pool = pool(200);
        try {
            assertThat(allStartWhileEachWaitsForTheOthers(pool, tasks, false)).as("every task started while the others blocked").isTrue();
            assertThat(pool.getLargestPoolSize()).isEqualTo(tasks);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void threadsThatRunWithoutEndingStillLetWaitingWorkStart() throws Exception {
        // Busy threads are running, not blocked: the pool grows for the waiting task only because none takes work.
        ElasticPool pool = pool(200);
        try {
            assertThat(allStartWhileEachWaitsForTheOthers(pool, ElasticPool.PROCESSORS + 2, true)).as("every spinning task started")
                    .isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs {@code tasks} tasks that each wait until all have started, parked (blocked) or spinning (running);
     * a pool that never grew past its processors would leave them waiting. True if every task saw all start.
     */
    private static boolean allStartWhileEachWaitsForTheOthers(ElasticPool pool, int tasks, boolean spin) throws InterruptedException {
        AtomicInteger started = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(tasks);
        for (int i = 0; i < tasks; i++) {
            pool.execute(() -> {
                started.incrementAndGet();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (started.get() < tasks && System.nanoTime() < deadline) {
                    if (spin) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.parkNanos(100_000);
                    }
                }
                if (started.get() == tasks) {
                    finished.countDown();
                }
            });
        }
        return finished.await(20, TimeUnit.SECONDS);
    }

    @Test
    void aBurstOfShortTasksOnBusyProcessorsStartsNoThreadPerTask() throws Exception {
        ElasticPool pool = pool(200);
        int tasks = 2000;
        CountDownLatch finished = new CountDownLatch(tasks);
        try {
            for (int i = 0; i < tasks; i++) {
                pool.execute(() -> {
                    long end = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(20);
                    while (System.nanoTime() < end) {
                        Thread.onSpinWait();
                    }
                    finished.countDown();
                });
            }
            assertThat(finished.await(20, TimeUnit.SECONDS)).isTrue();
            // An eager pool starts a thread whenever none is waiting: here, most of its 200. More threads
            // than processors would only share them; a few may start if the queue waits past the backstop.
            assertThat(pool.getLargestPoolSize()).isLessThanOrEqualTo(ElasticPool.PROCESSORS + 4);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTrickleOfWorkKeepsTheThreadItNeedsAndLetsTheOthersEnd() throws Exception {
        ElasticPool pool = pool(200, 1);
        int started = ElasticPool.PROCESSORS + 2;
        try {
            // Grow the pool: tasks that block until all of them run.
            assertThat(allStartWhileEachWaitsForTheOthers(pool, started, false)).isTrue();
            awaitIdle(pool);
            assertThat(pool.getPoolSize()).isEqualTo(started);
            // One short task every 100 ms for 3 s, each done before the next. Handed to the longest idle
            // thread, the tasks would go round all of them, each busy well within its 1 s keep-alive;
            // handed to the most recently idle one, they keep one thread and the rest end.
            for (int i = 0; i < 30; i++) {
                runOne(pool);
                Thread.sleep(100);
            }
            assertThat(pool.getPoolSize()).as("threads left after 3 s of one task at a time").isLessThanOrEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInterruptedIdleThreadLeavesAndTheNextTaskStillRuns() throws Exception {
        ElasticPool pool = pool(200);
        try {
            runOne(pool);
            awaitIdle(pool);
            // What shutdown does to idle threads, without shutting down: the waiting thread leaves its wait.
            Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("elastic-")).forEach(Thread::interrupt);
            runOne(pool); // work handed over after the interrupt runs
        } finally {
            pool.shutdownNow();
        }
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).as("shutdownNow ends the idle threads").isTrue();
    }

    @Test
    void withNoContainerHoldingTheTimersThePoolGrowsAtOnce() throws Exception {
        Timers.release(); // as if the container had stopped; held again for @AfterEach
        try {
            ElasticPool pool = pool(200);
            CountDownLatch release = new CountDownLatch(1);
            try {
                int tasks = ElasticPool.PROCESSORS + 5;
                for (int i = 0; i < tasks; i++) {
                    pool.execute(() -> {
                        try {
                            release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                }
                assertThat(pool.getPoolSize()).as("a thread for every task, without a watchdog").isEqualTo(tasks);
                assertThat(pool.getQueue()).isEmpty();
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
        } finally {
            Timers.acquire();
        }
    }

    /**
     * JDK 17's LinkedTransferQueue can leave a thread in a timed poll spinning until its timeout
     * (JDK-8301341): a pool on it kept a core busy with nothing to do after 300 peers stopped reading.
     * After a storm of hand-offs, timed waits and blocked tasks, the idle threads must use no CPU.
     */
    @Test
    void idleThreadsWaitingForWorkUseNoCpu() throws Exception {
        ElasticPool pool = pool(64);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        try {
            long stormEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            AtomicInteger number = new AtomicInteger();
            Thread[] producers = new Thread[4];
            for (int p = 0; p < producers.length; p++) {
                producers[p] = new Thread(() -> {
                    while (System.nanoTime() < stormEnd) {
                        int n = number.incrementAndGet();
                        pool.execute(() -> {
                            if (n % 7 == 0) {
                                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, 2_000_000)); // a blocked send
                            }
                        });
                        if (n % 64 == 0) {
                            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, 200_000)); // a pause: threads go back to waiting
                        }
                    }
                });
                producers[p].start();
            }
            for (Thread producer : producers) {
                producer.join();
            }
            awaitUntil(() -> pool.getActiveCount() == 0 && pool.getQueue().isEmpty());
            Thread.sleep(200);
            Map<Long, Long> before = new HashMap<>();
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().startsWith("elastic-")) {
                    before.put(thread.getId(), cpu.getThreadCpuTime(thread.getId()));
                }
            }
            Thread.sleep(1000);
            long busiest = 0;
            for (Map.Entry<Long, Long> entry : before.entrySet()) {
                long now = cpu.getThreadCpuTime(entry.getKey());
                if (now > 0 && entry.getValue() > 0) {
                    busiest = Math.max(busiest, now - entry.getValue());
                }
            }
            assertThat(before).as("pool threads").isNotEmpty();
            assertThat(TimeUnit.NANOSECONDS.toMillis(busiest)).as("CPU ms of the busiest idle pool thread over 1 s").isLessThan(50);
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

    /** Hands the pool one task and waits for it to run, for up to 10 s. */
    private static void runOne(ElasticPool pool) throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        pool.execute(ran::countDown);
        assertThat(ran.await(10, TimeUnit.SECONDS)).as("the task ran within 10 s").isTrue();
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(condition.getAsBoolean()).as("within 10 s").isTrue();
    }

    private static void awaitIdle(ElasticPool pool) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pool.getActiveCount() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
