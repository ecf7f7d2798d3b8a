// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static dev.halyard.websocket.servlet.RawSocket.frame;
import static dev.halyard.websocket.servlet.RawSocket.handshake;
import static dev.halyard.websocket.servlet.RawSocket.text;
import static dev.halyard.websocket.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.halyard.websocket.client.HalyardClientContainer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MBeans over real connections: what they count is what the test did, their session list shows
 * a peer that stopped reading, their operation closes a session, and they come and go with the
 * application and the client's connections.
 */
class ManagementTest {

    private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();
    static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

    @ServerEndpoint("/jmx/echo")
    public static class Echo {
        @OnMessage
        public String text(String text) {
            return text;
        }

        @OnMessage
        public ByteBuffer binary(ByteBuffer data) {
            return data;
        }
    }

    /** On any text, sends 64 KiB binary messages asynchronously until one is refused (the peer does not read). */
    @ServerEndpoint("/jmx/flood")
    public static class Flood {
        @OnMessage
        public void start(String text, Session session) throws InterruptedException {
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            for (int i = 0; i < 10_000; i++) {
                Future<Void> sent = session.getAsyncRemote().sendBinary(chunk.duplicate());
                if (sent.isDone()) {
                    try {
                        sent.get();
                    } catch (ExecutionException refused) {
                        EVENTS.add("flood: refused");
                        return;
                    }
                }
            }
            EVENTS.add("flood: never refused");
        }

        @OnClose
        public void closed(CloseReason reason) {
            EVENTS.add("flood: closed " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void theEndpointAndContainerCountWhatTheirSessionsDidAndTheHandshakesRefused(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Echo.class), Map.of())) {
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    Socket socket = handshake(server.port(), "/jmx/echo");
                    sockets.add(socket);
                    assertThat(exchange(socket, text("hello")).payload()).isEqualTo(bytes("hello"));
                    if (i < 5) {
                        assertThat(exchange(socket, frame(0x2, new byte[] {1, 2, 3})).payload()).containsExactly(1, 2, 3);
                    }
                }
                // One text message in two frames: the continuation counts as text.
                OutputStream out = sockets.get(9).getOutputStream();
                out.write(frame(0x1, false, bytes("frag")));
                RawSocket.Frame whole = exchange(sockets.get(9), frame(0x0, true, bytes("ment")));
                assertThat(whole.opcode()).isEqualTo(0x1);
                assertThat(whole.payload()).isEqualTo(bytes("fragment"));
                for (int i = 0; i < 6; i++) {
                    int code = i < 4 ? 1001 : 1008;
                    RawSocket.Frame echoed = exchange(sockets.get(i), frame(0x8, new byte[] {(byte) (code >> 8), (byte) code}));
                    assertThat(echoed.opcode()).isEqualTo(0x8);
                    assertThat(sockets.get(i).getInputStream().read()).as("the server drops the connection").isEqualTo(-1);
                }
                assertThat(RawHttp.request(server.port(), "/jmx/none", RawHttp.handshake("Content-Length: 0"))).startsWith("HTTP/1.1 404");
                assertThat(RawHttp.request(server.port(), "/jmx/echo", "Upgrade: websocket", "Connection: Upgrade",
                        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 8", "Content-Length: 0"))
                        .startsWith("HTTP/1.1 426");

                ObjectName endpoint = only("dev.halyard.websocket:type=Endpoint,path=\"/jmx/echo\",*");
                eventually().until(() -> (Long) MBEANS.getAttribute(endpoint, "SessionsClosed") == 6);
                assertThat(endpoint.getKeyProperty("context")).isEqualTo("\"/\"");
                Map<String, Object> expected = new TreeMap<>();
                expected.put("SessionsOpened", 10L);
                expected.put("SessionsClosed", 6L);
                expected.put("OpenSessions", 4L);
                expected.put("TextMessagesIn", 11L);
                expected.put("TextBytesIn", 58L);
                expected.put("TextMessagesOut", 11L);
                expected.put("TextBytesOut", 58L);
                expected.put("BinaryMessagesIn", 5L);
                expected.put("BinaryBytesIn", 15L);
                expected.put("BinaryMessagesOut", 5L);
                expected.put("BinaryBytesOut", 15L);
                expected.put("ControlFramesIn", 6L);
                expected.put("ControlBytesIn", 12L);
                expected.put("ControlFramesOut", 6L);
                expected.put("ControlBytesOut", 12L);
                expected.put("BytesUnsent", 0L);
                expected.put("SendFailures", 0L);
                expected.put("SendTimeouts", 0L);
                expected.put("EndpointClass", Echo.class.getName());
                expected.put("Path", "/jmx/echo");
                Map<String, Object> actual = new TreeMap<>();
                for (String attribute : expected.keySet()) {
                    actual.put(attribute, MBEANS.getAttribute(endpoint, attribute));
                }
                assertThat(actual).as(kind + " " + endpoint).isEqualTo(expected);
                assertThat(byCode(endpoint, "ClosesByCode")).isEqualTo(Map.of(1001, 4L, 1008, 2L));
                assertThat(byCode(endpoint, "ProtocolErrorsByCode")).isEmpty();
                assertThat((CompositeData[]) MBEANS.invoke(endpoint, "listSessions", null, null)).hasSize(4);

                String instance = endpoint.getKeyProperty("instance");
                ObjectName container = new ObjectName("dev.halyard.websocket:type=ServerContainer,context=" + endpoint.getKeyProperty("context")
                        + (instance == null ? "" : ",instance=" + instance));
                assertThat((String[]) MBEANS.getAttribute(container, "EndpointPaths")).containsExactly("/jmx/echo");
                assertThat(MBEANS.getAttribute(container, "SessionsOpened")).isEqualTo(10L);
                assertThat(MBEANS.getAttribute(container, "TextBytesIn")).isEqualTo(58L);
                assertThat(byCode(container, "ClosesByCode")).isEqualTo(Map.of(1001, 4L, 1008, 2L));
                assertThat(byCode(container, "RefusedHandshakes")).isEqualTo(Map.of(404, 1L, 426, 1L));
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
        assertThat(MBEANS.queryNames(new ObjectName("dev.halyard.websocket:type=Endpoint,path=\"/jmx/echo\",*"), null))
                .as("unregistered as the application stopped").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void aPeerThatStopsReadingIsListedWithItsUnsentBytesAndTheOperationClosesItWithTheCodeGiven(EmbeddedServer.Kind kind)
            throws Exception {
        EVENTS.clear();
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Flood.class), Map.of());
                Socket socket = handshake(server.port(), "/jmx/flood")) {
            socket.getOutputStream().write(text("go"));
            assertThat(EVENTS.poll(30, TimeUnit.SECONDS)).isEqualTo("flood: refused");

            ObjectName endpoint = only("dev.halyard.websocket:type=Endpoint,path=\"/jmx/flood\",*");
            CompositeData[] sessions = (CompositeData[]) MBEANS.invoke(endpoint, "listSessions", null, null);
            assertThat(sessions).hasSize(1);
            CompositeData stuck = sessions[0];
            assertThat((Long) stuck.get("bytesUnsent")).as(kind + ": " + stuck).isPositive();
            assertThat((String) stuck.get("remoteAddress")).endsWith(":" + socket.getLocalPort());
            assertThat((Long) stuck.get("ageMillis")).isNotNegative();
            assertThat(stuck.get("subprotocol")).isEqualTo("");
            assertThat((Long) MBEANS.getAttribute(endpoint, "BytesUnsent")).isEqualTo(stuck.get("bytesUnsent"));
            assertThat((Long) MBEANS.getAttribute(endpoint, "LargestBacklog")).isGreaterThanOrEqualTo((Long) stuck.get("bytesUnsent"));
            assertThat((Long) MBEANS.getAttribute(endpoint, "SendFailures")).isEqualTo(1L);

            String[] signature = {String.class.getName(), int.class.getName(), String.class.getName()};
            String id = (String) stuck.get("id");
            assertThatThrownBy(() -> MBEANS.invoke(endpoint, "closeSession", new Object[] {id, 1006, "no"}, signature))
                    .rootCause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1006");
            assertThatThrownBy(() -> MBEANS.invoke(endpoint, "closeSession", new Object[] {"nobody", 4000, "no"}, signature))
                    .rootCause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nobody");
            MBEANS.invoke(endpoint, "closeSession", new Object[] {id, 4000, "operator"}, signature);
            assertThat(EVENTS.poll(30, TimeUnit.SECONDS)).isEqualTo("flood: closed 4000 operator");

            // The peer reads again: behind the data queued before it, the close frame carries the code.
            InputStream in = socket.getInputStream();
            RawSocket.Frame next = RawSocket.Frame.read(in);
            while (next.opcode() == 0x2) {
                next = RawSocket.Frame.read(in);
            }
            assertThat(next.opcode()).isEqualTo(0x8);
            assertThat(((next.payload()[0] & 0xFF) << 8) | (next.payload()[1] & 0xFF)).isEqualTo(4000);
            eventually().until(() -> byCode(endpoint, "ClosesByCode").equals(Map.of(4000, 1L)));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.halyard.websocket.servlet.EmbeddedServer#forAnyClient")
    void aClientContainerHasAnMBeanWhileItHasConnections(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Echo.class), Map.of());
                HalyardClientContainer client = new HalyardClientContainer()) {
            ObjectName name = new ObjectName("dev.halyard.websocket:type=ClientContainer,id=" + client.id());
            assertThat(MBEANS.isRegistered(name)).as("no connection yet").isFalse();
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            Endpoint endpoint = new Endpoint() {
                @Override
                public void onOpen(Session session, EndpointConfig config) {
                    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
                }
            };
            URI uri = URI.create("ws://localhost:" + server.port() + "/jmx/echo");
            Session first = client.connectToServer(endpoint, jakarta.websocket.ClientEndpointConfig.Builder.create().build(), uri);
            Session second = client.connectToServer(endpoint, jakarta.websocket.ClientEndpointConfig.Builder.create().build(), uri);
            first.getBasicRemote().sendText("one");
            second.getBasicRemote().sendText("two");
            assertThat(List.of(received.poll(10, TimeUnit.SECONDS), received.poll(10, TimeUnit.SECONDS))).containsExactlyInAnyOrder("one", "two");
            first.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "done"));

            assertThat(MBEANS.getAttribute(name, "Id")).isEqualTo(client.id());
            assertThat(MBEANS.getAttribute(name, "SessionsOpened")).isEqualTo(2L);
            assertThat(MBEANS.getAttribute(name, "OpenSessions")).isEqualTo(1L);
            assertThat(byCode(name, "ClosesByCode")).isEqualTo(Map.of(1000, 1L));
            assertThat(MBEANS.getAttribute(name, "TextMessagesOut")).isEqualTo(2L);
            assertThat(MBEANS.getAttribute(name, "TextBytesOut")).isEqualTo(6L);
            eventually().until(() -> (Long) MBEANS.getAttribute(name, "TextMessagesIn") == 2L);

            client.close();
            eventually().until(() -> !MBEANS.isRegistered(name));
        }
    }

    @Test
    void deployingAndUndeployingAnApplication20TimesLeavesNoMBeanBehind() throws Exception {
        Set<ObjectName> before = MBEANS.queryNames(new ObjectName("dev.halyard.websocket:*"), null);
        ObjectName endpoint = new ObjectName("dev.halyard.websocket:type=Endpoint,context=\"/redeploy\",path=\"/jmx/echo\"");
        Tomcat tomcat = new Tomcat();
        String base = Files.createTempDirectory("halyard-redeploy").toString();
        tomcat.setBaseDir(base);
        tomcat.setPort(0);
        tomcat.getConnector();
        tomcat.start();
        try {
            for (int i = 0; i < 20; i++) {
                StandardContext context = new StandardContext();
                context.setName("/redeploy");
                context.setPath("/redeploy");
                context.setDocBase(base);
                context.addLifecycleListener(new Tomcat.FixContextListener());
                context.addServletContainerInitializer(new HalyardServletContainerInitializer(), Set.of(Echo.class));
                Tomcat.addServlet(context, "default", new EmbeddedServer.NotFound());
                context.addServletMappingDecoded("/", "default");
                tomcat.getHost().addChild(context); // the started host starts it
                assertThat(MBEANS.isRegistered(endpoint)).as("deployment " + i).isTrue();
                try (Socket socket = handshake(tomcat.getConnector().getLocalPort(), "/redeploy/jmx/echo")) {
                    assertThat(exchange(socket, text("hello")).payload()).isEqualTo(bytes("hello"));
                    assertThat(MBEANS.getAttribute(endpoint, "OpenSessions")).isEqualTo(1L);
                    tomcat.getHost().removeChild(context); // undeployed with the session open
                }
                assertThat(MBEANS.queryNames(new ObjectName("dev.halyard.websocket:*"), null)).as("after undeployment " + i)
                        .isEqualTo(before);
            }
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    /** Writes {@code frame} and reads the server's answer. */
    private static RawSocket.Frame exchange(Socket socket, byte[] frame) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(frame);
        out.flush();
        return RawSocket.Frame.read(socket.getInputStream());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectName only(String pattern) throws Exception {
        Set<ObjectName> names = MBEANS.queryNames(new ObjectName(pattern), null);
        assertThat(names).as(pattern).hasSize(1);
        return names.iterator().next();
    }

    /** An MXBean's {@code Map<Integer, Long>} attribute, which comes as TabularData. */
    private static Map<Integer, Long> byCode(ObjectName name, String attribute) throws Exception {
        Map<Integer, Long> map = new TreeMap<>();
        for (Object row : ((TabularData) MBEANS.getAttribute(name, attribute)).values()) {
            CompositeData entry = (CompositeData) row;
            map.put((Integer) entry.get("key"), (Long) entry.get("value"));
        }
        return map;
    }
}
