// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.halyard.websocket.client.HalyardClientContainer;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Halyard's client against Tomcat 11's and Jetty 12.1's own WebSocket servers. */
class ClientAgainstNativeServersTest {

    /** Whatever arrives, in order. */
    static class Inbox {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

        Object next(String what) throws InterruptedException {
            Object message = messages.poll(30, TimeUnit.SECONDS);
            assertThat(message).as("%s within 30 s (session closed: %s)", what, closed.getNow(null)).isNotNull();
            return message;
        }
    }

    @ClientEndpoint(subprotocols = {"echo.v1"})
    public static class AnnotatedClient extends Inbox {
        @OnOpen
        public void open(Session session) {
            session.setMaxTextMessageBufferSize(32 << 20);
            session.setMaxBinaryMessageBufferSize(32 << 20);
        }

        @OnMessage
        public void text(String text) {
            messages.add(text);
        }

        @OnMessage
        public void binary(byte[] data) {
            messages.add(ByteBuffer.wrap(data));
        }

        @OnMessage
        public void pong(PongMessage pong) {
            messages.add("pong " + StandardCharsets.UTF_8.decode(pong.getApplicationData()));
        }

        @OnClose
        public void close(CloseReason reason) {
            closed.complete(reason);
        }
    }

    public static class ProgrammaticClient extends Endpoint {
        final Inbox inbox = new Inbox();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxTextMessageBufferSize(32 << 20);
            session.setMaxBinaryMessageBufferSize(32 << 20);
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) inbox.messages::add);
            // copied: an implementation may reuse its buffer once the handler returns (Jetty's client does)
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data ->
                    inbox.messages.add(ByteBuffer.allocate(data.remaining()).put(data).flip()));
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            inbox.closed.complete(closeReason);
        }
    }

    @ParameterizedTest
    @EnumSource(NativeServer.Kind.class)
    void annotatedClientExchangesUpTo16MiBAndPings(NativeServer.Kind kind) throws Exception {
        try (NativeServer server = NativeServer.start(kind, List.of(NativeEndpoints.Echo.class));
                HalyardClientContainer client = new HalyardClientContainer()) {
            AnnotatedClient endpoint = new AnnotatedClient();
            Session session = client.connectToServer(endpoint, URI.create("ws://localhost:" + server.port() + "/echo"));
            assertThat(session.getNegotiatedSubprotocol()).isEqualTo("echo.v1");
            session.getBasicRemote().sendText("subprotocol?");
            assertThat(endpoint.next(kind + " subprotocol")).isEqualTo("subprotocol=echo.v1");
            exchange(session, endpoint, kind + " annotated");
            session.getBasicRemote().sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8)));
            assertThat(endpoint.next(kind + " pong")).isEqualTo("pong are you there");
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye"));
            assertThat(endpoint.closed.get(10, TimeUnit.SECONDS).getReasonPhrase()).isEqualTo("bye");
        }
    }

    @ParameterizedTest
    @EnumSource(NativeServer.Kind.class)
    void programmaticClientSeesTheServersCloseCode(NativeServer.Kind kind) throws Exception {
        try (NativeServer server = NativeServer.start(kind, List.of(NativeEndpoints.Echo.class));
                HalyardClientContainer client = new HalyardClientContainer()) {
            ProgrammaticClient endpoint = new ProgrammaticClient();
            Session session = client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(),
                    URI.create("ws://localhost:" + server.port() + "/echo"));
            assertThat(session.getNegotiatedSubprotocol()).isEmpty();
            exchange(session, endpoint.inbox, kind + " programmatic");
            session.getBasicRemote().sendText("close:4001 done here");
            CloseReason reason = endpoint.inbox.closed.get(10, TimeUnit.SECONDS);
            assertThat(reason.getCloseCode().getCode()).isEqualTo(4001);
            assertThat(reason.getReasonPhrase()).isEqualTo("done here");
            // isOpen() turns false once onClose has returned, and the inbox hears the close from inside onClose
            await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                    .untilAsserted(() -> assertThat(session.isOpen()).isFalse());
        }
    }

    static void exchange(Session session, Inbox inbox, String what) throws Exception {
        for (int size : new int[] {0, 1, 125, 126, 65_535, 65_536, 1 << 20, 16 << 20}) {
            String text = "ü".repeat(size / 2) + "y".repeat(size % 2);
            session.getBasicRemote().sendText(text);
            assertThat(inbox.next(what + " text of " + size + " bytes")).isEqualTo(text);
            byte[] bytes = new byte[size];
            for (int i = 0; i < size; i++) {
                bytes[i] = (byte) (i * 13 + 5);
            }
            session.getAsyncRemote().sendBinary(ByteBuffer.wrap(bytes)).get(30, TimeUnit.SECONDS);
            assertThat(inbox.next(what + " binary of " + size + " bytes")).isEqualTo(ByteBuffer.wrap(bytes));
        }
    }
}
