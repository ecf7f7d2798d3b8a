// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.nio.ByteBuffer;

/**
 * Buffers of one size, shared by all connections, so that a connection holds one only while it
 * has bytes in it. At most {@code maxPooled} wait here; beyond that, returned buffers are left to
 * the garbage collector. A stack under a lock rather than a concurrent queue: taking and giving
 * back then allocate nothing, and each holds the lock for a few instructions.
 */
final class BufferPool {

    private final int size;
    private final boolean direct;
    private final ByteBuffer[] pooled;
    /** How many of {@link #pooled}, from the first, hold a buffer; guarded by {@code this}. */
    private int count;
    /** Buffers made because none was pooled; guarded by {@code this}. */
    private long made;

    /** @param direct whether the buffers live outside the heap, as the JDK's socket channels write from */
    BufferPool(int size, int maxPooled, boolean direct) {
        this.size = size;
        this.direct = direct;
        this.pooled = new ByteBuffer[maxPooled];
    }

    /** A buffer of this pool's size, cleared. */
    ByteBuffer acquire() {
        ByteBuffer buffer = null;
        synchronized (this) {
            if (count > 0) {
                buffer = pooled[--count];
                pooled[count] = null;
            } else {
                made++;
            }
        }
        if (buffer == null) {
            return direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        }
        return buffer.clear();
    }

    /** How many buffers {@link #acquire} has made since the pool was created: a pool whose buffers come back makes few. */
    synchronized long made() {
        return made;
    }

    /** Gives a buffer from {@link #acquire} back; the caller no longer touches it. */
    void release(ByteBuffer buffer) {
        synchronized (this) {
            if (count < pooled.length) {
                pooled[count++] = buffer;
            }
        }
    }
}
