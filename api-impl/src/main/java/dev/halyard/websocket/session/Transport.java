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
     * Resumes {@code readLoop} once, on any thread, when {@link #read} may return bytes, the end of
     * input, or an error. Only called after {@code read} returned 0. A transport whose waiting thread
     * is a container's IO thread calls {@link ReadLoop#resume} there, directly rather than through the
     * executor, which would cost a second thread hand-off per read; one whose waiting thread is one of
     * the {@link #executor}'s may call {@link ReadLoop#runHere} and save the hand-off altogether.
     */
    void awaitReadable(ReadLoop readLoop);

    /** A connection's read loop, as a transport resumes it once there is input. */
    interface ReadLoop {

        /** Hands the read loop to the {@link #executor}; never blocks, so any thread may call it. */
        void resume();

        /**
         * Runs the read loop on this thread, until it waits for input again. Only for a thread of the
         * {@link #executor}'s, free to block: application callbacks run on it.
         */
        void runHere();
    }

    /**
     * Writes the remaining bytes of {@code buffers[0, count)}, in order, advancing their positions. The
     * callback runs once, possibly before this method returns, on any thread: a container's IO
     * thread may run it directly. It never blocks (it wakes blocked senders, starts the next write,
     * and hands application callbacks to {@link #executor}), so a completion never waits for a pool
     * thread that application code may be holding.
     */
    void write(ByteBuffer[] buffers, int count, WriteCallback callback);

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
