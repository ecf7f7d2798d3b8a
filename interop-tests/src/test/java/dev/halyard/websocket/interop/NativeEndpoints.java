// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.interop;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Endpoints the native servers serve. */
final class NativeEndpoints {

    private NativeEndpoints() {
    }

    @ServerEndpoint(value = "/echo", subprotocols = {"echo.v2", "echo.v1"})
    public static class Echo {
        @OnOpen
        public void open(Session session) {
            session.setMaxTextMessageBufferSize(32 << 20);
            session.setMaxBinaryMessageBufferSize(32 << 20);
        }

        @OnMessage
        public void text(String text, Session session) throws IOException {
            if (text.startsWith("close:")) {
                session.close(new jakarta.websocket.CloseReason(jakarta.websocket.CloseReason.CloseCodes.getCloseCode(
                        Integer.parseInt(text.substring(6, 10))), text.substring(11)));
                return;
            }
            if (text.equals("subprotocol?")) {
                session.getBasicRemote().sendText("subprotocol=" + session.getNegotiatedSubprotocol());
                return;
            }
            session.getBasicRemote().sendText(text);
        }

        @OnMessage
        public void binary(ByteBuffer data, Session session) throws IOException {
            session.getBasicRemote().sendBinary(data);
        }
    }
}
