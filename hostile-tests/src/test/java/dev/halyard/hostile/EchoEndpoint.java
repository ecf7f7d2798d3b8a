// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.hostile;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/** Echoes text and binary messages of up to 1 MiB. */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    @OnOpen
    public void open(Session session) {
        Registry.opened(session);
    }

    @OnMessage(maxMessageSize = 1 << 20)
    public String text(String message) {
        try {
            Registry.echoThread = Thread.currentThread().toString();
            return message;
        } catch (OutOfMemoryError e) {
            Registry.OOM.set(true);
            throw e;
        }
    }

    @OnMessage(maxMessageSize = 1 << 20)
    public ByteBuffer binary(ByteBuffer message) {
        try {
            ByteBuffer copy = ByteBuffer.allocate(message.remaining());
            copy.put(message).flip();
            return copy;
        } catch (OutOfMemoryError e) {
            Registry.OOM.set(true);
            throw e;
        }
    }

    /** Present so that peers' errors are counted, not logged one by one. */
    @OnError
    public void error(Throwable error) {
        Registry.error(error);
    }

    @OnClose
    public void close(Session session) {
        Registry.closed(session);
    }
}
