// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Carries one message from the read loop to a {@code Reader} or {@code InputStream} handler
 * running on another thread. At most {@link #MAX_BUFFERED} bytes wait in it: past that, the read
 * loop blocks, so it stops reading the connection until the application catches up.
 */
final class MessagePipe extends InputStream {

    static final int MAX_BUFFERED = 64 * 1024;

    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int headOffset;
    private int buffered;
    private boolean finished;
    private boolean readerGone;
    private IOException failure;

    /** Adds a copy of {@code piece}; blocks while the pipe is full. Dropped once the reader has gone. */
    synchronized void write(ByteBuffer piece) throws InterruptedIOException {
        while (buffered >= MAX_BUFFERED && !readerGone && failure == null) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while the message handler was slow to read");
            }
        }
        if (readerGone || failure != null || !piece.hasRemaining()) {
            return;
        }
        byte[] chunk = new byte[piece.remaining()];
        piece.get(piece.position(), chunk);
        chunks.add(chunk);
        buffered += chunk.length;
        notifyAll();
    }

    /** The message is complete: reads return what is left, then end of stream. */
    synchronized void finish() {
        finished = true;
        notifyAll();
    }

    /** The connection closed mid-message: reads fail with {@code cause}. */
    synchronized void fail(IOException cause) {
        if (!finished) {
            failure = cause;
            notifyAll();
        }
    }

    /** The handler has returned: whatever it did not read is discarded. */
    synchronized void readerDone() {
        readerGone = true;
        chunks.clear();
        buffered = 0;
        notifyAll();
    }

    @Override
    public synchronized int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] target, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        while (chunks.isEmpty()) {
            if (failure != null) {
                throw failure;
            }
            if (finished) {
                return -1;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting for the rest of the message");
            }
        }
        byte[] head = chunks.peek();
        int n = Math.min(length, head.length - headOffset);
        System.arraycopy(head, headOffset, target, offset, n);
        headOffset += n;
        if (headOffset == head.length) {
            chunks.poll();
            headOffset = 0;
        }
        buffered -= n;
        notifyAll();
        return n;
    }

    @Override
    public synchronized int available() {
        return buffered;
    }
}
