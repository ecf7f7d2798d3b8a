// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A blocking sender's wait: woken by the write's end on another thread, bounded by its timeout, ended by an interrupt. */
class BlockingSendTest {

    @Test
    void aWriteEndedBeforeTheWaitReturnsAtOnceWithItsOutcome() throws IOException {
        BlockingSend written = new BlockingSend();
        written.succeeded();
        written.await(1);

        BlockingSend failed = new BlockingSend();
        failed.failed(new IOException("reset by peer"));
        assertThatThrownBy(() -> failed.await(1)).isInstanceOf(IOException.class).hasMessage("reset by peer");
    }

    @Test
    void aSenderParkedOnAPendingWriteWakesWhenAnotherThreadEndsIt() throws Exception {
        BlockingSend send = new BlockingSend();
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                send.await(TimeUnit.SECONDS.toMillis(30));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        Thread.sleep(100); // the sender is parked by now, or about to be: either way it must see the end
        assertThat(waiting).isNotDone();
        send.failed(new IllegalStateException("the transport broke"));
        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("the transport broke");
    }

    @Test
    void aWriteThatNeverEndsTimesOutNamingTheTimeout() {
        BlockingSend send = new BlockingSend();
        long start = System.nanoTime();
        assertThatThrownBy(() -> send.await(200)).isInstanceOf(SocketTimeoutException.class).hasMessageContaining("200 ms");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(200);
    }

    @Test
    void anInterruptEndsTheWaitAndStaysSet() throws Exception {
        BlockingSend send = new BlockingSend();
        Thread sender = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            sender.interrupt();
        });
        interrupter.start();
        try {
            assertThatThrownBy(() -> send.await(TimeUnit.SECONDS.toMillis(30))).isInstanceOf(InterruptedIOException.class);
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        } finally {
            interrupter.join();
        }
    }
}
