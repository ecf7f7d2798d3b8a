// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.tomcat;

import dev.halyard.websocket.io.SelectorLoop;
import dev.halyard.websocket.session.Transport;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CompletionHandler;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Halyard's transport straight over Tomcat's socket: non-blocking reads into the engine's buffer,
 * read events asked for only while the read loop waits, and gathering writes of the engine's
 * header and payload buffers as they are, completed on whichever thread finishes them.
 *
 * <p>Reads run on the engine's read loop, one at a time, without Tomcat's socket lock: Tomcat
 * reads nothing from an upgraded socket by itself, and its events here only hand work on. Once
 * Tomcat's buffers are trimmed the read loop reads the JDK channel directly, and waits for it on
 * Halyard's own selector ({@link #DIRECT_READS}): its readiness then reaches the read loop in one
 * hand-off (selector, then the executor), as on Tomcat's own WebSocket (poller, then a worker),
 * instead of two (poller, Tomcat worker, executor). Writes then go to that channel directly too,
 * and through Tomcat only for what the socket's send buffer did not take.
 * Closing goes through Tomcat ({@code DISCONNECT} dispatched to its own threads), so that
 * Tomcat releases the connection under its lock and never keeps a closed one in its books.
 */
final class TomcatTransport implements Transport {

    /** Ends a gathering write: the attachment is the transport, so no object is made per write. */
    private static final CompletionHandler<Long, TomcatTransport> WRITTEN = new CompletionHandler<>() {
        @Override
        public void completed(Long bytes, TomcatTransport transport) {
            transport.finishWrite(null);
        }

        @Override
        public void failed(Throwable cause, TomcatTransport transport) {
            transport.finishWrite(cause);
        }
    };

    /**
     * Waits for the directly read channels to become readable. Tomcat's poller also has each of
     * them registered, with no interest while Halyard reads them; the thread ends a while after the
     * last connection (SelectorLoop), so an application that stops leaves none behind.
     */
    private static final SelectorLoop DIRECT_READS = new SelectorLoop("halyard-tomcat-selector", () -> { }, () -> { });

    private final SocketWrapperBase<?> socket;
    private final Executor executor;
    private final boolean secure;
    private final Object lock = new Object();
    /** The read loop's callback while it waits for input; guarded by {@link #lock}. */
    private Runnable readWaiter;
    /**
     * The callback of the write in progress, taken by whoever ends it: its completion, or the
     * connection's end (Tomcat abandons a pending write when the socket closes, without a word).
     */
    private final AtomicReference<WriteCallback> writing = new AtomicReference<>();
    private volatile IOException failure;
    private volatile boolean closeRequested;
    /** The size of Tomcat's buffers for this connection, given back when it is done (IdleBuffers). */
    private final int httpBufferSize;
    /** Read-loop thread only: whether trimming Tomcat's buffers was tried. */
    private boolean trimTried;
    /** The channel whose buffers were trimmed; guarded by {@link #lock}. */
    private NioChannel trimmed;
    /** Whether Tomcat is done with the connection (no trimming after that); guarded by {@link #lock}. */
    private boolean released;
    /**
     * The JDK's channel, read directly once Tomcat's buffers are trimmed. Never Tomcat's channel
     * object: Tomcat reuses that for later connections, while this one only ever fails once closed.
     */
    private volatile SocketChannel direct;
    /** The direct channel's key on {@link #DIRECT_READS}, once it waited there; guarded by {@link #lock}. */
    private SelectionKey watched;

    TomcatTransport(SocketWrapperBase<?> socket, Executor executor, boolean secure) {
        this.socket = socket;
        this.executor = executor;
        this.secure = secure;
        this.httpBufferSize = IdleBuffers.sizeOf(socket);
    }

    // ---- reading

    @Override
    public int read(ByteBuffer target) throws IOException {
        IOException failed = failure;
        if (failed != null) {
            throw failed;
        }
        SocketChannel channel = direct;
        if (channel != null) {
            return channel.read(target);
        }
        int n;
        try {
            // First what Tomcat read past the handshake (it puts that back on the socket), then the socket.
            n = socket.read(false, target);
        } catch (EOFException end) {
            return -1; // Tomcat reports the end of input as an exception
        }
        if (!trimTried && socket.getSocketBufferHandler().isReadBufferEmpty()) {
            trimTried = true;
            trimTomcatsBuffers();
        }
        return n;
    }

    private void trimTomcatsBuffers() {
        synchronized (lock) {
            if (!released && !closeRequested) {
                trimmed = IdleBuffers.trim(socket);
                if (trimmed != null) {
                    direct = trimmed.getIOChannel();
                }
            }
        }
    }

    /**
     * Tomcat is done with the connection: its buffers get their size back before it reuses them,
     * and Halyard's selector lets go of the channel.
     */
    void released() {
        NioChannel channel;
        SelectionKey key;
        synchronized (lock) {
            released = true;
            channel = trimmed;
            trimmed = null;
            key = watched;
            watched = null;
        }
        if (key != null) {
            key.cancel();
            DIRECT_READS.release();
        }
        if (channel != null) {
            IdleBuffers.restore(channel, httpBufferSize);
        }
    }

    @Override
    public void awaitReadable(Runnable onReadable) {
        boolean now;
        synchronized (lock) {
            now = failure != null || closeRequested;
            readWaiter = now ? null : onReadable;
        }
        if (now) {
            onReadable.run(); // it only hands the read loop to the executor (Transport.awaitReadable)
        } else if (direct != null) {
            watchDirectChannel();
        } else {
            socket.registerReadInterest(); // once: Tomcat dispatches OPEN_READ when bytes arrive
        }
    }

    /** Asks Halyard's selector, once, to say when the direct channel has bytes; it calls {@link #readable}. */
    private void watchDirectChannel() {
        SelectionKey key;
        try {
            synchronized (lock) {
                if (released) {
                    return; // Tomcat is ending the connection: lost() wakes the waiting read loop
                }
                if (watched == null) {
                    watched = DIRECT_READS.register(direct, ready -> readable());
                }
                key = watched;
            }
        } catch (IOException e) {
            lost(e); // the channel closed meanwhile
            return;
        }
        DIRECT_READS.interest(key, SelectionKey.OP_READ);
    }

    /** Bytes arrived (Tomcat's {@code OPEN_READ}, or Halyard's selector): the read loop, if waiting, goes on (on the executor). */
    void readable() {
        Runnable waiter;
        synchronized (lock) {
            waiter = readWaiter;
            readWaiter = null;
        }
        if (waiter != null) {
            waiter.run();
        }
    }

    // ---- writing

    @Override
    public void write(ByteBuffer[] buffers, int count, WriteCallback callback) {
        writing.set(callback);
        SocketChannel channel = direct;
        if (channel != null && writeDirectly(channel, buffers, count)) {
            return;
        }
        if (socket.hasAsyncIO()) {
            // Gathering, from the engine's buffers as they are; the completion comes once all is written.
            SocketWrapperBase.CompletionState state = socket.write(buffers, 0, count, SocketWrapperBase.BlockingMode.NON_BLOCK,
                    -1, TimeUnit.MILLISECONDS, this, SocketWrapperBase.COMPLETE_WRITE_WITH_COMPLETION, WRITTEN);
            if (state == SocketWrapperBase.CompletionState.NOT_DONE) {
                finishWrite(new IOException("Tomcat has a write in progress on this connection: " + this));
            }
            return;
        }
        // A connector with useAsyncIO="false" has no gathering writes: Tomcat takes each buffer, keeping
        // in its own buffer what the socket does not take, and OPEN_WRITE says when more can go.
        try {
            for (int i = 0; i < count; i++) {
                socket.write(false, buffers[i]);
            }
        } catch (IOException e) {
            finishWrite(e);
            return;
        }
        flushTomcatsBuffer();
    }

    /**
     * Writes straight to the JDK channel, as reads go once Tomcat's buffers are trimmed: most writes
     * fit the socket's send buffer and end here, without Tomcat's per-write state and semaphore.
     * False when the send buffer filled first: Tomcat's gathering write then takes what is left (the
     * buffers' positions say where), and its poller waits for room, so this transport keeps no
     * write-readiness of its own. One write at a time (SendQueue), so the two never overlap.
     *
     * @return whether the write ended, written or failed
     */
    private boolean writeDirectly(SocketChannel channel, ByteBuffer[] buffers, int count) {
        try {
            if (count == 1) {
                channel.write(buffers[0]); // a plain write rather than a gathering one: a small message is one buffer
            } else {
                channel.write(buffers, 0, count);
            }
        } catch (IOException e) {
            finishWrite(e);
            return true;
        }
        for (int i = 0; i < count; i++) {
            if (buffers[i].hasRemaining()) {
                return false;
            }
        }
        finishWrite(null);
        return true;
    }

    /** Direct staging buffers: both the JDK channel and Tomcat's socket wrapper write them as they are. */
    @Override
    public boolean prefersDirectBuffers() {
        return true;
    }

    /** Tomcat's {@code OPEN_WRITE}, on a connector without asynchronous I/O: more of the waiting write goes. */
    void writable() {
        if (socket.hasAsyncIO() || writing.get() == null) {
            return; // asynchronous writes carry on by themselves
        }
        flushTomcatsBuffer();
    }

    /** Writes what Tomcat holds; the write ends when it all went, or waits for the next {@code OPEN_WRITE}. */
    private void flushTomcatsBuffer() {
        try {
            if (socket.flush(false)) {
                socket.registerWriteInterest();
                return;
            }
        } catch (IOException e) {
            finishWrite(e);
            return;
        }
        finishWrite(null);
    }

    /** Ends the write in progress, once: {@code cause} is null when all of it was written. */
    private void finishWrite(Throwable cause) {
        WriteCallback callback = writing.getAndSet(null);
        if (callback == null) {
            return;
        }
        if (cause == null) {
            callback.completed();
        } else {
            callback.failed(cause);
        }
    }

    // ---- ending

    /** The connection is gone (Tomcat's event, or its stop): the read loop and a waiting write hear it. */
    void lost(IOException cause) {
        if (failure == null) {
            failure = cause;
        }
        readable();
        finishWrite(cause);
    }

    /** Whether {@link #close} was called: Tomcat is then told the connection is closed. */
    boolean closeRequested() {
        return closeRequested;
    }

    @Override
    public void close() {
        if (closeRequested) {
            return;
        }
        closeRequested = true;
        finishWrite(new IOException("The connection was closed with this write in progress"));
        // On Tomcat's thread, under its lock: it releases the handler and closes the socket.
        socket.processSocket(SocketEvent.DISCONNECT, true);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public SocketAddress remoteAddress() {
        String address = socket.getRemoteAddr();
        return address == null ? null : InetSocketAddress.createUnresolved(address, Math.max(0, socket.getRemotePort()));
    }

    @Override
    public String toString() {
        return "TomcatTransport[" + (closeRequested ? "closed" : failure != null ? "lost: " + failure.getMessage() : "open")
                + ", " + socket.getRemoteAddr() + ":" + socket.getRemotePort() + (secure ? ", TLS" : "")
                + (direct != null ? ", read directly" : "") + "]";
    }
}
