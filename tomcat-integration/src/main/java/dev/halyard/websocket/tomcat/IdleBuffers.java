// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.tomcat;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.SocketBufferHandler;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Gives back the 16 KiB Tomcat keeps per connection for HTTP (an 8 KiB read and an 8 KiB write
 * buffer, {@code socket.appReadBufSize} and {@code appWriteBufSize}) while Halyard has the
 * connection: Halyard reads from the channel into its own pooled buffers and writes its own
 * buffers with Tomcat's gathering write, so those two only sit there, and on an idle server they
 * are most of what a connection costs. Before Tomcat is done with the connection they are given
 * their size again, since Tomcat reuses the channel, buffers and all, for later HTTP requests.
 *
 * <p>Tomcat has no public way to shrink them, so this swaps them by reflection, and only where
 * that is known to be safe: a plain (not TLS) NIO channel, heap buffers, asynchronous I/O on
 * (the gathering write, which bypasses the write buffer). Where the fields are not found (another
 * Tomcat version) nothing changes. Kept buffers are small rather than empty, so that even a
 * channel Tomcat reused without their size given back (it closes a connection on its own thread
 * in the middle of one of Halyard's events) still works, only slower.
 */
final class IdleBuffers {

    /** What a trimmed connection keeps of each buffer. */
    static final int KEPT_BYTES = 256;

    private static final Field READ_BUFFER = field("readBuffer");
    private static final Field WRITE_BUFFER = field("writeBuffer");

    private IdleBuffers() {
    }

    /**
     * Trims the buffers of the connection's channel; null when they cannot be (the caller then
     * goes on reading through Tomcat). Call when Tomcat's read buffer is drained.
     *
     * @return the channel, to give the buffers back to
     */
    static NioChannel trim(SocketWrapperBase<?> socket) {
        if (READ_BUFFER == null || WRITE_BUFFER == null || !socket.hasAsyncIO()
                || !(socket.getSocket() instanceof NioChannel channel) || channel.getClass() != NioChannel.class) {
            return null;
        }
        SocketBufferHandler buffers = socket.getSocketBufferHandler();
        if (buffers != channel.getBufHandler() || buffers.getReadBuffer().isDirect() || !buffers.isReadBufferEmpty()
                || !buffers.isWriteBufferEmpty()) {
            return null;
        }
        try {
            READ_BUFFER.set(buffers, ByteBuffer.allocate(KEPT_BYTES));
            WRITE_BUFFER.set(buffers, ByteBuffer.allocate(KEPT_BYTES));
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
        buffers.reset(); // both empty and ready to be filled, as Tomcat expects them
        return channel;
    }

    /** Gives the channel's buffers their size again, for Tomcat's next use of it. */
    static void restore(NioChannel channel, int size) {
        channel.getBufHandler().expand(size);
    }

    /** The size to give back: what the connector's buffers had (both 8 KiB unless configured). */
    static int sizeOf(SocketWrapperBase<?> socket) {
        SocketBufferHandler buffers = socket.getSocketBufferHandler();
        return Math.max(buffers.getReadBuffer().capacity(), buffers.getWriteBuffer().capacity());
    }

    private static Field field(String name) {
        try {
            Field field = SocketBufferHandler.class.getDeclaredField(name);
            field.setAccessible(true);
            return field.getType() == ByteBuffer.class ? field : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
