// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static dev.halyard.websocket.servlet.RawSocket.frame;
import static dev.halyard.websocket.servlet.RawSocket.handshake;
import static dev.halyard.websocket.servlet.RawSocket.text;
import static dev.halyard.websocket.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.session.SessionDefaults;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Peers that stop reading or vanish, over real connections: the server lets go of them, quietly. */
class HostilePeerTest {

    static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

    /**
     * Queues far more than a peer that does not read can take, then closes: the close frame waits
     * behind megabytes that will never be written.
     */
    @ServerEndpoint("/flood")
    public static class Flood {
        @OnMessage
        public void start(String text, Session session) throws IOException {
            String chunk = "x".repeat(64 * 1024);
            for (int i = 0; i < 100; i++) {
                session.getAsyncRemote().sendText(chunk);
            }
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "done"));
        }

        @OnClose
        public void closed(CloseReason reason) {
            EVENTS.add("flood: closed " + reason.getCloseCode().getCode());
        }
    }

    /** No @OnError: what a lost connection logs is Halyard's doing alone. */
    @ServerEndpoint("/quiet")
    public static class Quiet {
        @OnOpen
        public void open(Session session) {
            EVENTS.add("quiet: open");
        }

        @OnClose
        public void closed(CloseReason reason) {
            EVENTS.add("quiet: closed " + reason.getCloseCode().getCode());
        }
    }

    /** Echoes text; records any pong that reaches the application. */
    @ServerEndpoint("/alive")
    public static class Alive {
        @OnMessage
        public String echo(String text) {
            return text;
        }

        @OnMessage
        public void pong(jakarta.websocket.PongMessage pong) {
            EVENTS.add("alive: pong reached the application");
        }

        @OnClose
        public void closed(CloseReason reason) {
            EVENTS.add("alive: closed " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
        }
    }

    /** A chat room: on "go N", sends N messages of 32 KiB to every session, one every 10 ms, asynchronously. */
    @ServerEndpoint("/room")
    public static class Room {
        static final Set<Session> MEMBERS = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @OnOpen
        public void join(Session session) {
            MEMBERS.add(session);
        }

        @OnMessage
        public void text(String text) throws InterruptedException {
            String message = "m".repeat(32 * 1024);
            int count = Integer.parseInt(text.substring(3));
            for (int i = 0; i < count; i++) {
                for (Session member : MEMBERS) {
                    member.getAsyncRemote().sendText(message); // a refusal fails its Future; a chat room drops it
                }
                Thread.sleep(10); // the room's pace: a message every 10 ms
            }
            EVENTS.add("room: sent");
        }

        @OnClose
        public void leave(Session session, CloseReason reason) {
            MEMBERS.remove(session);
            EVENTS.add("room: closed " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
        }
    }

    /** Reports the container's bytes waiting unsent. */
    public static class Unsent extends jakarta.servlet.http.HttpServlet {
        @Override
        protected void doGet(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
                throws IOException {
            dev.halyard.websocket.server.HalyardServerContainer container = (dev.halyard.websocket.server.HalyardServerContainer)
                    request.getServletContext().getAttribute(jakarta.websocket.server.ServerContainer.class.getName());
            response.getWriter().write(String.valueOf(container.sendBudget().reservedBytes()));
        }
    }

    private static long unsent(int port) throws IOException {
        try (InputStream in = new java.net.URL("http://localhost:" + port + "/unsent").openStream()) {
            return Long.parseLong(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void peersThatDoNotReadAreRefusedThenClosedWhileThoseThatReadAreServed(EmbeddedServer.Kind kind) throws Exception {
        EVENTS.clear();
        Room.MEMBERS.clear();
        int messages = 300;
        List<Socket> silent = new java.util.ArrayList<>();
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Room.class), Map.of("halyard.maxSendBacklog", "65536",
                "halyard.maxSendBacklogTotal", "262144", "halyard.blockingSendTimeout", "1000"), null, Map.of("/unsent", new Unsent()))) {
            for (int i = 0; i < 10; i++) {
                silent.add(handshake(server.port(), "/room")); // never read
            }
            List<Socket> readers = List.of(handshake(server.port(), "/room"), handshake(server.port(), "/room"));
            List<java.util.concurrent.Future<Integer>> received = new java.util.ArrayList<>();
            java.util.concurrent.ExecutorService reading = java.util.concurrent.Executors.newFixedThreadPool(2);
            for (Socket reader : readers) {
                received.add(reading.submit(() -> {
                    InputStream in = reader.getInputStream();
                    int texts = 0;
                    for (RawSocket.Frame frame; texts < messages && (frame = RawSocket.Frame.read(in)) != null; ) {
                        if (frame.opcode() == 0x1) {
                            texts++;
                        } else if (frame.opcode() == 0x9) {
                            reader.getOutputStream().write(frame(0xA, frame.payload()));
                        }
                    }
                    return texts;
                }));
            }
            eventually().atMost(Duration.ofSeconds(20)).until(() -> Room.MEMBERS.size() == 12);
            readers.get(0).getOutputStream().write(text("go " + messages));
            for (java.util.concurrent.Future<Integer> count : received) {
                assertThat(count.get(60, TimeUnit.SECONDS)).as("messages each reading peer received").isEqualTo(messages);
            }
            reading.shutdown();
            // Those that did not read were refused for longer than the allowed second, and closed.
            int closed = 0;
            for (int i = 0; i < 10; i++) {
                assertThat(nextEvent("room: closed")).startsWith("room: closed 1006 Asynchronous sends to the peer were refused");
                closed++;
            }
            assertThat(closed).isEqualTo(10);
            eventually().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                    assertThat(unsent(server.port())).as("bytes waiting unsent once those peers are dropped").isZero());
            for (Socket reader : readers) {
                reader.close();
            }
        } finally {
            for (Socket socket : silent) {
                socket.close();
            }
        }
    }

    private static final Map<String, String> FAST_KEEPALIVE = Map.of("halyard.keepAliveInterval", "300",
            "halyard.keepAliveTimeout", "300");

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void aPeerThatDoesNotAnswerTheKeepalivePingIsClosed(EmbeddedServer.Kind kind) throws Exception {
        EVENTS.clear();
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Alive.class), FAST_KEEPALIVE);
                Socket socket = handshake(server.port(), "/alive")) {
            InputStream in = socket.getInputStream();
            RawSocket.Frame ping = RawSocket.Frame.read(in);
            assertThat(ping.opcode()).as("a ping after 300 ms of silence").isEqualTo(0x9);
            assertThat(ping.payload()).hasSize(8);
            RawSocket.Frame close = RawSocket.Frame.read(in); // not answered: the session is closed
            assertThat(close.opcode()).isEqualTo(0x8);
            assertThat(((close.payload()[0] & 0xFF) << 8) | (close.payload()[1] & 0xFF)).isEqualTo(1001);
            assertThat(new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8))
                    .isEqualTo("Keepalive timeout");
            assertThat(in.read()).as("the connection ends").isEqualTo(-1);
            assertThat(nextEvent("alive: closed")).startsWith("alive: closed 1006 The peer did not answer a keepalive ping");
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void aPeerThatAnswersStaysOpenAndTheKeepalivePongsNeverReachTheApplication(EmbeddedServer.Kind kind) throws Exception {
        EVENTS.clear();
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Alive.class), FAST_KEEPALIVE);
                Socket socket = handshake(server.port(), "/alive")) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 5; i++) { // five pings over some 1.5 s, each answered
                RawSocket.Frame ping = RawSocket.Frame.read(in);
                assertThat(ping.opcode()).isEqualTo(0x9);
                out.write(frame(0xA, ping.payload()));
                out.flush();
            }
            out.write(frame(0x1, "still here".getBytes(StandardCharsets.UTF_8)));
            out.flush();
            RawSocket.Frame echo = RawSocket.Frame.read(in);
            while (echo.opcode() == 0x9) { // a ping may come first
                out.write(frame(0xA, echo.payload()));
                echo = RawSocket.Frame.read(in);
            }
            assertThat(new String(echo.payload(), StandardCharsets.UTF_8)).isEqualTo("still here");
            assertThat(EVENTS).as("nothing reached the application's pong handler, and the session is open").isEmpty();
        }
    }

    private static String nextEvent(String prefix) throws InterruptedException {
        return nextEvent(EVENTS, prefix);
    }

    /** The next of {@code events} that starts with {@code prefix}, skipping others, within 30 s. */
    static String nextEvent(BlockingQueue<String> events, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String event = events.poll(1, TimeUnit.SECONDS);
            if (event != null && event.startsWith(prefix)) {
                return event;
            }
        }
        throw new AssertionError("no event starting with " + prefix + " within 30 s");
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void aSessionClosedBehindAPeerThatDoesNotReadReleasesItsSocket(EmbeddedServer.Kind kind) throws Exception {
        EVENTS.clear();
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Flood.class), Map.of());
                Socket socket = handshake(server.port(), "/flood")) {
            socket.getOutputStream().write(text("go"));
            socket.getOutputStream().flush();
            assertThat(nextEvent("flood: closed")).isEqualTo("flood: closed 1000");
            // The peer stalls, reading nothing for longer than the server gives its close frame to be written.
            Thread.sleep(SessionDefaults.CLOSE_HANDSHAKE_TIMEOUT_MILLIS + 1000);
            // Now read: whatever the server had sent arrives, then the end of the connection. A server that
            // kept the socket would leave the reader waiting out its timeout.
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[64 * 1024];
            long drained = 0;
            boolean ended = false;
            try {
                for (int n; (n = in.read(sink)) >= 0; ) {
                    drained += n;
                }
                ended = true;
            } catch (SocketTimeoutException e) {
                throw new AssertionError(kind + " kept the connection of a closed session open (" + drained
                        + " bytes read, then nothing for 10 s)", e);
            } catch (IOException reset) {
                ended = true; // dropped with a reset: released all the same
            }
            assertThat(ended).isTrue();
            assertThat(drained).as("bytes read: less than the 6.25 MiB queued, since the connection was dropped rather than "
                    + "drained once the peer read again").isLessThan(100L * 64 * 1024);
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void aPeerThatVanishesLogsNothingAboveDebug(EmbeddedServer.Kind kind) throws Exception {
        EVENTS.clear();
        List<LogRecord> loud = new CopyOnWriteArrayList<>();
        List<LogRecord> quiet = new CopyOnWriteArrayList<>();
        Logger halyard = Logger.getLogger("dev.halyard");
        Level previous = halyard.getLevel();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLoggerName().endsWith(".ContainerUpgrades") || record.getLoggerName().endsWith(".TomcatUpgrade")) {
                    // the application's start: on Jetty without halyard-jetty-integration (JettyWithoutIntegrationTest),
                    // on Tomcat with halyard-tomcat-integration (the fast path's INFO line)
                    return;
                }
                (record.getLevel().intValue() >= Level.WARNING.intValue() ? loud : quiet).add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        halyard.setLevel(Level.ALL);
        halyard.addHandler(capture);
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Quiet.class), Map.of())) {
            for (int i = 0; i < 20; i++) {
                Socket socket = handshake(server.port(), "/quiet");
                assertThat(nextEvent("quiet: open")).isEqualTo("quiet: open");
                socket.getOutputStream().write(new byte[] {(byte) 0x81, (byte) 0x85, 0, 0, 0, 0}); // half a frame
                socket.setSoLinger(true, 0); // vanish: a reset, no close frame
                socket.close();
                assertThat(nextEvent("quiet: closed")).isEqualTo("quiet: closed 1006");
            }
        } finally {
            halyard.removeHandler(capture);
            halyard.setLevel(previous);
        }
        assertThat(loud).as("records at WARNING or above for 20 vanished peers").extracting(LogRecord::getMessage).isEmpty();
        // At DEBUG, three lines per session: opened, closed (by whom, with what), and the lost connection's error with its
        // stack trace; finer levels are for tracing.
        assertThat(quiet.stream().filter(record -> record.getLevel().intValue() >= Level.FINE.intValue()).count())
                .as("DEBUG records for 20 vanished peers").isLessThanOrEqualTo(3 * 20);
    }
}
