// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.frame.FrameHeader;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Read buffers shared by all connections: a connection holds one only while it has bytes to
 * read or parse, so an idle connection holds none. At most {@link #MAX_POOLED} wait here; beyond that,
 * returned buffers are left to the garbage collector.
 */
public final class ReadBuffers {

    /**
     * 16 KiB and room for the longest frame header: a client masks into these buffers, and a frame of
     * 16 KiB then goes out in one write rather than two (16,384 bytes, then the 8 left over).
     */
    public static final int SIZE = 16 * 1024 + FrameHeader.MAX_LENGTH;
    private static final int MAX_POOLED = 256;

    private static final ConcurrentLinkedQueue<ByteBuffer> POOL = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger POOLED = new AtomicInteger();

    private ReadBuffers() {
    }

    /** A heap buffer of {@link #SIZE} bytes, cleared. */
    public static ByteBuffer acquire() {
        ByteBuffer buffer = POOL.poll();
        if (buffer == null) {
            return ByteBuffer.allocate(SIZE);
        }
        POOLED.decrementAndGet();
        return buffer.clear();
    }

    /** Gives a buffer from {@link #acquire} back; the caller no longer touches it. */
    public static void release(ByteBuffer buffer) {
        if (POOLED.incrementAndGet() <= MAX_POOLED) {
            POOL.offer(buffer);
        } else {
            POOLED.decrementAndGet();
        }
    }
}
