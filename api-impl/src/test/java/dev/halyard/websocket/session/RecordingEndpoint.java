// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import static dev.halyard.websocket.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** An endpoint that runs {@code onOpen} code given by the test and records what happens to it. */
class RecordingEndpoint extends Endpoint {

    final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    final List<CloseReason> closes = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final BlockingQueue<CloseReason> closed = new LinkedBlockingQueue<>();
    volatile Session session;
    private final Consumer<Session> onOpen;

    RecordingEndpoint(Consumer<Session> onOpen) {
        this.onOpen = onOpen;
    }

    /** Records every text and binary message whole, and pongs. */
    static RecordingEndpoint collecting() {
        RecordingEndpoint[] self = new RecordingEndpoint[1];
        self[0] = new RecordingEndpoint(session -> {
            session.addMessageHandler(String.class, self[0].messages::add);
            session.addMessageHandler(java.nio.ByteBuffer.class, self[0].messages::add);
            session.addMessageHandler(jakarta.websocket.PongMessage.class, self[0].messages::add);
        });
        return self[0];
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        onOpen.accept(session);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        closes.add(closeReason);
        closed.add(closeReason);
    }

    @Override
    public void onError(Session session, Throwable thr) {
        errors.add(thr);
    }

    Object nextMessage() throws InterruptedException {
        Object message = messages.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("No message within 10 s");
        }
        return message;
    }

    /**
     * The one onClose: waits for it, then watches 100 ms for a second. No later event is bound to
     * follow a wrongful second call, so this watches; SessionLifecycleTest proves onClose told once
     * for every order of events, without waiting.
     */
    CloseReason awaitOnlyClose() throws InterruptedException {
        CloseReason reason = awaitClose();
        eventually().during(Duration.ofMillis(100)).untilAsserted(() -> assertThat(closes).as("onClose calls").hasSize(1));
        return reason;
    }

    CloseReason awaitClose() throws InterruptedException {
        CloseReason reason = closed.poll(10, TimeUnit.SECONDS);
        if (reason == null) {
            throw new AssertionError("No onClose within 10 s");
        }
        return reason;
    }
}
