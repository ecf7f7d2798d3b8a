// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The opening handshake's checks, answers and configurator calls (RFC 6455 §4.2, Jakarta WebSocket 2.2 §3.1). */
class ServerHandshakeTest {

    @ServerEndpoint(value = "/chat", subprotocols = {"chat.v2", "chat.v1"}, configurator = Guarded.class)
    public static class Chat {
        @OnMessage
        public void text(String text) {
        }
    }

    /** Refuses one origin, adds a header, and records what it saw in per-connection user properties. */
    public static class Guarded extends ServerEndpointConfig.Configurator {
        @Override
        public boolean checkOrigin(String originHeaderValue) {
            return !"https://evil.example".equals(originHeaderValue);
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            response.getHeaders().put("X-Greeting", List.of("hello " + request.getHeaders().get("x-user").get(0)));
            config.getUserProperties().put("user", request.getHeaders().get("X-USER").get(0));
            config.getUserProperties().put("query", request.getQueryString());
            config.getUserProperties().put("role", request.isUserInRole("admin"));
        }
    }

    private static Map<String, List<String>> headers(String... pairs) {
        Map<String, List<String>> headers = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return headers;
    }

    private static Map<String, List<String>> valid(String... more) {
        Map<String, List<String>> headers = headers("Host", "localhost", "upgrade", "WebSocket", "Connection", "keep-alive, Upgrade",
                "Sec-WebSocket-Version", "13", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "X-User", "ann");
        headers.putAll(headers(more));
        return headers;
    }

    private static ServerHandshake.Outcome handshake(String method, String protocol, Map<String, List<String>> headers)
            throws Exception {
        HandshakeRequestView request = new HandshakeRequestView(method, protocol, headers, URI.create("ws://localhost/chat?x=1"),
                "x=1", Map.of("x", List.of("1")), () -> "ann", role -> role.equals("admin"), null);
        return ServerHandshake.perform(request, ServerEndpointDefinition.ofAnnotated(Chat.class),
                List.of(new dev.halyard.websocket.handshake.ExtensionHeader.Offer("x-known", List.of())));
    }

    @Test
    void acceptsAValidRequest() throws Exception {
        ServerHandshake.Outcome outcome = handshake("GET", "HTTP/1.1", valid(
                "Sec-WebSocket-Protocol", "chat.v3, chat.v1", "Sec-WebSocket-Protocol", "chat.v2",
                "Sec-WebSocket-Extensions", "x-unknown, x-known; level=2"));
        assertThat(outcome).isInstanceOf(ServerHandshake.Accepted.class);
        ServerHandshake.Accepted accepted = (ServerHandshake.Accepted) outcome;
        assertThat(accepted.headers()).containsEntry("Upgrade", List.of("websocket"))
                .containsEntry("Connection", List.of("Upgrade"))
                .containsEntry("Sec-WebSocket-Accept", List.of("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="))
                .containsEntry("Sec-WebSocket-Protocol", List.of("chat.v1")) // the client's first that the endpoint supports
                .containsEntry("Sec-WebSocket-Extensions", List.of("x-known; level=2"))
                .containsEntry("X-Greeting", List.of("hello ann"));
        assertThat(accepted.subprotocol()).isEqualTo("chat.v1");
        assertThat(accepted.extensions()).extracting(Extension::getName).containsExactly("x-known");
        assertThat(accepted.config().getUserProperties()).containsEntry("user", "ann").containsEntry("query", "x=1")
                .containsEntry("role", true);
    }

    @Test
    void userPropertiesBelongToOneConnection() throws Exception {
        ServerHandshake.Accepted first = (ServerHandshake.Accepted) handshake("GET", "HTTP/1.1", valid());
        Map<String, List<String>> other = valid();
        other.put("X-User", List.of("bob"));
        ServerHandshake.Accepted second = (ServerHandshake.Accepted) handshake("GET", "HTTP/1.1", other);
        assertThat(first.config().getUserProperties()).containsEntry("user", "ann");
        assertThat(second.config().getUserProperties()).containsEntry("user", "bob");
        assertThat(first.config().getPath()).isEqualTo("/chat");
    }

    @Test
    void noSubprotocolOrExtensionWhenNoneAgrees() throws Exception {
        ServerHandshake.Accepted accepted = (ServerHandshake.Accepted) handshake("GET", "HTTP/1.1",
                valid("Sec-WebSocket-Protocol", "other", "Sec-WebSocket-Extensions", "x-unknown"));
        assertThat(accepted.headers()).doesNotContainKeys("Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions");
        assertThat(accepted.subprotocol()).isEmpty();
    }

    private static void assertRefused(ServerHandshake.Outcome outcome, int status, String reason) {
        assertThat(outcome).isInstanceOfSatisfying(ServerHandshake.Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(status);
            assertThat(refused.reason()).contains(reason);
        });
    }

    @Test
    void refusals() throws Exception {
        assertRefused(handshake("POST", "HTTP/1.1", valid()), 405, "must be a GET request, not POST");
        assertRefused(handshake("GET", "HTTP/1.0", valid()), 400, "needs HTTP/1.1 or later, not HTTP/1.0");
        Map<String, List<String>> noUpgrade = valid();
        noUpgrade.remove("upgrade");
        assertRefused(handshake("GET", "HTTP/1.1", noUpgrade), 400, "The Upgrade header must name websocket");
        Map<String, List<String>> noConnection = valid();
        noConnection.put("Connection", List.of("keep-alive"));
        assertRefused(handshake("GET", "HTTP/1.1", noConnection), 400, "The Connection header must include Upgrade");
        Map<String, List<String>> badKey = valid();
        badKey.put("Sec-WebSocket-Key", List.of("c2hvcnQ="));
        assertRefused(handshake("GET", "HTTP/1.1", badKey), 400, "Sec-WebSocket-Key must be one base64 value of 16 bytes");
        Map<String, List<String>> twoKeys = valid();
        twoKeys.put("Sec-WebSocket-Key", List.of("dGhlIHNhbXBsZSBub25jZQ==", "dGhlIHNhbXBsZSBub25jZQ=="));
        assertRefused(handshake("GET", "HTTP/1.1", twoKeys), 400, "Sec-WebSocket-Key must be one");
        assertRefused(handshake("GET", "HTTP/1.1", valid("Origin", "https://evil.example")), 403,
                "Origin https://evil.example is not allowed");
        assertRefused(handshake("GET", "HTTP/1.1", valid("Sec-WebSocket-Extensions", "bad name")), 400,
                "\"bad name\" is not an extension name");
        assertThat(handshake("GET", "HTTP/2", valid())).isInstanceOf(ServerHandshake.Accepted.class);
    }

    @Test
    void unsupportedVersionGets426WithTheVersionWeSpeak() throws Exception {
        Map<String, List<String>> old = valid();
        old.put("Sec-WebSocket-Version", List.of("8"));
        ServerHandshake.Outcome outcome = handshake("GET", "HTTP/1.1", old);
        assertRefused(outcome, 426, "Only WebSocket version 13 is supported, the request asked for [8]");
        assertThat(((ServerHandshake.Refused) outcome).headers()).containsEntry("sec-websocket-version", List.of("13"));
    }

    /** Its configuration names an extension of its own. */
    public static class OwnExtension extends jakarta.websocket.Endpoint {
        @Override
        public void onOpen(jakarta.websocket.Session session, jakarta.websocket.EndpointConfig config) {
        }
    }

    @Test
    void anExtensionTheEndpointsConfigurationNamesCanBeNegotiated() throws Exception {
        List<String> seen = new java.util.ArrayList<>();
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(OwnExtension.class, "/own")
                .extensions(List.of(new dev.halyard.websocket.handshake.ExtensionHeader.Offer("x-own", List.of())))
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
                        installed.forEach(e -> seen.add(e.getName()));
                        return new DefaultServerConfigurator().getNegotiatedExtensions(installed, requested);
                    }
                }).build();
        HandshakeRequestView request = new HandshakeRequestView("GET", "HTTP/1.1", valid("Sec-WebSocket-Extensions", "x-own"),
                URI.create("ws://localhost/own"), null, Map.of(), null, role -> false, null);
        ServerHandshake.Outcome outcome = ServerHandshake.perform(request, ServerEndpointDefinition.of(config),
                List.of(new dev.halyard.websocket.handshake.ExtensionHeader.Offer("permessage-deflate", List.of())));
        assertThat(((ServerHandshake.Accepted) outcome).headers()).containsEntry("Sec-WebSocket-Extensions", List.of("x-own"));
        assertThat(seen).as("the configuration's extensions first, then the container's").containsExactly("x-own", "permessage-deflate");
    }
}
