// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import dev.halyard.websocket.session.Transport;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A WebSocket connection over an upgraded servlet connection, in non-blocking mode. The read side
 * is the {@link Inbox}: container threads read into it, the read loop drains it. The write side is
 * here: a write goes as far as the container takes it now and continues in {@code onWritePossible}.
 * What the container needs beyond the Servlet specification is its {@link ContainerQuirks}, chosen
 * once per connection.
 *
 * <p>Reads and writes use the {@code byte[]} methods: Tomcat implements the Servlet 6.1
 * {@code ByteBuffer} ones by allocating and copying, and its {@code available()} is always 0.
 */
final class ServletTransport implements Transport, ReadListener, WriteListener {

    private static final System.Logger LOG = System.getLogger(ServletTransport.class.getName());

    private final WebConnection connection;
    private final ServletInputStream in;
    private final ServletOutputStream out;
    private final Executor executor;
    private final boolean secure;
    /** The peer as the request saw it, for operators; null when unknown. */
    private final java.net.SocketAddress remoteAddress;
    private final ContainerQuirks quirks;
    private final Inbox inbox;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Throwable failure;

    // Write side: the write in progress, guarded by writeLock.
    private final Object writeLock = new Object();
    private ByteBuffer[] pending;
    private int pendingCount;
    private WriteCallback pendingCallback;
    private boolean flushed;
    /** For copying direct buffers out: the stream writes byte arrays only. */
    private byte[] directCopy;

    ServletTransport(WebConnection connection, Executor executor, boolean secure, java.net.SocketAddress remoteAddress)
            throws IOException {
        this.connection = connection;
        this.in = connection.getInputStream();
        this.out = connection.getOutputStream();
        this.executor = executor;
        this.secure = secure;
        this.remoteAddress = remoteAddress;
        this.quirks = ContainerQuirks.of(in);
        this.inbox = new Inbox(in, quirks, () -> failure != null || closed.get());
    }

    /** Puts both streams in non-blocking mode; the write listener first, since Tomcat's isReady() throws before it. */
    void start() {
        out.setWriteListener(this);
        in.setReadListener(this);
    }

    // ---- reading

    /** On a container thread: reads what is there into the inbox. */
    @Override
    public void onDataAvailable() throws IOException {
        inbox.onDataAvailable();
    }

    @Override
    public void onAllDataRead() {
        inbox.endOfInput();
    }

    /** On the read loop. */
    @Override
    public int read(ByteBuffer target) throws IOException {
        Throwable failed = failure;
        if (failed != null) {
            throw failed instanceof IOException ? (IOException) failed : new IOException(failed);
        }
        if (closed.get()) {
            return -1;
        }
        return inbox.read(target);
    }

    @Override
    public void awaitReadable(Runnable onReadable) {
        inbox.awaitReadable(onReadable);
    }

    // ---- writing

    @Override
    public void write(ByteBuffer[] buffers, int count, WriteCallback callback) {
        boolean done;
        synchronized (writeLock) {
            if (failure != null || closed.get()) {
                done = false;
            } else {
                pending = buffers;
                pendingCount = count;
                pendingCallback = callback;
                flushed = false;
                done = continueWrite();
                if (done) {
                    pendingCallback = null;
                    pending = null;
                }
            }
        }
        if (failure != null || closed.get()) {
            failPendingWrite(callback);
            return;
        }
        if (done) {
            callback.completed();
        } else {
            inbox.writeWaits(); // a container thread waiting in a full inbox must let onWritePossible come
        }
    }

    @Override
    public void onWritePossible() {
        WriteCallback completed = null;
        synchronized (writeLock) {
            if (pendingCallback != null && continueWrite()) {
                completed = pendingCallback;
                pendingCallback = null;
                pending = null;
            }
        }
        if (failure != null) {
            onError(failure);
            return;
        }
        if (completed != null) {
            completed.completed(); // never blocks (Transport.write): no hand-off to a pool that may be full
        }
    }

    /** Writes what the container takes now; true when everything, flush included, is taken. */
    private boolean continueWrite() {
        try {
            for (int i = 0; i < pendingCount; i++) {
                ByteBuffer buffer = pending[i];
                while (buffer.hasRemaining()) {
                    if (!out.isReady()) {
                        return false; // onWritePossible will continue
                    }
                    writeSome(buffer);
                }
            }
            if (!flushed) {
                if (!out.isReady()) {
                    return false;
                }
                flushed = true;
                out.flush(); // once per batch of frames
            }
            return out.isReady(); // if not, the flush is still going: complete when it is through
        } catch (IOException e) {
            failure = e;
            return false;
        } catch (RuntimeException e) {
            // A container's stream may throw unchecked (Tomcat's IllegalStateException on a closed
            // socket): the write failed all the same, and the session must hear it, not wait forever.
            failure = new IOException("The container's output stream failed: " + e, e);
            return false;
        }
    }

    private void writeSome(ByteBuffer buffer) throws IOException {
        if (buffer.hasArray()) {
            out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            buffer.position(buffer.limit());
            return;
        }
        if (directCopy == null) {
            directCopy = new byte[8192];
        }
        int n = Math.min(directCopy.length, buffer.remaining());
        buffer.get(directCopy, 0, n);
        out.write(directCopy, 0, n);
    }

    private void failPendingWrite(WriteCallback callback) {
        Throwable cause = failure != null ? failure : new IOException("The connection is closed");
        synchronized (writeLock) {
            if (pendingCallback == callback) {
                pendingCallback = null;
                pending = null;
            }
        }
        callback.failed(cause);
    }

    // ---- failure and close

    @Override
    public void onError(Throwable t) {
        if (t instanceof java.io.EOFException && !closed.get()) {
            // The peer dropped the connection (Tomcat reports it this way): an end of input, which
            // the session reports as a close without a close frame, not as an application error.
            inbox.endOfInput();
            return;
        }
        if (failure == null) { // Tomcat may report one failure several times
            failure = t;
            // The session reports it (onError, or one DEBUG line without an @OnError): only a trace here.
            LOG.log(System.Logger.Level.TRACE, () -> "Servlet connection failed: " + t + "; " + this);
        }
        WriteCallback callback;
        synchronized (writeLock) {
            callback = pendingCallback;
            pendingCallback = null;
            pending = null;
        }
        if (callback != null) {
            callback.failed(t);
        }
        inbox.wakeReader();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            connection.close();
            quirks.requestCloseDispatch();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Closing the upgraded connection failed: " + e + "; " + this);
        }
        WriteCallback unfinished;
        synchronized (writeLock) {
            unfinished = pendingCallback; // a write waiting for onWritePossible that will not come
            pendingCallback = null;
            pending = null;
        }
        if (unfinished != null) {
            unfinished.failed(new IOException("The connection was closed"));
        }
        inbox.wakeReader();
    }

    /** The container ended the connection (HttpUpgradeHandler.destroy). */
    void destroyedByContainer() {
        if (failure == null && !closed.get()) {
            onError(new IOException("The container closed the connection"));
        }
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public java.net.SocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public Executor executor() {
        return executor;
    }

    /** Open, closed or failed, the write waiting for the container, and the inbox, for logs. */
    @Override
    public String toString() {
        long waiting = 0;
        synchronized (writeLock) {
            for (int i = 0; pending != null && i < pendingCount; i++) {
                waiting += pending[i].remaining();
            }
        }
        Throwable failed = failure;
        return "ServletTransport[" + (failed != null ? "failed: " + failed : closed.get() ? "closed" : "open")
                + (waiting > 0 ? ", " + waiting + " bytes waiting for onWritePossible" : "") + ", " + quirks + ", " + inbox + "]";
    }
}
