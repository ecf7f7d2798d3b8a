// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

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
        /** {@code "{id}"} is written with braces, as the TCK does; it names the variable id. */
        @OnMessage
        public String text(String text, @PathParam("room") String room, @PathParam("{id}") int id, Session session) {
            return room + "#" + id + " [" + session.getNegotiatedSubprotocol() + "] " + text;
        }
    }

    /** Echoes with the container's default limits. */
    @ServerEndpoint("/plain")
    public static class Plain {
        @OnMessage
        public String text(String text) {
            return text;
        }
    }

    /** Refuses one origin. */
    @ServerEndpoint(value = "/guarded", configurator = OriginCheck.class)
    public static class Guarded {
        @OnMessage
        public String text(String text) {
            return "guarded " + text;
        }
    }

    public static class OriginCheck extends jakarta.websocket.server.ServerEndpointConfig.Configurator {
        @Override
        public boolean checkOrigin(String originHeaderValue) {
            return !"https://evil.example".equals(originHeaderValue);
        }
    }

    /** Not annotated: deployed from a listener, or upgraded to from a servlet. */
    public static class Greeter extends jakarta.websocket.Endpoint {
        @Override
        public void onOpen(Session session, jakarta.websocket.EndpointConfig config) {
            session.addMessageHandler(String.class, text -> {
                try {
                    session.getBasicRemote().sendText("hello " + text + " from " + session.getPathParameters());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
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

    /** Greets in @OnOpen with a blocking send: on Tomcat that once waited for a write event that could not come. */
    @ServerEndpoint("/welcome")
    public static class Welcome {
        @jakarta.websocket.OnOpen
        public void open(Session session) throws IOException {
            session.getBasicRemote().sendText("welcome");
        }

        @OnMessage
        public String text(String text) {
            return text;
        }
    }

    /** Tells, in @OnOpen, the names of its path and query parameters in the order the session lists them. */
    @ServerEndpoint("/order/{z}/{a}/{m}/{b}/{y}")
    public static class ParameterOrder {
        @jakarta.websocket.OnOpen
        public void open(Session session) throws IOException {
            session.getBasicRemote().sendText(session.getPathParameters().keySet() + " " + session.getRequestParameterMap().keySet());
        }
    }

    /** Tells, in @OnOpen, the request parameters its configurator saw in the handshake. */
    @ServerEndpoint(value = "/params/{first}", configurator = ParameterReport.class)
    public static class Parameters {
        @jakarta.websocket.OnOpen
        public void open(Session session) throws IOException {
            session.getBasicRemote().sendText(String.valueOf(session.getUserProperties().get("parameters")));
        }
    }

    public static class ParameterReport extends jakarta.websocket.server.ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(jakarta.websocket.server.ServerEndpointConfig config,
                jakarta.websocket.server.HandshakeRequest request, jakarta.websocket.HandshakeResponse response) {
            config.getUserProperties().put("parameters", new java.util.TreeMap<>(request.getParameterMap()).toString());
        }
    }
}
