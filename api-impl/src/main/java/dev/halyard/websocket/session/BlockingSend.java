// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A sender waiting, with a deadline, for its frame to be written. */
final class BlockingSend implements SendCompletion {

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Throwable failure;

    @Override
    public void succeeded() {
        done.countDown();
    }

    @Override
    public void failed(Throwable cause) {
        failure = cause;
        done.countDown();
    }

    /**
     * Waits for the write.
     *
     * @throws SocketTimeoutException when it takes longer than {@code timeoutMillis}
     * @throws IOException when the write failed
     */
    void await(long timeoutMillis) throws IOException {
        try {
            if (!done.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new SocketTimeoutException("The message was not written within the blocking send timeout of "
                        + timeoutMillis + " ms; the peer is not reading");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for a message to be written");
        }
        Throwable cause = failure;
        if (cause instanceof IOException) {
            throw new IOException(cause.getMessage(), cause);
        }
        if (cause != null) {
            throw new IOException(cause);
        }
    }
}
