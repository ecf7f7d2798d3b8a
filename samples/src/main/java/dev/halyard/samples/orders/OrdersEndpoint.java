// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.samples.orders;

import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** Typed messages: orders come in through a decoder, receipts go out through an encoder. */
@ServerEndpoint(value = "/orders", decoders = OrderDecoder.class, encoders = ReceiptEncoder.class)
public class OrdersEndpoint {

    private static final AtomicLong RECEIPTS = new AtomicLong();

    @OnMessage
    public Receipt order(Order order) {
        return new Receipt(RECEIPTS.incrementAndGet(), order);
    }

    /** A message that is not an order: say why, and keep the session. */
    @OnError
    public void error(Session session, Throwable error) throws IOException {
        if (session.isOpen()) {
            session.getBasicRemote().sendText("error=" + error.getMessage());
        }
    }
}
