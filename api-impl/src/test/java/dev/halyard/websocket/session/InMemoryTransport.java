// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One end of an in-memory connection: what one end writes, the other reads, through a pipe that
 * holds at most {@code capacity} bytes, so a peer that does not read pushes back on the writer as a
 * socket would. Tests can pause an end's reading, fail its reads, or drop the connection.
 */
public final class InMemoryTransport implements Transport {

    static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "in-memory-transport");
        thread.setDaemon(true);
        return thread;
    });

    /** Bytes flowing one way, in a ring. */
    private static final class Pipe {
        private final byte[] ring;
        private int head;
        private int size;
        private boolean closed;
        private Runnable readable;
        private Runnable writable;

        Pipe(int capacity) {
            this.ring = new byte[capacity];
        }

        /** Moves what fits from {@code source}. */
        void fill(ByteBuffer source) {
            while (source.hasRemaining() && size < ring.length) {
                int tail = (head + size) % ring.length;
                int n = Math.min(source.remaining(), Math.min(ring.length - size, ring.length - tail));
                source.get(ring, tail, n);
                size += n;
            }
        }

        /** Moves what is there into {@code target}; returns the count. */
        int drain(ByteBuffer target) {
            int moved = 0;
            while (target.hasRemaining() && size > 0) {
                int n = Math.min(target.remaining(), Math.min(size, ring.length - head));
                target.put(ring, head, n);
                head = (head + n) % ring.length;
                size -= n;
                moved += n;
            }
            return moved;
        }
    }

    private final Pipe in;
    private final Pipe out;
    private final boolean secure;
    private final AtomicLong bytesRead = new AtomicLong();
    private volatile boolean paused;
    private volatile IOException readFailure;
    private volatile boolean closed;

    // The write in progress, if the pipe was full.
    private ByteBuffer[] pendingBuffers;
    private int pendingCount;
    private WriteCallback pendingCallback;

    private InMemoryTransport(Pipe in, Pipe out, boolean secure) {
        this.in = in;
        this.out = out;
        this.secure = secure;
    }

    /** Two connected ends: [0] the client's, [1] the server's. */
    public static InMemoryTransport[] pair(int capacity) {
        Pipe toServer = new Pipe(capacity);
        Pipe toClient = new Pipe(capacity);
        return new InMemoryTransport[] {new InMemoryTransport(toClient, toServer, false), new InMemoryTransport(toServer, toClient, false)};
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        if (readFailure != null) {
            throw readFailure;
        }
        Runnable wake;
        int n = 0;
        synchronized (in) {
            if (paused) {
                return 0;
            }
            n = in.drain(target);
            if (n == 0 && in.closed) {
                return -1;
            }
            wake = n > 0 ? in.writable : null;
            if (wake != null) {
                in.writable = null;
            }
        }
        bytesRead.addAndGet(n);
        if (wake != null) {
            EXECUTOR.execute(wake);
        }
        return n;
    }

    @Override
    public void awaitReadable(Runnable onReadable) {
        boolean now;
        synchronized (in) {
            now = !paused && (in.size > 0 || in.closed) || readFailure != null;
            if (!now) {
                in.readable = onReadable;
            }
        }
        if (now) {
            EXECUTOR.execute(onReadable);
        }
    }

    @Override
    public void write(ByteBuffer[] buffers, int count, WriteCallback callback) {
        synchronized (out) {
            if (out.closed || closed) {
                callback.failed(new IOException("Connection closed"));
                return;
            }
            pendingBuffers = buffers.clone();
            pendingCount = count;
            pendingCallback = callback;
        }
        continueWrite();
    }

    /** Moves what fits into the pipe; completes the write when all is in. */
    private void continueWrite() {
        WriteCallback callback = null;
        IOException failure = null;
        Runnable wake = null;
        synchronized (out) {
            if (pendingCallback == null) {
                return;
            }
            boolean all = true;
            if (out.closed) {
                failure = new IOException("Connection closed by peer");
            } else {
                for (int i = 0; i < pendingCount; i++) {
                    out.fill(pendingBuffers[i]);
                    all &= !pendingBuffers[i].hasRemaining();
                }
                wake = out.readable;
                out.readable = null;
                if (!all) {
                    out.writable = () -> continueWrite();
                }
            }
            if (failure != null || all) {
                callback = pendingCallback;
                pendingCallback = null;
                pendingBuffers = null;
            }
        }
        if (wake != null) {
            EXECUTOR.execute(wake);
        }
        if (callback != null) {
            if (failure != null) {
                callback.failed(failure);
            } else {
                callback.completed();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Pipe pipe : new Pipe[] {in, out}) {
            Runnable wake;
            synchronized (pipe) {
                pipe.closed = true;
                wake = pipe.readable;
                pipe.readable = null;
                Runnable writable = pipe.writable;
                pipe.writable = null;
                if (writable != null) {
                    EXECUTOR.execute(writable);
                }
            }
            if (wake != null) {
                EXECUTOR.execute(wake);
            }
        }
        continueWrite();
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public java.util.concurrent.Executor executor() {
        return EXECUTOR;
    }

    // ---- test controls

    public boolean isClosed() {
        return closed;
    }

    public long bytesRead() {
        return bytesRead.get();
    }

    /** Stops this end's reading, as a slow peer would. */
    public void pauseReading() {
        paused = true;
    }

    public void resumeReading() {
        Runnable wake;
        synchronized (in) {
            paused = false;
            wake = in.readable;
            in.readable = null;
        }
        if (wake != null) {
            EXECUTOR.execute(wake);
        }
    }

    /** The next read fails with {@code failure}. */
    public void failReads(IOException failure) {
        readFailure = failure;
        Runnable wake;
        synchronized (in) {
            wake = in.readable;
            in.readable = null;
        }
        if (wake != null) {
            EXECUTOR.execute(wake);
        }
    }

    /** Writes raw bytes as if this end's engine had: for feeding the peer a broken frame. */
    public void writeRaw(byte[] bytes) {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        write(new ByteBuffer[] {ByteBuffer.wrap(bytes)}, 1, new WriteCallback() {
            @Override
            public void completed() {
                done.countDown();
            }

            @Override
            public void failed(Throwable cause) {
                done.countDown();
            }
        });
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
