// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Client endpoints for the client tests: both kinds collect what arrives and how the session ended. */
final class ClientMessages {

    private ClientMessages() {
    }

    /** What a client endpoint saw. */
    static class Inbox {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
        final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
        volatile Session session;

        Object next(String what) throws InterruptedException {
            Object message = messages.poll(30, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("Nothing arrived within 30 s: " + what);
            }
            return message;
        }
    }

    /** An annotated client endpoint. */
    @ClientEndpoint(subprotocols = {"chat.v1"})
    public static class Annotated extends Inbox {
        @OnOpen
        public void open(Session session) {
            this.session = session;
            session.setMaxTextMessageBufferSize(32 << 20);
            session.setMaxBinaryMessageBufferSize(32 << 20);
        }

        @OnMessage
        public void text(String text) {
            messages.add(text);
        }

        @OnMessage
        public void binary(ByteBuffer data) {
            messages.add(data);
        }

        @OnError
        public void error(Throwable error) {
            errors.add(error);
        }

        @OnClose
        public void close(CloseReason reason) {
            closed.complete(reason);
        }
    }

    /** A programmatic client endpoint. */
    public static class Programmatic extends Endpoint {
        final Inbox inbox = new Inbox();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            inbox.session = session;
            session.setMaxTextMessageBufferSize(32 << 20);
            session.setMaxBinaryMessageBufferSize(32 << 20);
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) inbox.messages::add);
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) inbox.messages::add);
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            inbox.closed.complete(closeReason);
        }

        @Override
        public void onError(Session session, Throwable thr) {
            inbox.errors.add(thr);
        }
    }
}
