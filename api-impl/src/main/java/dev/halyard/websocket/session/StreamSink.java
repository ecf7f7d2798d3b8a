// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;

/**
 * A message as an {@code InputStream} (binary) or a {@code Reader} (text): the handler starts on
 * another thread at the first piece and reads while the rest arrives through a {@link MessagePipe}.
 * The read loop waits for the handler to return before the next message, so handler calls never
 * overlap.
 */
final class StreamSink<T> implements MessageSink {

    private final MessageConsumer<T> consumer;
    private final boolean text;
    private final Invoker invoker;
    private final Executor executor;

    private volatile MessagePipe pipe;
    private CountDownLatch handlerDone;

    StreamSink(MessageConsumer<T> consumer, boolean text, Invoker invoker, Executor executor) {
        this.consumer = consumer;
        this.text = text;
        this.invoker = invoker;
        this.executor = executor;
    }

    @Override
    public void accept(ByteBuffer piece, boolean last) {
        if (pipe == null) {
            start();
        }
        try {
            pipe.write(piece);
            if (last) {
                pipe.finish();
                awaitHandler();
            }
        } catch (InterruptedIOException e) {
            pipe.fail(e);
        }
    }

    private void start() {
        MessagePipe started = new MessagePipe();
        CountDownLatch done = new CountDownLatch(1);
        pipe = started;
        handlerDone = done;
        @SuppressWarnings("unchecked")
        T stream = (T) (text ? new InputStreamReader(started, StandardCharsets.UTF_8) : (InputStream) started);
        executor.execute(() -> {
            try {
                invoker.invoke(() -> consumer.accept(stream));
            } finally {
                started.readerDone();
                done.countDown();
            }
        });
    }

    private void awaitHandler() {
        CountDownLatch done = handlerDone;
        pipe = null;
        handlerDone = null;
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether a handler is reading a message right now. */
    boolean isActive() {
        return pipe != null;
    }

    @Override
    public void abort(IOException cause) {
        MessagePipe active = pipe;
        if (active != null) {
            active.fail(cause);
        }
    }
}
