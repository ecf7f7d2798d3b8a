// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static dev.halyard.websocket.servlet.RawSocket.handshake;
import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.client.HalyardClientContainer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Halyard's Flight Recorder events, recorded in this JVM while real connections are made, refused,
 * broken and closed, then read back from the recording file with their fields.
 */
class FlightRecorderEventsTest {

    static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();
    private static final String[] NAMES = {"Handshake", "SessionOpen", "SessionClose", "SlowSend", "SendBacklog", "ProtocolError"};

    /** Echoes with a blocking send; on "flood", sends asynchronously to a peer that reads nothing until a send is refused. */
    @ServerEndpoint("/diag")
    public static class Diag {
        @OnMessage
        public void text(String text, Session session) throws IOException {
            if (text.equals("flood")) {
                flood(session);
            } else {
                session.getBasicRemote().sendText(text);
            }
        }

        private static void flood(Session session) {
            String chunk = "x".repeat(64 * 1024);
            for (int i = 0; i < 2000; i++) { // 125 MiB at most: far more than the socket's buffers take
                Future<Void> sent = session.getAsyncRemote().sendText(chunk);
                if (sent.isDone()) {
                    try {
                        sent.get();
                    } catch (ExecutionException | InterruptedException refused) {
                        break; // the backlog is full: the 1 MiB limit
                    }
                }
            }
            EVENTS.add("flooded");
        }

        @OnClose
        public void closed(CloseReason reason) {
            EVENTS.add("closed " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
        }
    }

    private static Recording startRecording() {
        Recording recording = new Recording();
        for (String name : NAMES) {
            recording.enable("dev.halyard.websocket." + name).withThreshold(Duration.ZERO);
        }
        recording.start();
        return recording;
    }

    private static List<RecordedEvent> stopAndRead(Recording recording) throws IOException {
        recording.stop();
        Path file = Files.createTempFile("halyard", ".jfr");
        try {
            recording.dump(file);
            return RecordingFile.readAllEvents(file);
        } finally {
            recording.close();
            Files.delete(file);
        }
    }

    /**
     * One recording for both containers: on JDK 17.0.15, a string one recording wrote can read back
     * as null from a later recording in the same JVM (seen when another thread commits it again), so
     * the two containers share one.
     */
    @Test
    void handshakesSessionsProtocolErrorsAndSlowSendsAreRecordedWithTheirFields() throws Exception {
        EVENTS.clear();
        Recording recording = startRecording();
        List<RecordedEvent> events;
        try {
            for (EmbeddedServer.Kind kind : EmbeddedServer.Kind.values()) {
                connectRefuseBreakAndClose(kind);
            }
        } finally {
            events = stopAndRead(recording);
        }
        int containers = EmbeddedServer.Kind.values().length;
        String diag = Diag.class.getName();

        List<RecordedEvent> handshakes = named(events, "Handshake");
        assertThat(handshakes).as("handshakes").filteredOn(event -> event.getInt("status") == 404).hasSize(containers)
                .allSatisfy(event -> {
                    assertFields(event, "/nothing", 404, "none");
                    assertThat(event.getString("reason")).contains("No endpoint");
                });
        assertThat(handshakes).filteredOn(event -> event.getInt("status") == 403).hasSize(containers).allSatisfy(event -> {
            assertFields(event, "/diag", 403, diag);
            assertThat(event.getString("reason")).isEqualTo("Origin https://evil.example is not in halyard.allowedOrigins");
        });
        assertThat(handshakes).filteredOn(event -> event.getInt("status") == 426).hasSize(containers).allSatisfy(event -> {
            assertFields(event, "/diag", 426, diag);
            assertThat(event.getString("reason")).contains("version 13");
        });
        assertThat(handshakes).filteredOn(event -> event.getInt("status") == 101).hasSize(3 * containers).allSatisfy(event -> {
            assertFields(event, "/diag", 101, diag);
            assertThat(event.getString("reason")).isEmpty();
            assertThat(event.getBoolean("client")).isFalse();
            assertThat(event.getDuration()).isPositive();
        });

        List<RecordedEvent> opened = named(events, "SessionOpen");
        assertThat(opened).hasSize(3 * containers).allSatisfy(event -> {
            assertThat(event.getString("path")).isEqualTo("/diag");
            assertThat(event.getString("sessionId")).hasSize(32);
            assertThat(event.getString("subprotocol")).isEmpty();
            assertThat(event.getString("extensions")).isEmpty();
        });

        List<RecordedEvent> closed = named(events, "SessionClose");
        assertThat(closed).hasSize(3 * containers).allSatisfy(event -> {
            assertThat(event.getString("path")).isEqualTo("/diag");
            assertThat(event.getDuration("lifetime")).isPositive();
            assertThat(opened).as("an open event for the same session")
                    .anyMatch(open -> open.getString("sessionId").equals(event.getString("sessionId")));
        });
        List<RecordedEvent> byPeer = closed.stream().filter(event -> event.getInt("code") == 1000).toList();
        assertThat(byPeer).hasSize(containers).allSatisfy(event -> {
            assertThat(event.getString("reason")).isEqualTo("bye");
            assertThat(event.getString("closedBy")).isEqualTo("peer");
        });
        List<RecordedEvent> afterError = closed.stream().filter(event -> event.getInt("code") == 1002).toList();
        assertThat(afterError).hasSize(containers).allSatisfy(event -> assertThat(event.getString("closedBy")).isEqualTo("container"));
        assertThat(closed).filteredOn(event -> event.getInt("code") == 1006).hasSize(containers)
                .allSatisfy(event -> assertThat(event.getString("closedBy")).isEqualTo("connection lost"));

        assertThat(named(events, "ProtocolError")).hasSize(containers).allSatisfy(error -> {
            assertThat(afterError).as("the session closed after it")
                    .anyMatch(close -> close.getString("sessionId").equals(error.getString("sessionId")));
            assertThat(error.getString("path")).isEqualTo("/diag");
            assertThat(error.getInt("code")).isEqualTo(1002);
            assertThat(error.getString("reason")).startsWith("Unmasked frame from a client");
        });

        List<RecordedEvent> slow = named(events, "SlowSend");
        for (RecordedEvent echoed : byPeer) {
            assertThat(slow).as("blocking sends, all recorded at threshold 0").anySatisfy(event -> {
                assertThat(event.getString("sessionId")).isEqualTo(echoed.getString("sessionId"));
                assertThat(event.getString("path")).isEqualTo("/diag");
                assertThat(event.getString("outcome")).isEqualTo("written");
                assertThat(event.getDuration()).isPositive();
            });
        }

        assertThat(named(events, "SendBacklog")).as("the flooded sessions' backlogs").hasSizeGreaterThanOrEqualTo(containers)
                .allSatisfy(event -> {
                    assertThat(event.getString("path")).isEqualTo("/diag");
                    assertThat(event.getLong("bytesWaiting")).as("recorded as it crossed 256 KiB, with a message of 64 KiB")
                            .isBetween(256L * 1024, (256L + 64) * 1024);
                    assertThat(event.getLong("limit")).isEqualTo(1024L * 1024);
                });
    }

    /** Refused handshakes (404, 403, 426), then three sessions: closed by the client, broken by it, and flooded. */
    private static void connectRefuseBreakAndClose(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Diag.class),
                Map.of("halyard.allowedOrigins", "https://good.example"))) {
            int port = server.port();
            assertThat(RawHttp.request(port, "/nothing", RawHttp.handshake("Content-Length: 0"))).startsWith("HTTP/1.1 404");
            assertThat(RawHttp.request(port, "/diag", RawHttp.handshake("Content-Length: 0", "Origin: https://evil.example")))
                    .startsWith("HTTP/1.1 403");
            assertThat(RawHttp.request(port, "/diag", "Upgrade: websocket", "Connection: Upgrade",
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 8", "Content-Length: 0"))
                    .startsWith("HTTP/1.1 426");

            try (Socket socket = handshake(port, "/diag")) { // echoed, then closed by the client with 1000 "bye"
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write(RawSocket.text("hello"));
                assertThat(new String(RawSocket.Frame.read(in).payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
                out.write(RawSocket.frame(0x8, closePayload(1000, "bye")));
                assertThat(RawSocket.Frame.read(in).opcode()).isEqualTo(0x8);
                assertThat(next("closed")).as(kind + ": onClose, told after the close event").isEqualTo("closed 1000 bye");
            }
            try (Socket socket = handshake(port, "/diag")) { // an unmasked frame from a client: 1002
                socket.getOutputStream().write(new byte[] {(byte) 0x81, 0x02, 'h', 'i'});
                RawSocket.Frame close = RawSocket.Frame.read(socket.getInputStream());
                assertThat(close.opcode()).isEqualTo(0x8);
                assertThat(((close.payload()[0] & 0xFF) << 8) | (close.payload()[1] & 0xFF)).isEqualTo(1002);
                assertThat(next("closed")).startsWith("closed 1002 Unmasked frame");
            }
            try (Socket socket = handshake(port, "/diag")) { // a peer that reads nothing while the server floods it
                socket.getOutputStream().write(RawSocket.text("flood"));
                assertThat(next("flooded")).isEqualTo("flooded");
                socket.setSoLinger(true, 0); // then vanishes
            }
            assertThat(next("closed")).startsWith("closed 1006");
        }
    }

    @Test
    void theClientsHandshakesAreRecordedAcceptedAndRefused() throws Exception {
        Recording recording = startRecording();
        List<RecordedEvent> events;
        try (EmbeddedServer server = EmbeddedServer.start(EmbeddedServer.Kind.TOMCAT, Set.of(Diag.class), Map.of());
                HalyardClientContainer client = new HalyardClientContainer()) {
            Session session = client.connectToServer(new Quiet(), ClientEndpointConfig.Builder.create().build(),
                    URI.create("ws://localhost:" + server.port() + "/diag"));
            session.close();
            Assertions.assertThatThrownBy(() -> client.connectToServer(new Quiet(), ClientEndpointConfig.Builder.create().build(),
                    URI.create("ws://localhost:" + server.port() + "/nothing"))).isInstanceOf(DeploymentException.class);
        } finally {
            events = stopAndRead(recording);
        }
        List<RecordedEvent> handshakes = named(events, "Handshake").stream().filter(event -> event.getBoolean("client")).toList();
        assertThat(handshakes).hasSize(2);
        assertFields(only(handshakes, event -> event.getInt("status") == 101), "/diag", 101, Quiet.class.getName());
        RecordedEvent refused = only(handshakes, event -> event.getInt("status") == 404);
        assertFields(refused, "/nothing", 404, Quiet.class.getName());
        assertThat(refused.getString("reason")).contains("404");
    }

    public static class Quiet extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    private static void assertFields(RecordedEvent event, String path, int status, String endpoint) {
        assertThat(event.getString("path")).isEqualTo(path);
        assertThat(event.getInt("status")).isEqualTo(status);
        assertThat(event.getString("endpoint")).isEqualTo(endpoint);
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(event -> event.getEventType().getName().equals("dev.halyard.websocket." + name)).toList();
    }

    private static RecordedEvent only(List<RecordedEvent> events, Predicate<RecordedEvent> which) {
        List<RecordedEvent> matching = events.stream().filter(which).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    private static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array();
    }

    private static String next(String prefix) throws InterruptedException {
        return HostilePeerTest.nextEvent(EVENTS, prefix);
    }
}
