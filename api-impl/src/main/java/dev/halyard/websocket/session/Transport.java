// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;

/**
 * The one seam between the WebSocket engine and the outside world: a connection's bytes in and
 * out. The servlet upgrade and the client's socket channel implement it; tests add an in-memory
 * pair. The engine calls {@link #read} from one thread at a time and has at most one
 * {@link #write} outstanding.
 */
public interface Transport {

    /**
     * Reads what is available into {@code target} without blocking.
     *
     * @return the number of bytes read, 0 when none are available now, -1 at the end of input
     */
    int read(ByteBuffer target) throws IOException;

    /**
     * Calls {@code onReadable} once, on any thread (a container's IO thread, or this caller's),
     * when {@link #read} may return bytes, the end of input, or an error. Only called after
     * {@code read} returned 0. {@code onReadable} never blocks: it hands the read loop to the
     * executor, so a transport calls it directly rather than through the executor, which would
     * cost a second thread hand-off per read.
     */
    void awaitReadable(Runnable onReadable);

    /**
     * Writes the remaining bytes of {@code buffers[0, count)}, in order, advancing their positions. The
     * callback runs once, possibly before this method returns, on any thread: a container's IO
     * thread may run it directly. It never blocks (it wakes blocked senders, starts the next write,
     * and hands application callbacks to {@link #executor}), so a completion never waits for a pool
     * thread that application code may be holding.
     */
    void write(ByteBuffer[] buffers, int count, WriteCallback callback);

    /**
     * Whether {@link #write} is fastest from buffers outside the heap: true for a transport that
     * writes to a JDK socket channel, which copies each heap buffer into a direct one of its own first
     * (looked up per thread, per buffer). The engine then stages small frames in direct buffers. A
     * transport that hands bytes on as arrays (a servlet output stream) says false, the default.
     */
    default boolean prefersDirectBuffers() {
        return false;
    }

    /** Closes the connection, abandoning anything unwritten. Idempotent. */
    void close();

    /** Whether the bytes travel over TLS. */
    boolean isSecure();

    /** Where the engine runs its read loop and application callbacks. */
    Executor executor();

    /** The peer's address, for operators (the management package's session list); null when unknown. */
    default java.net.SocketAddress remoteAddress() {
        return null;
    }

    /** Completion of one {@link #write}. */
    interface WriteCallback {

        void completed();

        void failed(Throwable cause);
    }
}
