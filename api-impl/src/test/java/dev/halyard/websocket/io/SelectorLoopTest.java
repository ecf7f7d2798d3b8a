// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.io;

import static dev.halyard.websocket.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The selecting lent to a pool's idle threads: a worker that finds a socket ready does its work
 * itself, the selecting comes back to the loop's thread whenever no worker is idle, and the loop's
 * thread still ends after the last socket.
 */
class SelectorLoopTest {

    private static final AtomicInteger LOOPS = new AtomicInteger();

    private final String name = "selector-loop-test-" + LOOPS.incrementAndGet();
    private final AtomicInteger workerNumbers = new AtomicInteger();
    /** Idle threads wait in the hand-off queue, so offering to it reaches one only when one is idle (as ElasticPool's). */
    private final SynchronousQueue<Runnable> handOff = new SynchronousQueue<>();
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(0, 4, 30, TimeUnit.SECONDS, handOff, task -> {
        Thread thread = new Thread(task, name + "-worker-" + workerNumbers.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final SelectorLoop loop = new SelectorLoop(name, handOff::offer, () -> { }, () -> { });

    @AfterEach
    void stop() {
        loop.stop();
        pool.shutdownNow();
    }

    /** A pipe waiting on the loop, saying on which thread and by which callback it heard it is readable. */
    private final class Waiter implements SelectorLoop.Ready {
        final Pipe pipe = Pipe.open();
        final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        final SelectionKey key;

        Waiter() throws IOException {
            pipe.source().configureBlocking(false);
            key = loop.register(pipe.source(), this);
        }

        @Override
        public void ready(int readyOps) {
            heard.add("handed on by " + Thread.currentThread().getName());
        }

        @Override
        public void readyOnWorker(int readyOps) {
            heard.add("worked on " + Thread.currentThread().getName());
        }

        /** Makes the pipe readable, waits for the word, drains the pipe and waits again. */
        String poke() throws Exception {
            loop.interest(key, SelectionKey.OP_READ);
            pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
            String word = heard.poll(10, TimeUnit.SECONDS);
            assertThat(word).as("word from the loop").isNotNull();
            pipe.source().read(ByteBuffer.allocate(16));
            return word;
        }

        void close() throws IOException {
            key.cancel();
            pipe.source().close();
            pipe.sink().close();
            loop.release();
        }
    }

    /** Starts {@code count} pool threads and lets them go idle, waiting in the hand-off queue. */
    private void warmUp(int count) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(count);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < count; i++) {
            pool.execute(() -> {
                started.countDown();
                await(release);
            });
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        eventually().until(() -> pool.getActiveCount() == 0 && handOff.isEmpty());
    }

    @Test
    void aWorkerThatFindsASocketReadyDoesItsWorkItself() throws Exception {
        warmUp(3);
        Waiter waiter = new Waiter();
        int onWorkers = 0;
        for (int i = 0; i < 20; i++) {
            String word = waiter.poke();
            if (word.startsWith("worked on " + name + "-worker-")) {
                onWorkers++;
            }
        }
        // With idle threads there, the loop's thread lends the selecting and the readiness with it: a worker takes both.
        assertThat(onWorkers).as("readiness worked on by the worker that selected, of 20").isGreaterThan(10);
        waiter.close();
    }

    @Test
    void withNoIdleWorkerTheLoopsOwnThreadHandsReadinessOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor one = pool;
        one.setMaximumPoolSize(1);
        one.execute(() -> await(release)); // the pool's only thread is busy
        Waiter waiter = new Waiter();
        assertThat(waiter.poke()).isEqualTo("handed on by " + name);

        release.countDown();
        eventually().until(() -> Thread.getAllStackTraces().keySet().stream().anyMatch(thread ->
                thread.getName().equals(name + "-worker-1") && thread.getState() == Thread.State.TIMED_WAITING));
        // Now its only thread is idle: it is lent the selecting, cannot lend it on, gives it back and does the work.
        assertThat(waiter.poke()).isEqualTo("worked on " + name + "-worker-1");
        for (int i = 0; i < 5; i++) { // the thread may or may not be idle again by the next readiness
            String word = waiter.poke();
            assertThat(word).isIn("worked on " + name + "-worker-1", "handed on by " + name);
        }
        waiter.close();
    }

    @Test
    void theLoopsThreadEndsAfterTheLastSocketThoughAWorkerHeldTheSelecting() throws Exception {
        warmUp(2);
        Waiter first = new Waiter();
        Waiter second = new Waiter();
        for (int i = 0; i < 5; i++) {
            first.poke();
            second.poke();
        }
        assertThat(threadsNamed(name)).isEqualTo(1);
        first.close();
        second.close();
        // The worker selecting sees no sockets left and gives the selecting back; the loop's thread lingers, then ends.
        eventually().atMost(SelectorLoop.LINGER_MILLIS + 10_000, TimeUnit.MILLISECONDS).until(() -> threadsNamed(name) == 0);
        eventually().until(() -> pool.getActiveCount() == 0);
    }

    @Test
    void stoppingTakesTheSelectingBackFromAWorker() throws Exception {
        warmUp(2);
        Waiter waiter = new Waiter();
        for (int i = 0; i < 5; i++) {
            waiter.poke();
        }
        loop.stop();
        eventually().until(() -> threadsNamed(name) == 0);
        eventually().until(() -> pool.getActiveCount() == 0);
        assertThat(waiter.pipe.source().isOpen()).as("the stopped loop closed what was registered").isFalse();
    }

    private static long threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals(name) && thread.isAlive()).count();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
