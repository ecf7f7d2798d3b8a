// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.server;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Echoes every whole text and binary message with a blocking send, the same class on every
 * target. {@code ?max=N} raises this session's message limits to N bytes (the containers'
 * defaults are 8 KiB on Tomcat, 64 KiB on Jetty and Halyard); without it the session keeps the
 * container's defaults, so idle connections cost what they cost out of the box.
 */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    @OnOpen
    public void open(Session session) {
        List<String> max = session.getRequestParameterMap().get("max");
        if (max != null && !max.isEmpty()) {
            int limit = Integer.parseInt(max.get(0));
            session.setMaxTextMessageBufferSize(limit);
            session.setMaxBinaryMessageBufferSize(limit);
        }
    }

    @OnMessage
    public void text(Session session, String message) throws IOException {
        session.getBasicRemote().sendText(message);
    }

    @OnMessage
    public void binary(Session session, ByteBuffer message) throws IOException {
        session.getBasicRemote().sendBinary(message);
    }
}
