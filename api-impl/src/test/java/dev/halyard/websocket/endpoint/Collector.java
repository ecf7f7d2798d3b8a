// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.endpoint;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The client side of the endpoint tests: collects every text and binary message and the close. */
class Collector extends Endpoint {

    final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, messages::add);
        session.addMessageHandler(ByteBuffer.class, messages::add);
        session.addMessageHandler(jakarta.websocket.PongMessage.class,
                pong -> messages.add("pong " + java.nio.charset.StandardCharsets.UTF_8.decode(pong.getApplicationData())));
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        closes.add(closeReason);
    }

    Object next() throws InterruptedException {
        Object message = messages.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("No message within 10 s");
        }
        return message;
    }

    CloseReason nextClose() throws InterruptedException {
        CloseReason reason = closes.poll(10, TimeUnit.SECONDS);
        if (reason == null) {
            throw new AssertionError("No close within 10 s");
        }
        return reason;
    }
}
