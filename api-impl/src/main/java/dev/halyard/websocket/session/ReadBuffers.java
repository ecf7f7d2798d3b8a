// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.frame.FrameHeader;
import java.nio.ByteBuffer;

/**
 * Read buffers shared by all connections: a connection holds one only while it has bytes to
 * read or parse, so an idle connection holds none.
 */
public final class ReadBuffers {

    /**
     * 16 KiB and room for the longest frame header: a client masks into these buffers, and a frame of
     * 16 KiB then goes out in one write rather than two (16,384 bytes, then the 8 left over).
     */
    public static final int SIZE = 16 * 1024 + FrameHeader.MAX_LENGTH;
    static final BufferPool POOL = new BufferPool(SIZE, 256, false);

    private ReadBuffers() {
    }

    /** A heap buffer of {@link #SIZE} bytes, cleared. */
    public static ByteBuffer acquire() {
        return POOL.acquire();
    }

    /** Gives a buffer from {@link #acquire} back; the caller no longer touches it. */
    public static void release(ByteBuffer buffer) {
        POOL.release(buffer);
    }
}
