package dev.halyard.websocket.servlet;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;

/** The endpoints the integration tests deploy. */
final class Endpoints {

    private Endpoints() {
    }

    @ServerEndpoint("/echo")
    public static class Echo {
        @OnMessage(maxMessageSize = 32 * 1024 * 1024)
        public String text(String text) {
            return text;
        }

        @OnMessage(maxMessageSize = 32 * 1024 * 1024)
        public ByteBuffer binary(ByteBuffer data) {
            return data;
        }
    }

    @ServerEndpoint(value = "/rooms/{room}/{id}", subprotocols = {"chat.v2", "chat.v1"})
    public static class Room {
        @OnMessage
        public String text(String text, @PathParam("room") String room, @PathParam("id") int id, Session session) {
            return room + "#" + id + " [" + session.getNegotiatedSubprotocol() + "] " + text;
        }
    }

    /** Answers one message with many blocking sends: the deadlock trap on Tomcat. */
    @ServerEndpoint("/flood")
    public static class Flood {
        @OnMessage
        public void text(String count, Session session) throws IOException {
            byte[] chunk = new byte[16 * 1024];
            for (int i = 0; i < Integer.parseInt(count); i++) {
                chunk[0] = (byte) i;
                session.getBasicRemote().sendBinary(ByteBuffer.wrap(chunk.clone()));
            }
            session.getBasicRemote().sendText("done");
        }
    }
}
