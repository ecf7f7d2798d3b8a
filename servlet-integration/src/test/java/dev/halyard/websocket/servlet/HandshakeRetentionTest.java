// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static dev.halyard.websocket.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.ref.WeakReference;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An open session does not keep its handshake's request: on Jetty that request holds the whole HTTP
 * connection's parser and channel (kilobytes a session), and on any container its headers.
 */
class HandshakeRetentionTest {

    static volatile WeakReference<HandshakeRequest> seen = new WeakReference<>(null);

    /** Remembers, weakly, the request the configurator was shown. */
    public static class Remembering extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            seen = new WeakReference<>(request);
        }
    }

    @ServerEndpoint(value = "/remembered", configurator = Remembering.class)
    public static class Echo {
        @OnMessage
        public String echo(String text) {
            return text;
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void theHandshakeRequestIsCollectedWhileTheSessionStaysOpen(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Echo.class), Map.of());
                Socket session = RawSocket.handshake(server.port(), "/remembered")) {
            session.getOutputStream().write(RawSocket.text("open"));
            assertThat(new String(RawSocket.Frame.read(session.getInputStream()).payload(), StandardCharsets.UTF_8)).isEqualTo("open");
            eventually().until(() -> {
                System.gc();
                return seen.get() == null;
            });
            session.getOutputStream().write(RawSocket.text("still open"));
            assertThat(new String(RawSocket.Frame.read(session.getInputStream()).payload(), StandardCharsets.UTF_8))
                    .isEqualTo("still open");
        }
    }
}
