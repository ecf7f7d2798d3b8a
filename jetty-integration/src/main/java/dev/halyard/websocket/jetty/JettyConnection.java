// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.jetty;

import dev.halyard.websocket.session.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * A WebSocket connection straight over Jetty's {@link EndPoint}: Halyard's transport, reading
 * with {@code fill} when Jetty says the endpoint is readable and writing with gathering writes,
 * straight to the socket when it takes them whole (plain connections). Jetty's selector threads
 * only hand work to Halyard's executor, so the connection is a non-blocking one: Jetty calls {@link #onFillable} on its selector thread
 * rather than handing it to a pool thread first, one thread hand-off fewer per read.
 */
final class JettyConnection extends AbstractConnection.NonBlocking implements Connection.UpgradeTo, Transport {

    private final Executor executor;
    private final boolean secure;
    /** Until the session opens: it holds the handshake's request, which must not live as long as the connection. */
    private volatile Consumer<Transport> open;
    private final Object lock = new Object();
    private ByteBuffer prefilled; // bytes Jetty read before the switch, guarded by lock
    private Runnable readWaiter;
    private volatile Throwable failure;
    /** The callback of the write in progress. */
    private volatile WriteCallback writing;
    /** The array of a one-buffer write, reused: Jetty holds it only until the write ends. */
    private final ByteBuffer[] oneBuffer = new ByteBuffer[1];
    /**
     * The endpoint, when it is a plain socket channel (not TLS): writes are first offered to its
     * non-blocking {@code flush}, which most take whole, without the write flusher's state and
     * callback; only what the socket's send buffer did not take goes through {@code write}. Jetty
     * flushes this endpoint only for a write it was given, and there is one at a time, so the two
     * never overlap. The endpoint has no idle timeout (onOpen) that direct flushes would have to feed.
     */
    private final SocketChannelEndPoint plain;

    JettyConnection(EndPoint endPoint, Executor executor, boolean secure, Consumer<Transport> open) {
        super(endPoint, executor);
        this.plain = endPoint instanceof SocketChannelEndPoint socket ? socket : null;
        this.executor = executor;
        this.secure = secure;
        this.open = open;
    }

    @Override
    public void onUpgradeTo(ByteBuffer buffer) {
        if (buffer != null && buffer.hasRemaining()) {
            synchronized (lock) {
                prefilled = ByteBuffer.allocate(buffer.remaining()).put(buffer).flip();
            }
        }
    }

    @Override
    public void onOpen() {
        super.onOpen();
        getEndPoint().setIdleTimeout(0); // no HTTP idle timeout on a WebSocket: the session has its own
        Consumer<Transport> onOpen = open;
        open = null;
        executor.execute(() -> onOpen.accept(this));
    }

    // ---- reading

    @Override
    public int read(ByteBuffer target) throws IOException {
        synchronized (lock) {
            if (prefilled != null) {
                int n = Math.min(prefilled.remaining(), target.remaining());
                ByteBuffer part = prefilled.duplicate();
                part.limit(part.position() + n);
                target.put(part);
                prefilled.position(prefilled.position() + n);
                if (!prefilled.hasRemaining()) {
                    prefilled = null;
                }
                return n;
            }
        }
        Throwable failed = failure;
        if (failed != null) {
            throw failed instanceof IOException ? (IOException) failed : new IOException(failed);
        }
        // Jetty fills a buffer in "flush mode": it appends after the limit.
        ByteBuffer window = target.slice();
        window.limit(0);
        int n = getEndPoint().fill(window);
        if (n > 0) {
            target.position(target.position() + n);
        }
        return n;
    }

    @Override
    public void awaitReadable(Runnable onReadable) {
        boolean now;
        synchronized (lock) {
            now = prefilled != null || failure != null || !getEndPoint().isOpen();
            readWaiter = now ? null : onReadable;
        }
        if (now) {
            onReadable.run(); // it only hands the read loop to the executor (Transport.awaitReadable)
        } else {
            fillInterested();
        }
    }

    @Override
    public void onFillable() {
        wakeReader();
    }

    @Override
    protected boolean onReadTimeout(TimeoutException timeout) {
        return false; // Halyard's own idle timeout decides, not the HTTP connector's
    }

    @Override
    public boolean onIdleExpired(TimeoutException timeout) {
        return false;
    }

    @Override
    public void onFillInterestedFailed(Throwable cause) {
        failure = cause;
        wakeReader();
    }

    private void wakeReader() {
        Runnable waiter;
        synchronized (lock) {
            waiter = readWaiter;
            readWaiter = null;
        }
        if (waiter != null) {
            waiter.run(); // on the container's thread: it only hands the read loop to the executor
        }
    }

    // ---- writing

    /**
     * Ends every write. The completion never blocks (Transport.write), so Jetty may run it on its
     * selector thread: no hand-off, and no wait for a pool thread that application code may be
     * holding. One object for all writes, as there is one write at a time.
     */
    private final Callback written = new Callback() {
        @Override
        public void succeeded() {
            endWrite().completed();
        }

        @Override
        public void failed(Throwable cause) {
            endWrite().failed(cause);
        }

        @Override
        public Invocable.InvocationType getInvocationType() {
            return Invocable.InvocationType.NON_BLOCKING;
        }
    };

    @Override
    public void write(ByteBuffer[] buffers, int count, WriteCallback callback) {
        writing = callback;
        ByteBuffer[] taken;
        if (count == 1) {
            oneBuffer[0] = buffers[0]; // most writes: one staged buffer (GatheringWrite)
            taken = oneBuffer;
        } else {
            taken = Arrays.copyOf(buffers, count); // Jetty writes all of an array it is given
        }
        if (plain != null) {
            try {
                if (plain.flush(taken)) {
                    endWrite().completed();
                    return;
                }
            } catch (IOException | RuntimeException e) {
                endWrite().failed(e);
                return;
            }
        }
        getEndPoint().write(written, taken); // what the socket did not take: Jetty waits for room, then writes it
    }

    /** Ends the write in progress: its buffer is let go before the engine starts the next write. */
    private WriteCallback endWrite() {
        WriteCallback callback = writing;
        writing = null;
        oneBuffer[0] = null;
        return callback;
    }

    /** Direct staging buffers: Jetty's endpoint writes them to its socket channel as they are. */
    @Override
    public boolean prefersDirectBuffers() {
        return true;
    }

    // ---- closing

    @Override
    public void close() {
        getEndPoint().close();
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        wakeReader();
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public java.net.SocketAddress remoteAddress() {
        return getEndPoint().getRemoteSocketAddress();
    }

    @Override
    public Executor executor() {
        return executor;
    }
}
