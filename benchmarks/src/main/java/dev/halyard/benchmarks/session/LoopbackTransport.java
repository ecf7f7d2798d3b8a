// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.session;

import dev.halyard.websocket.session.Transport;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * An unbounded in-memory connection for benchmarks: what one end writes is copied into the
 * other's inbox and the reader woken through the executor, as a socket and selector would.
 */
final class LoopbackTransport implements Transport {

    private final Executor executor;
    private final ArrayDeque<ByteBuffer> inbox = new ArrayDeque<>();
    private LoopbackTransport peer;
    private Runnable readable;
    private boolean closed;

    private LoopbackTransport(Executor executor) {
        this.executor = executor;
    }

    static LoopbackTransport[] pair(Executor executor) {
        LoopbackTransport a = new LoopbackTransport(executor);
        LoopbackTransport b = new LoopbackTransport(executor);
        a.peer = b;
        b.peer = a;
        return new LoopbackTransport[] {a, b};
    }

    @Override
    public int read(ByteBuffer target) {
        int n = 0;
        synchronized (this) {
            while (target.hasRemaining() && !inbox.isEmpty()) {
                ByteBuffer head = inbox.peek();
                int take = Math.min(head.remaining(), target.remaining());
                int limit = head.limit();
                head.limit(head.position() + take);
                target.put(head);
                head.limit(limit);
                n += take;
                if (!head.hasRemaining()) {
                    inbox.poll();
                }
            }
            if (n == 0 && closed) {
                return -1;
            }
        }
        return n;
    }

    @Override
    public void awaitReadable(Runnable onReadable) {
        boolean now;
        synchronized (this) {
            now = !inbox.isEmpty() || closed;
            if (!now) {
                readable = onReadable;
            }
        }
        if (now) {
            executor.execute(onReadable);
        }
    }

    @Override
    public void write(ByteBuffer[] buffers, int count, WriteCallback callback) {
        int total = 0;
        for (int i = 0; i < count; i++) {
            total += buffers[i].remaining();
        }
        ByteBuffer copy = ByteBuffer.allocate(total);
        for (int i = 0; i < count; i++) {
            copy.put(buffers[i]);
        }
        peer.deliver(copy.flip());
        callback.completed();
    }

    private void deliver(ByteBuffer bytes) {
        Runnable wake;
        synchronized (this) {
            inbox.add(bytes);
            wake = readable;
            readable = null;
        }
        if (wake != null) {
            executor.execute(wake);
        }
    }

    @Override
    public void close() {
        for (LoopbackTransport end : new LoopbackTransport[] {this, peer}) {
            Runnable wake;
            synchronized (end) {
                end.closed = true;
                wake = end.readable;
                end.readable = null;
            }
            if (wake != null) {
                executor.execute(wake);
            }
        }
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public Executor executor() {
        return executor;
    }
}
