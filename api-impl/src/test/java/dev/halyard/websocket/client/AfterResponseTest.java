// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.client;

import static dev.halyard.websocket.client.ScriptedServer.switching;
import static dev.halyard.websocket.client.ScriptedServer.textFrame;
import static dev.halyard.websocket.client.ScriptedServer.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Jakarta WebSocket 2.3 in both builds: every request the configurator's {@code beforeRequest}
 * saw is answered by one {@code afterResponse}, when the handshake fails too, with an empty header
 * map when no HTTP response came (COMPATIBILITY.md C20); and {@code connectToServer(Object, URI)}
 * takes an instance of a class without a no-argument constructor.
 */
class AfterResponseTest {

    private final HalyardClientContainer client = new HalyardClientContainer();

    @AfterEach
    void closeClient() {
        client.close();
    }

    /** Records what the client's configurator is shown. */
    static final class Recording extends ClientEndpointConfig.Configurator {
        final List<String> requests = new CopyOnWriteArrayList<>();
        final List<Map<String, List<String>>> responses = new CopyOnWriteArrayList<>();
        private final RuntimeException afterResponseThrows;

        Recording(RuntimeException afterResponseThrows) {
            this.afterResponseThrows = afterResponseThrows;
        }

        Recording() {
            this(null);
        }

        @Override
        public void beforeRequest(Map<String, List<String>> headers) {
            requests.add(headers.get("Host").get(0));
        }

        @Override
        public void afterResponse(HandshakeResponse response) {
            responses.add(response.getHeaders());
            if (afterResponseThrows != null) {
                throw afterResponseThrows;
            }
        }

        ClientEndpointConfig config() {
            return ClientEndpointConfig.Builder.create().configurator(this).build();
        }
    }

    private static URI uri(ScriptedServer server, String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    @Test
    void aRefusalIsShownToAfterResponseWithItsHeaders() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> write(out,
                "HTTP/1.1 404 Not Found\r\nX-Why: no endpoint\r\nContent-Length: 0\r\n\r\n"))) {
            Recording configurator = new Recording();
            assertThatThrownBy(() -> client.connectToServer(new ClientHandshakeTest.Texts(), configurator.config(),
                    uri(server, "/doesNotExist"))).isInstanceOf(HandshakeException.class).hasMessageContaining("404");
            assertThat(configurator.requests).hasSize(1);
            assertThat(configurator.responses).hasSize(1);
            assertThat(configurator.responses.get(0).get("x-why")).containsExactly("no endpoint");
        }
    }

    @Test
    void a101ThatBreaksRfc6455IsShownToAfterResponseToo() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> write(out,
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"))) {
            Recording configurator = new Recording();
            assertThatThrownBy(() -> client.connectToServer(new ClientHandshakeTest.Texts(), configurator.config(),
                    uri(server, "/"))).isInstanceOf(HandshakeException.class).hasMessageContaining("Sec-WebSocket-Accept");
            assertThat(configurator.responses).hasSize(1);
            assertThat(configurator.responses.get(0).get("Sec-WebSocket-Accept")).containsExactly("dGhlIHNhbXBsZSBub25jZQ==");
        }
    }

    @Test
    void noResponseMeansAnEmptyHeaderMap() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> socket.close())) {
            Recording configurator = new Recording();
            assertThatThrownBy(() -> client.connectToServer(new ClientHandshakeTest.Texts(), configurator.config(),
                    uri(server, "/"))).isInstanceOf(IOException.class);
            assertThat(configurator.requests).hasSize(1);
            assertThat(configurator.responses).containsExactly(Map.of());
        }
    }

    @Test
    void aConnectionRefusedBeforeAnyRequestCallsNeither() throws Exception {
        int port;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = unused.getLocalPort();
        }
        Recording configurator = new Recording();
        assertThatThrownBy(() -> client.connectToServer(new ClientHandshakeTest.Texts(), configurator.config(),
                URI.create("ws://127.0.0.1:" + port + "/"))).isInstanceOf(ConnectException.class);
        assertThat(configurator.requests).isEmpty();
        assertThat(configurator.responses).isEmpty();
    }

    @Test
    void eachRequestOfARedirectIsAnsweredOnce() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> {
            if (request.requestLine().startsWith("GET /old ")) {
                write(out, "HTTP/1.1 302 Found\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n");
            } else {
                write(out, switching(request, "X-Here: yes\r\n"));
            }
        })) {
            Recording configurator = new Recording();
            Session session = client.connectToServer(new ClientHandshakeTest.Texts(), configurator.config(), uri(server, "/old"));
            assertThat(configurator.requests).hasSize(2);
            assertThat(configurator.responses).hasSize(2);
            assertThat(configurator.responses.get(0).get("Location")).containsExactly("/new");
            assertThat(configurator.responses.get(1).get("X-Here")).containsExactly("yes");
            session.close();
        }
    }

    @Test
    void aConfiguratorThatThrowsOnAFailureDoesNotHideTheFailure() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> socket.close())) {
            IllegalStateException thrown = new IllegalStateException("the configurator's own trouble");
            Recording configurator = new Recording(thrown);
            assertThatThrownBy(() -> client.connectToServer(new ClientHandshakeTest.Texts(), configurator.config(),
                    uri(server, "/")))
                    .isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(suppressedAlongTheCauses(e)).containsExactly(thrown));
            assertThat(configurator.responses).containsExactly(Map.of());
        }
    }

    private static List<Throwable> suppressedAlongTheCauses(Throwable e) {
        List<Throwable> all = new java.util.ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.addAll(List.of(t.getSuppressed()));
        }
        return all;
    }

    /** An annotated client endpoint whose only constructor takes an argument. */
    @ClientEndpoint
    public static final class Greeted {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final String prefix;

        public Greeted(String prefix) {
            this.prefix = prefix;
        }

        @OnMessage
        public void text(String text) {
            received.add(prefix + text);
        }
    }

    @Test
    void anInstanceWithoutANoArgumentConstructorConnects() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> {
            out.write(switching(request, "").getBytes(StandardCharsets.ISO_8859_1));
            out.write(textFrame("hello"));
        })) {
            Greeted endpoint = new Greeted("got ");
            Session session = client.connectToServer(endpoint, uri(server, "/"));
            assertThat(endpoint.received.poll(10, TimeUnit.SECONDS)).isEqualTo("got hello");
            session.close();
            assertThatThrownBy(() -> client.connectToServer(Greeted.class, uri(server, "/")))
                    .isInstanceOf(jakarta.websocket.DeploymentException.class)
                    .hasMessageContaining("no public no-argument constructor");
        }
    }
}
