// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A sender waiting, with a deadline, for its frame to be written. Most small frames are written
 * before the send even waits, so the outcome is a volatile flag read once, and the sender parks
 * only when the write is still going; a latch would queue and signal through its synchronizer on
 * every send.
 */
final class BlockingSend implements SendCompletion {

    private volatile boolean done;
    /** Written before {@link #done}, read after it. */
    private Throwable failure;
    /** The sender, once it has to wait; the completion unparks it. */
    private volatile Thread waiter;

    @Override
    public void succeeded() {
        finish();
    }

    @Override
    public void failed(Throwable cause) {
        failure = cause;
        finish();
    }

    private void finish() {
        done = true;
        Thread parked = waiter;
        if (parked != null) {
            LockSupport.unpark(parked);
        }
    }

    /**
     * Waits for the write.
     *
     * @throws SocketTimeoutException when it takes longer than {@code timeoutMillis}
     * @throws InterruptedIOException when the thread is interrupted while it waits
     * @throws IOException when the write failed
     */
    void await(long timeoutMillis) throws IOException {
        if (!done) {
            waitForTheWrite(timeoutMillis);
        }
        Throwable cause = failure;
        if (cause instanceof IOException) {
            throw new IOException(cause.getMessage(), cause);
        }
        if (cause != null) {
            throw new IOException(cause);
        }
    }

    private void waitForTheWrite(long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        waiter = Thread.currentThread(); // then done is read again: either this sees it, or finish() sees the waiter
        while (!done) {
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting for a message to be written");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("The message was not written within the blocking send timeout of "
                        + timeoutMillis + " ms; the peer is not reading");
            }
            LockSupport.parkNanos(this, left);
        }
    }
}
