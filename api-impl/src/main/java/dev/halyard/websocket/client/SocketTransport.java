// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.client;

import dev.halyard.websocket.io.SelectorLoop;
import dev.halyard.websocket.session.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The client's {@link Transport} once the opening handshake succeeded: a non-blocking socket
 * channel, plain or through TLS, whose readiness the container's {@link SelectorLoop} reports. No
 * thread waits on an idle connection. A {@link ConnectingSocket} set the connection up and handed
 * it over, with the bytes it read past the upgrade response, which the session reads first.
 */
final class SocketTransport implements Transport, SelectorLoop.Ready {

    private static final ByteBuffer[] NOTHING = new ByteBuffer[0];

    /** What the write under way sends. */
    private enum Writing {
        /** No write is under way. */
        NONE,
        /** The session's buffers, with any TLS records the engine has to send; the session's callback waits for them. */
        APPLICATION_DATA,
        /** Only the TLS handshake records that unwrapping left to send (a key update's answer, say); no one waits for them. */
        TLS_HANDSHAKE_RECORDS
    }

    private final SocketChannel channel;
    private final SelectorLoop loop;
    private final SelectionKey key;
    /** Null over plain TCP. */
    private final TlsLayer tls;
    private final Executor executor;
    /** Finishes writes the socket could not take at once: never behind application code on {@link #executor}. */
    private final Executor writeExecutor;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object lock = new Object();

    // Guarded by lock: who waits for which readiness, and the write in progress.
    private Runnable readWaiter;
    private Writing writing = Writing.NONE;
    private boolean waitingWritable;
    private ByteBuffer[] writeBuffers;
    private int writeCount;
    private WriteCallback writeCallback;

    /** Why a write of TLS handshake records only failed; reported to the next read, as no one waits for that write. */
    private volatile IOException flushFailure;

    /** Bytes read past the upgrade response, or null; read by the session's reader only. */
    private ByteBuffer unread;

    /** Takes over {@code key}'s readiness from the connecting socket; {@code tls} may be null, {@code unread} too. */
    SocketTransport(SocketChannel channel, SelectorLoop loop, SelectionKey key, TlsLayer tls, ByteBuffer unread, Executor executor,
            Executor writeExecutor) {
        this.channel = channel;
        this.loop = loop;
        this.key = key;
        this.tls = tls;
        this.unread = unread;
        this.executor = executor;
        this.writeExecutor = writeExecutor;
        key.attach(this);
    }

    // ---- the session's side (Transport)

    @Override
    public int read(ByteBuffer target) throws IOException {
        IOException failed = flushFailure;
        if (failed != null) {
            throw failed;
        }
        ByteBuffer ahead = unread;
        if (ahead != null) {
            int n = move(ahead, target);
            if (!ahead.hasRemaining()) {
                unread = null;
            }
            return n;
        }
        if (tls == null) {
            return channel.read(target);
        }
        try {
            return tls.read(channel, target, this::flushHandshakeRecords);
        } catch (IOException e) {
            // A failed flush of handshake records closed the channel under the reader: report why, not the closed channel.
            IOException cause = flushFailure;
            throw cause != null ? cause : e;
        }
    }

    @Override
    public void awaitReadable(Runnable onReadable) {
        synchronized (lock) {
            readWaiter = onReadable;
        }
        if (closed.get()) {
            ready(SelectionKey.OP_READ);
        } else {
            loop.interest(key, SelectionKey.OP_READ);
        }
    }

    @Override
    public void write(ByteBuffer[] buffers, int count, WriteCallback callback) {
        synchronized (lock) {
            writeBuffers = buffers;
            writeCount = count;
            writeCallback = callback;
            Writing before = writing;
            writing = Writing.APPLICATION_DATA;
            if (before != Writing.NONE) {
                return; // a flush of handshake records is under way; it carries these on
            }
        }
        runWrite();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        WriteCallback pending;
        synchronized (lock) {
            if (tls != null && writing == Writing.NONE) {
                tls.closeOutbound(channel);
            }
            pending = endWrite();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing: nothing left to tell
        }
        loop.release();
        if (pending != null) {
            pending.failed(new ClosedChannelException());
        }
        ready(SelectionKey.OP_READ); // the read waiter sees the closed channel
    }

    @Override
    public boolean isSecure() {
        return tls != null;
    }

    @Override
    public Executor executor() {
        return executor;
    }

    /** The server's address, or the proxy's when the connection goes through one. */
    @Override
    public java.net.SocketAddress remoteAddress() {
        try {
            return channel.getRemoteAddress();
        } catch (IOException e) {
            return null; // closed
        }
    }

    // ---- readiness from the selector thread

    @Override
    public void ready(int readyOps) {
        Runnable read = null;
        boolean writable = false;
        synchronized (lock) {
            if ((readyOps & SelectionKey.OP_READ) != 0) {
                read = readWaiter;
                readWaiter = null;
            }
            if ((readyOps & SelectionKey.OP_WRITE) != 0 && waitingWritable) {
                waitingWritable = false;
                writable = true;
            }
        }
        if (read != null) {
            read.run();
        }
        if (writable) {
            writeExecutor.execute(this::runWrite); // finishing a write may run completions that block
        }
    }

    // ---- writing

    /** One step of the write in progress: as much as the socket takes, then completion or a wait. */
    private void runWrite() {
        Writing kind;
        WriteCallback done = null;
        IOException failure = null;
        boolean wait = false;
        synchronized (lock) {
            kind = writing;
            if (kind == Writing.NONE) {
                return;
            }
            ByteBuffer[] buffers = kind == Writing.APPLICATION_DATA ? writeBuffers : NOTHING;
            int count = kind == Writing.APPLICATION_DATA ? writeCount : 0;
            try {
                boolean complete;
                if (tls != null) {
                    complete = tls.write(channel, buffers, count);
                } else {
                    channel.write(buffers, 0, count);
                    complete = !remaining(buffers, count);
                }
                if (complete) {
                    done = endWrite();
                } else {
                    waitingWritable = true;
                    wait = true;
                }
            } catch (IOException | RuntimeException e) {
                done = endWrite();
                failure = e instanceof IOException ? (IOException) e : new IOException(e);
            }
        }
        if (wait) {
            loop.interest(key, SelectionKey.OP_WRITE);
        } else if (kind == Writing.TLS_HANDSHAKE_RECORDS) {
            if (failure != null) {
                flushFailure = failure; // the connection is broken, and the reader says why
                close();
            }
        } else if (failure == null) {
            done.completed();
        } else {
            done.failed(failure);
        }
    }

    /** Ends the write under way, under the lock; returns its callback, if any. */
    private WriteCallback endWrite() {
        WriteCallback callback = writeCallback;
        writing = Writing.NONE;
        writeCallback = null;
        writeBuffers = null;
        return callback;
    }

    /** Unwrapping left TLS records to send with no write under way: send them on their own. */
    private void flushHandshakeRecords() {
        synchronized (lock) {
            if (writing != Writing.NONE || closed.get()) {
                return; // the write under way sends them
            }
            writing = Writing.TLS_HANDSHAKE_RECORDS;
        }
        runWrite();
    }

    /** Moves what fits of {@code from}'s remaining bytes into {@code target}; returns how many. */
    static int move(ByteBuffer from, ByteBuffer target) {
        int n = Math.min(from.remaining(), target.remaining());
        target.put(from.slice(from.position(), n));
        from.position(from.position() + n);
        return n;
    }

    private static boolean remaining(ByteBuffer[] buffers, int count) {
        for (int i = 0; i < count; i++) {
            if (buffers[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    /** The peer, TLS or not, and the write under way, for logs. */
    @Override
    public String toString() {
        synchronized (lock) {
            return "SocketTransport[" + channel.socket().getRemoteSocketAddress() + (tls == null ? "" : ", TLS")
                    + (closed.get() ? ", closed" : "") + ", write " + writing + (waitingWritable ? " awaiting the socket" : "")
                    + (readWaiter != null ? ", awaiting input" : "") + "]";
        }
    }
}
