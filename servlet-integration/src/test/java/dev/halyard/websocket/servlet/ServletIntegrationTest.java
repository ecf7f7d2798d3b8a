// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Halyard inside embedded Tomcat 11 and Jetty 12.1, talked to with the JDK's own WebSocket
 * client: the same endpoint classes, the same behaviour on both.
 */
class ServletIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Collects whole messages from the JDK client. */
    static final class Received implements WebSocket.Listener {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                messages.add(ByteBuffer.wrap(binary.toByteArray()));
                binary = new java.io.ByteArrayOutputStream();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error " + error);
        }

        Object next() throws InterruptedException {
            return next("a message");
        }

        Object next(String what) throws InterruptedException {
            Object message = messages.poll(20, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("No echo of " + what + " within 20 s");
            }
            return message;
        }
    }

    private static WebSocket connect(EmbeddedServer server, String path, Received listener, String... subprotocols)
            throws Exception {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return builder.buildAsync(URI.create("ws://localhost:" + server.port() + path), listener).get(20, TimeUnit.SECONDS);
    }

    private static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 13 + 5);
        }
        return bytes;
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void echoesTextAndBinaryFromEmptyTo16MiB(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Echo.class), Map.of())) {
            Received received = new Received();
            WebSocket socket = connect(server, "/echo", received);
            for (int size : new int[] {0, 1, 125, 126, 65_535, 65_536, 1 << 20, 16 << 20}) {
                String text = "é".repeat(size / 2) + "x".repeat(size % 2);
                socket.sendText(text, true).get(30, TimeUnit.SECONDS);
                assertThat(received.next(kind + " text of " + size + " bytes")).isEqualTo(text);
                byte[] bytes = pattern(size);
                socket.sendBinary(ByteBuffer.wrap(bytes), true).get(30, TimeUnit.SECONDS);
                assertThat(received.next(kind + " binary of " + size + " bytes")).isEqualTo(ByteBuffer.wrap(bytes));
            }
            socket.sendClose(1000, "bye").get(10, TimeUnit.SECONDS);
            assertThat(received.closed.get(10, TimeUnit.SECONDS)).isEqualTo("1000 ");
        }
    }

    /** The first message an endpoint that speaks in @OnOpen sends to a client connecting to {@code path}. */
    private static String openingMessage(EmbeddedServer.Kind kind, Class<?> endpoint, String path) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(endpoint), Map.of())) {
            Received received = new Received();
            connect(server, path, received);
            return String.valueOf(received.next(kind + " " + path));
        }
    }

    /** HandshakeRequest.getParameterMap() holds the path parameters too, as in Tomcat (the TCK's handshakerequest tests). */
    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void handshakeParametersIncludePathParameters(EmbeddedServer.Kind kind) throws Exception {
        assertThat(openingMessage(kind, Endpoints.Parameters.class, "/params/one?second=two")).isEqualTo("{first=[one], second=[two]}");
    }

    /**
     * Path parameters list in the template's order and query parameters in the query's, the same
     * in every JVM (the TCK's addendpoint test compares the listing as a string). The request
     * parameters hold the path parameters too, after the query's.
     */
    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void pathAndQueryParametersKeepTheirOrder(EmbeddedServer.Kind kind) throws Exception {
        assertThat(openingMessage(kind, Endpoints.ParameterOrder.class, "/order/1/2/3/4/5?q=1&c=2&x=3&d=4&k=5"))
                .isEqualTo("[z, a, m, b, y] [q, c, x, d, k, z, a, m, b, y]");
    }

    /** A blocking send inside @OnOpen arrives at once (the TCK's deadlock on Tomcat). */
    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void aBlockingSendInOnOpenArrives(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Welcome.class), Map.of())) {
            Received received = new Received();
            WebSocket socket = connect(server, "/welcome", received);
            assertThat(received.next(kind + " welcome from @OnOpen")).isEqualTo("welcome");
            socket.sendText("after", true).get(10, TimeUnit.SECONDS);
            assertThat(received.next(kind + " echo after the welcome")).isEqualTo("after");
        }
    }

    /**
     * RFC 6455 §7.1.1: after the close handshake the server closes the TCP connection first. On
     * Tomcat, closing an upgraded connection from outside a container callback left the socket open
     * until the client gave up (found by the load generator: 10,426 connections left open).
     */
    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void closesTheTcpConnectionAfterTheCloseHandshake(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Echo.class), Map.of())) {
            // a masked close frame with code 1000 and key 0: the client starts the close
            byte[] close = {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xE8};
            assertThat(RawHttp.serverClosesAfter(server.port(), "/echo", close, 5_000))
                    .as("%s closes the connection after answering the close frame", kind).isTrue();
            // a frame the server must refuse (unmasked): it sends 1002 and drops the connection
            byte[] unmasked = {(byte) 0x81, 0x02, 'h', 'i'};
            assertThat(RawHttp.serverClosesAfter(server.port(), "/echo", unmasked, 5_000))
                    .as("%s closes the connection after a protocol error", kind).isTrue();
        }
    }

    /**
     * Regression test for two read races: on Tomcat a second thread reading while its dispatch
     * fills the socket buffer corrupted the buffer; on Jetty a dispatch that came while the read
     * loop owned the stream was lost. Both stalled large messages within a few rounds.
     */
    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void manyLargeMessagesInARow(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Echo.class), Map.of())) {
            Received received = new Received();
            WebSocket socket = connect(server, "/echo", received);
            byte[] bytes = pattern(1 << 20);
            for (int round = 0; round < 20; round++) {
                bytes[0] = (byte) round;
                socket.sendBinary(ByteBuffer.wrap(bytes), true).get(30, TimeUnit.SECONDS);
                assertThat(received.next(kind + " round " + round)).isEqualTo(ByteBuffer.wrap(bytes));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void manyConcurrentConnections(EmbeddedServer.Kind kind) throws Exception {
        int connections = 1000;
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Echo.class), Map.of())) {
            List<Received> listeners = new ArrayList<>();
            List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                Received listener = new Received();
                listeners.add(listener);
                opening.add(HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://localhost:" + server.port() + "/echo"), listener));
            }
            List<WebSocket> sockets = new ArrayList<>();
            for (CompletableFuture<WebSocket> open : opening) {
                sockets.add(open.get(60, TimeUnit.SECONDS));
            }
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < connections; i++) {
                    sockets.get(i).sendText("connection " + i + " round " + round, true);
                }
                for (int i = 0; i < connections; i++) {
                    assertThat(listeners.get(i).next()).isEqualTo("connection " + i + " round " + round);
                }
            }
            for (WebSocket socket : sockets) {
                socket.sendClose(1000, "");
            }
            for (Received listener : listeners) {
                assertThat(listener.closed.get(30, TimeUnit.SECONDS)).isEqualTo("1000 ");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void pathParametersAndSubprotocols(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Room.class), Map.of())) {
            Received received = new Received();
            WebSocket socket = connect(server, "/rooms/lobby%20one/42", received, "chat.v1", "chat.v9");
            assertThat(socket.getSubprotocol()).isEqualTo("chat.v1");
            socket.sendText("hi", true).get(10, TimeUnit.SECONDS);
            assertThat(received.next()).isEqualTo("lobby one#42 [chat.v1] hi");
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void blockingSendsFromAHandlerToASlowReader(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Flood.class), Map.of())) {
            List<Object> got = new ArrayList<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            WebSocket.Listener slow = new WebSocket.Listener() {
                private boolean first = true;

                @Override
                public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                    if (first) {
                        got.add(data.get(0)); // a message may come in several parts: its first byte is in the first
                    }
                    first = last;
                    sleep(2); // a reader slower than the sender: the server's writes back up
                    webSocket.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    done.complete(null);
                    return null;
                }
            };
            WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://localhost:" + server.port() + "/flood"), slow)
                    .get(20, TimeUnit.SECONDS);
            int count = 600; // 9.6 MiB of blocking sends from inside @OnMessage
            socket.sendText(String.valueOf(count), true).get(10, TimeUnit.SECONDS);
            done.get(60, TimeUnit.SECONDS);
            assertThat(got).hasSize(count);
            for (int i = 0; i < count; i++) {
                assertThat(got.get(i)).isEqualTo((byte) i);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rawHandshake(EmbeddedServer server, String path, String... headers) throws Exception {
        return RawHttp.request(server.port(), path, headers);
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void badHandshakesGet400And426(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Echo.class), Map.of())) {
            String wrongVersion = rawHandshake(server, "/echo", "Upgrade: websocket", "Connection: Upgrade",
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 8");
            assertThat(wrongVersion).startsWith("HTTP/1.1 426").containsIgnoringCase("Sec-WebSocket-Version: 13");
            String badKey = rawHandshake(server, "/echo", "Upgrade: websocket", "Connection: Upgrade",
                    "Sec-WebSocket-Key: short", "Sec-WebSocket-Version: 13");
            assertThat(badKey).startsWith("HTTP/1.1 400");
            // Content-Length: 0 as the JDK client sends it: on Jetty without halyard-jetty-integration, a handshake
            // without it is refused 501 (JettyWithoutIntegrationTest).
            String good = rawHandshake(server, "/echo", "Upgrade: websocket", "Connection: keep-alive, Upgrade",
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13", "Content-Length: 0");
            assertThat(good).startsWith("HTTP/1.1 101").containsIgnoringCase("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
            String plain = rawHandshake(server, "/echo");
            assertThat(plain).as("a plain GET passes through to the servlet").startsWith("HTTP/1.1 404");
            String noEndpoint = rawHandshake(server, "/nothing", RawHttp.handshake());
            assertThat(noEndpoint).startsWith("HTTP/1.1 404");
        }
    }

    /** RFC 6455 §4.1: a handshake is a GET over HTTP/1.1; at an endpoint's path the handshake says so, not a 404. */
    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void aPostGets405AndHttp10Gets400AtAnEndpointsPath(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Echo.class), Map.of())) {
            String handshake = String.join("\r\n", RawHttp.handshake()) + "\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n";
            assertThat(statusLine(server.port(), "POST /echo HTTP/1.1\r\n" + handshake)).startsWith("HTTP/1.1 405");
            assertThat(statusLine(server.port(), "GET /echo HTTP/1.0\r\n" + handshake)).matches("HTTP/1\\.[01] 400.*");
            assertThat(statusLine(server.port(), "POST /nothing HTTP/1.1\r\n" + handshake)).as("no endpoint there")
                    .doesNotStartWith("HTTP/1.1 405");
        }
    }

    private static String statusLine(int port, String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.ISO_8859_1)).readLine();
        }
    }

    /** How a test stops the server or the application under an open session. */
    interface Stop {
        void stop(EmbeddedServer server) throws Exception;
    }

    /** The close code and reason an open session's client sees when {@code stop} runs. */
    static String closeSeenAfter(EmbeddedServer.Kind kind, Stop stop) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Echo.class), Map.of())) {
            Received received = new Received();
            WebSocket socket = connect(server, "/echo", received);
            socket.sendText("before", true).get(10, TimeUnit.SECONDS);
            assertThat(received.next()).isEqualTo("before");
            stop.stop(server);
            return received.closed.get(20, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void undeployClosesSessionsWith1001(EmbeddedServer.Kind kind) throws Exception {
        assertThat(closeSeenAfter(kind, EmbeddedServer::stopApplication)).startsWith("1001 ");
    }

    /** Tomcat stops its applications before its connectors, so a whole-server stop sends 1001 too. */
    @org.junit.jupiter.api.Test
    void tomcatServerStopClosesSessionsWith1001() throws Exception {
        assertThat(closeSeenAfter(EmbeddedServer.Kind.TOMCAT, server -> server.stopServer(5_000))).startsWith("1001 ");
    }
}
