// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Heap buffers of one size, shared by all connections, so that a connection holds one only while it
 * has bytes in it. At most {@code maxPooled} wait here; beyond that, returned buffers are left to
 * the garbage collector.
 */
final class BufferPool {

    private final int size;
    private final int maxPooled;
    private final ConcurrentLinkedQueue<ByteBuffer> pool = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pooled = new AtomicInteger();

    BufferPool(int size, int maxPooled) {
        this.size = size;
        this.maxPooled = maxPooled;
    }

    /** A buffer of this pool's size, cleared. */
    ByteBuffer acquire() {
        ByteBuffer buffer = pool.poll();
        if (buffer == null) {
            return ByteBuffer.allocate(size);
        }
        pooled.decrementAndGet();
        return buffer.clear();
    }

    /** Gives a buffer from {@link #acquire} back; the caller no longer touches it. */
    void release(ByteBuffer buffer) {
        if (pooled.incrementAndGet() <= maxPooled) {
            pool.offer(buffer);
        } else {
            pooled.decrementAndGet();
        }
    }
}
