// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static dev.halyard.websocket.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.client.HalyardClientContainer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Halyard on Tomcat through halyard-tomcat-integration: sessions run over Tomcat's socket, not
 * its servlet streams, with and without Tomcat's asynchronous I/O, and every connection Tomcat
 * counts is given back however the session ends.
 */
class TomcatFastPathTest {

    /** Answers with the transport its session runs over, and echoes binary messages. */
    @ServerEndpoint("/transport")
    public static class TransportReport {
        static final AtomicInteger CLOSED = new AtomicInteger();

        @OnMessage
        public String text(String ignored, Session session) {
            return session.toString();
        }

        @OnMessage(maxMessageSize = 32 * 1024 * 1024)
        public ByteBuffer binary(ByteBuffer data) {
            return data;
        }

        @OnClose
        public void closed() {
            CLOSED.incrementAndGet();
        }
    }

    @ParameterizedTest(name = "useAsyncIO={0}")
    @ValueSource(strings = {"true", "false"})
    void sessionsRunOverTomcatsSocketAndEchoLargeMessages(String useAsyncIO) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.startTomcat(Set.of(TransportReport.class), Map.of("useAsyncIO", useAsyncIO));
                HalyardClientContainer client = new HalyardClientContainer()) {
            ClientMessages.Annotated endpoint = new ClientMessages.Annotated();
            Session session = client.connectToServer(endpoint, URI.create("ws://localhost:" + server.port() + "/transport"));
            session.getBasicRemote().sendText("which transport?");
            assertThat((String) endpoint.next("the transport")).contains("TomcatTransport[open");
            // With asynchronous I/O, Tomcat's buffers are trimmed once drained, and from then on the read loop reads
            // the channel itself and waits on Halyard's selector: this second message came that way.
            session.getBasicRemote().sendText("and now?");
            String now = (String) endpoint.next("the transport, again");
            if (useAsyncIO.equals("true")) {
                assertThat(now).contains("read directly");
                assertThat(selectorThreads()).isNotEmpty();
            } else {
                assertThat(now).doesNotContain("read directly");
            }

            // 8 MiB, more than the socket takes at once: writes complete later, from Tomcat's events. Read
            // directly, the server writes the channel itself until its send buffer is full, and Tomcat's
            // gathering write the rest; the small answer queued behind them comes after them, whole.
            byte[] data = new byte[8 << 20];
            new Random(20).nextBytes(data);
            for (int i = 0; i < 3; i++) {
                session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
            }
            session.getBasicRemote().sendText("and after those?");
            for (int i = 0; i < 3; i++) {
                ByteBuffer echoed = (ByteBuffer) endpoint.next("echo " + i);
                assertThat(echoed).isEqualTo(ByteBuffer.wrap(data));
            }
            assertThat((String) endpoint.next("the transport, after the echoes")).contains("TomcatTransport[open");
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "done"));
            assertThat(endpoint.closed.get(10, TimeUnit.SECONDS).getCloseCode()).isEqualTo(CloseReason.CloseCodes.NORMAL_CLOSURE);
            eventually().until(server::openConnections, open -> open == 0);
        }
    }

    @Test
    void theSelectorThreadEndsAfterTheLastConnection() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.startTomcat(Set.of(TransportReport.class), Map.of());
                HalyardClientContainer client = new HalyardClientContainer()) {
            for (int i = 0; i < 3; i++) {
                ClientMessages.Annotated endpoint = new ClientMessages.Annotated();
                Session session = client.connectToServer(endpoint, URI.create("ws://localhost:" + server.port() + "/transport"));
                for (int j = 0; j < 2; j++) {
                    session.getBasicRemote().sendText("which transport?");
                    endpoint.next("the transport");
                }
                assertThat(selectorThreads()).hasSize(1);
                session.close();
                eventually().until(server::openConnections, open -> open == 0);
            }
        }
        // No connection of this JVM is read directly any more: the thread lingers a moment, then ends.
        eventually().until(TomcatFastPathTest::selectorThreads, List::isEmpty);
    }

    private static List<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("halyard-tomcat-selector") && thread.isAlive()).toList();
    }

    @Test
    void framesSentWithTheHandshakeAreReadFirst() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.startTomcat(Set.of(Endpoints.Echo.class), Map.of());
                Socket socket = new Socket("localhost", server.port())) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET /echo HTTP/1.1\r\nHost: localhost\r\n");
            for (String header : RawHttp.handshake()) {
                request.append(header).append("\r\n");
            }
            // One write: Tomcat reads the first frames with the request and must hand them over.
            OutputStream out = socket.getOutputStream();
            out.write(concat(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1), RawSocket.text("first"),
                    RawSocket.text("second")));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(RawHttp.readHead(in)).startsWith("HTTP/1.1 101");
            assertThat(new String(RawSocket.Frame.read(in).payload(), StandardCharsets.UTF_8)).isEqualTo("first");
            assertThat(new String(RawSocket.Frame.read(in).payload(), StandardCharsets.UTF_8)).isEqualTo("second");
        }
    }

    @Test
    void peersThatVanishGiveTheirConnectionsBack() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.startTomcat(Set.of(TransportReport.class), Map.of())) {
            int before = TransportReport.CLOSED.get();
            for (int i = 0; i < 20; i++) {
                Socket socket = RawSocket.handshake(server.port(), "/transport");
                if (i % 2 == 0) {
                    socket.getOutputStream().write(RawSocket.frame(0x2, new byte[1000])); // one message, then gone
                }
                socket.setSoLinger(true, 0); // a reset, as a vanished peer's host answers
                socket.close();
            }
            eventually().until(server::openConnections, open -> open == 0);
            eventually().until(() -> TransportReport.CLOSED.get() - before, closed -> closed == 20);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(part -> part.length).sum());
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }
}
