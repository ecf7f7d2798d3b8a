// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static dev.halyard.websocket.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.halyard.websocket.client.ClientSettings;
import dev.halyard.websocket.client.HalyardClientContainer;
import dev.halyard.websocket.client.HandshakeException;
import dev.halyard.websocket.client.TestCertificate;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Halyard's client against Halyard's server, on Tomcat and on Jetty. */
class HalyardClientTest {

    @ParameterizedTest
    @MethodSource("dev.halyard.websocket.servlet.EmbeddedServer#forAnyClient")
    void annotatedClientEchoesTextAndBinaryUpTo16MiB(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Echo.class), Map.of());
                HalyardClientContainer client = new HalyardClientContainer()) {
            ClientMessages.Annotated endpoint = new ClientMessages.Annotated();
            Session session = client.connectToServer(endpoint, URI.create("ws://localhost:" + server.port() + "/echo?a=1&b=x%20y"));
            assertThat(session.getRequestParameterMap()).containsEntry("b", List.of("x y"));
            assertThat(session.getQueryString()).isEqualTo("a=1&b=x%20y");
            assertThat(session.isSecure()).isFalse();
            exchange(session, endpoint, kind + " annotated");
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "done"));
            assertThat(endpoint.closed.get(10, TimeUnit.SECONDS).getReasonPhrase()).isEqualTo("done");
            assertThat(endpoint.errors).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.halyard.websocket.servlet.EmbeddedServer#forAnyClient")
    void programmaticClientThroughContainerProvider(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Echo.class), Map.of())) {
            jakarta.websocket.WebSocketContainer container = ContainerProvider.getWebSocketContainer();
            assertThat(container).isInstanceOf(HalyardClientContainer.class);
            ClientMessages.Programmatic endpoint = new ClientMessages.Programmatic();
            Session session = container.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(),
                    URI.create("ws://localhost:" + server.port() + "/echo"));
            exchange(session, endpoint.inbox, kind + " programmatic");
            session.close();
            assertThat(endpoint.inbox.closed.get(10, TimeUnit.SECONDS).getCloseCode()).isEqualTo(CloseReason.CloseCodes.NORMAL_CLOSURE);
            ((HalyardClientContainer) container).close();
        }
    }

    /** Decodes text into a Reader of its own making, marked so the test can tell it was used. */
    public static class MarkingReaderDecoder implements jakarta.websocket.Decoder.Text<java.io.Reader> {
        @Override
        public java.io.Reader decode(String text) {
            return new java.io.StringReader("decoded:" + text);
        }

        @Override
        public boolean willDecode(String text) {
            return true;
        }
    }

    /** Decodes binary into an InputStream that starts with a marker byte. */
    public static class MarkingStreamDecoder implements jakarta.websocket.Decoder.Binary<java.io.InputStream> {
        @Override
        public java.io.InputStream decode(ByteBuffer bytes) {
            byte[] marked = new byte[bytes.remaining() + 1];
            marked[0] = '#';
            bytes.get(marked, 1, bytes.remaining());
            return new java.io.ByteArrayInputStream(marked);
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            return true;
        }
    }

    /** Registers Reader and InputStream handlers while its annotation configures decoders for both types. */
    @jakarta.websocket.ClientEndpoint(decoders = {MarkingReaderDecoder.class, MarkingStreamDecoder.class})
    public static class DecodingStreams extends ClientMessages.Inbox {
        @jakarta.websocket.OnOpen
        public void open(Session session) {
            session.addMessageHandler(java.io.Reader.class, (jakarta.websocket.MessageHandler.Whole<java.io.Reader>) reader -> {
                try (reader) {
                    java.io.StringWriter text = new java.io.StringWriter();
                    reader.transferTo(text);
                    messages.add(text.toString());
                } catch (IOException e) {
                    errors.add(e);
                }
            });
            session.addMessageHandler(java.io.InputStream.class,
                    (jakarta.websocket.MessageHandler.Whole<java.io.InputStream>) stream -> {
                        try (stream) {
                            messages.add(new String(stream.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                        } catch (IOException e) {
                            errors.add(e);
                        }
                    });
        }
    }

    @ParameterizedTest
    @MethodSource("dev.halyard.websocket.servlet.EmbeddedServer#forAnyClient")
    void configuredDecodersForReaderAndInputStreamWinOverBuiltInStreams(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Echo.class), Map.of());
                HalyardClientContainer client = new HalyardClientContainer()) {
            DecodingStreams endpoint = new DecodingStreams();
            Session session = client.connectToServer(endpoint, URI.create("ws://localhost:" + server.port() + "/echo"));
            session.getBasicRemote().sendText("hello");
            assertThat(endpoint.next("decoded text")).isEqualTo("decoded:hello");
            session.getBasicRemote().sendBinary(ByteBuffer.wrap("bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(endpoint.next("decoded binary")).isEqualTo("#bytes");
            session.close();
            assertThat(endpoint.errors).isEmpty();
        }
    }

    /** Echo behind the secured server's BASIC constraint (/secure/*). */
    @jakarta.websocket.server.ServerEndpoint("/secure/echo")
    public static class SecureEcho {
        @jakarta.websocket.OnMessage
        public String text(String text, Session session) {
            return session.getUserPrincipal().getName() + ": " + text;
        }
    }

    /** Relays each message through a client session its own container opens to /echo. */
    @jakarta.websocket.server.ServerEndpoint("/relay")
    public static class Relay {
        @jakarta.websocket.OnMessage
        public String text(String text, Session session) throws Exception {
            URI echo = URI.create("ws://localhost:" + session.getRequestURI().getPort() + "/echo");
            ClientMessages.Programmatic upstream = new ClientMessages.Programmatic();
            try (Session relayed = session.getContainer().connectToServer(upstream, ClientEndpointConfig.Builder.create().build(), echo)) {
                relayed.getBasicRemote().sendText("relayed " + text);
                return (String) upstream.inbox.next("the relayed echo");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.halyard.websocket.servlet.EmbeddedServer#forAnyClient")
    void aServerEndpointConnectsThroughItsOwnContainer(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Echo.class, Relay.class), Map.of());
                HalyardClientContainer client = new HalyardClientContainer()) {
            ClientMessages.Programmatic endpoint = new ClientMessages.Programmatic();
            Session session = client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(),
                    URI.create("ws://localhost:" + server.port() + "/relay"));
            session.getBasicRemote().sendText("hello");
            assertThat(endpoint.inbox.next(kind + " relay")).isEqualTo("relayed hello");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.halyard.websocket.servlet.EmbeddedServer#forAnyClient")
    void wssWithAGeneratedCertificateAndAClearHostnameMismatch(EmbeddedServer.Kind kind) throws Exception {
        TestCertificate certificate = TestCertificate.generate("dns:localhost");
        try (EmbeddedServer server = EmbeddedServer.startTls(kind, Set.of(Endpoints.Echo.class), certificate.keystore);
                HalyardClientContainer client = new HalyardClientContainer()) {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                    .sslContext(certificate.trustingClientContext()).build();
            ClientMessages.Programmatic endpoint = new ClientMessages.Programmatic();
            Session session = client.connectToServer(endpoint, config, URI.create("wss://localhost:" + server.port() + "/echo"));
            assertThat(session.isSecure()).isTrue();
            assertThat(session.getRequestURI().getScheme()).isEqualTo("wss");
            exchange(session, endpoint.inbox, kind + " over TLS");
            session.close();
            assertThat(endpoint.inbox.closed.get(10, TimeUnit.SECONDS).getCloseCode()).isEqualTo(CloseReason.CloseCodes.NORMAL_CLOSURE);

            // The certificate names localhost only: 127.0.0.1 must be refused, with the reason.
            URI byAddress = URI.create("wss://127.0.0.1:" + server.port() + "/echo");
            assertThatThrownBy(() -> client.connectToServer(new ClientMessages.Programmatic(), config, byAddress))
                    .isInstanceOf(javax.net.ssl.SSLHandshakeException.class)
                    .hasMessageStartingWith("Cannot connect to " + byAddress + ": the TLS handshake failed")
                    .hasMessageContaining("127.0.0.1");
            // ... unless hostname verification is switched off for this connection.
            ClientEndpointConfig unverified = ClientEndpointConfig.Builder.create()
                    .sslContext(certificate.trustingClientContext()).build();
            unverified.getUserProperties().put(ClientSettings.VERIFY_HOSTNAME, "false");
            ClientMessages.Programmatic lenient = new ClientMessages.Programmatic();
            Session unverifiedSession = client.connectToServer(lenient, unverified, byAddress);
            unverifiedSession.getBasicRemote().sendText("still encrypted");
            assertThat(lenient.inbox.next("echo without hostname verification")).isEqualTo("still encrypted");
            // A client that does not trust the certificate fails too.
            assertThatThrownBy(() -> client.connectToServer(new ClientMessages.Programmatic(),
                    ClientEndpointConfig.Builder.create().build(), URI.create("wss://localhost:" + server.port() + "/echo")))
                    .isInstanceOf(javax.net.ssl.SSLHandshakeException.class).hasMessageContaining("TLS handshake failed");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.halyard.websocket.servlet.EmbeddedServer#forAnyClient")
    void basicAuthenticationWithConfiguredCredentials(EmbeddedServer.Kind kind) throws Exception {
        authenticates(kind, "BASIC");
    }

    @ParameterizedTest
    @MethodSource("dev.halyard.websocket.servlet.EmbeddedServer#forAnyClient")
    void digestAuthenticationWithConfiguredCredentials(EmbeddedServer.Kind kind) throws Exception {
        authenticates(kind, "DIGEST");
    }

    private static void authenticates(EmbeddedServer.Kind kind, String authMethod) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(SecureEcho.class), Map.of(), null, Map.of(), authMethod);
                HalyardClientContainer client = new HalyardClientContainer()) {
            URI uri = URI.create("ws://localhost:" + server.port() + "/secure/echo");
            assertThatThrownBy(() -> client.connectToServer(new ClientMessages.Programmatic(),
                    ClientEndpointConfig.Builder.create().build(), uri))
                    .isInstanceOf(HandshakeException.class).hasMessageContaining("401")
                    .hasMessageContaining(ClientSettings.USER);
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
            config.getUserProperties().put(ClientSettings.USER, EmbeddedServer.USER);
            config.getUserProperties().put(ClientSettings.PASSWORD, EmbeddedServer.PASSWORD);
            if (authMethod.equals("BASIC")) {
                // Basic would send the password in the clear over ws: refused unless the application allows it.
                assertThatThrownBy(() -> client.connectToServer(new ClientMessages.Programmatic(), config, uri))
                        .isInstanceOf(HandshakeException.class).hasMessageContaining(ClientSettings.ALLOW_BASIC_OVER_PLAINTEXT);
                config.getUserProperties().put(ClientSettings.ALLOW_BASIC_OVER_PLAINTEXT, "true");
            }
            ClientMessages.Programmatic endpoint = new ClientMessages.Programmatic();
            Session session = client.connectToServer(endpoint, config, uri);
            session.getBasicRemote().sendText("hi");
            assertThat(endpoint.inbox.next(kind + " " + authMethod + " authenticated echo")).isEqualTo(EmbeddedServer.USER + ": hi");
            config.getUserProperties().put(ClientSettings.PASSWORD, "wrong");
            assertThatThrownBy(() -> client.connectToServer(new ClientMessages.Programmatic(), config, uri))
                    .isInstanceOf(HandshakeException.class).hasMessageContaining("refused the configured credentials");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.halyard.websocket.servlet.EmbeddedServer#forAnyClient")
    void twoThousandConcurrentConnectionsWithFewThreads(EmbeddedServer.Kind kind) throws Exception {
        int connections = 2000;
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Echo.class), Map.of());
                HalyardClientContainer client = new HalyardClientContainer()) {
            URI uri = URI.create("ws://localhost:" + server.port() + "/echo");
            ExecutorService connecting = Executors.newFixedThreadPool(16);
            List<Future<ClientMessages.Programmatic>> opening = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                opening.add(connecting.submit(() -> {
                    ClientMessages.Programmatic endpoint = new ClientMessages.Programmatic();
                    client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), uri);
                    return endpoint;
                }));
            }
            List<ClientMessages.Programmatic> endpoints = new ArrayList<>();
            for (Future<ClientMessages.Programmatic> open : opening) {
                endpoints.add(open.get(120, TimeUnit.SECONDS));
            }
            connecting.shutdown();
            assertThat(client.openSessions()).hasSize(connections);
            int maxThreads = 0;
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < connections; i++) {
                    endpoints.get(i).inbox.session.getAsyncRemote().sendText("connection " + i + " round " + round);
                }
                for (int i = 0; i < connections; i++) {
                    assertThat(endpoints.get(i).inbox.next("echo " + i)).isEqualTo("connection " + i + " round " + round);
                }
                maxThreads = Math.max(maxThreads, clientThreads());
            }
            // No thread per connection: the selector and the executor's busy threads only.
            assertThat(maxThreads).as("client threads with %d connections open", connections).isLessThan(200);
            System.out.println(kind + ": at most " + maxThreads + " client threads served " + connections + " connections");
            for (ClientMessages.Programmatic endpoint : endpoints) {
                endpoint.inbox.session.close();
            }
            for (ClientMessages.Programmatic endpoint : endpoints) {
                assertThat(endpoint.inbox.closed.get(30, TimeUnit.SECONDS).getCloseCode())
                        .isEqualTo(CloseReason.CloseCodes.NORMAL_CLOSURE);
            }
            assertThat(client.openSessions()).isEmpty();
        }
    }

    @Test
    void tenThousandOpenCloseCyclesLeakNoThreadOrFileDescriptor() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(EmbeddedServer.Kind.TOMCAT, Set.of(Endpoints.Echo.class), Map.of())) {
            URI uri = URI.create("ws://localhost:" + server.port() + "/echo");
            cycles(uri, 200); // warm the server's pools
            awaitQuiet(server);
            Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
            long descriptorsBefore = openDescriptors();
            int closes = cycles(uri, 10_000);
            assertThat(closes).isEqualTo(10_000);
            awaitQuiet(server);
            // The server's pools may have grown under the load; nothing else may be new.
            List<String> newThreads = Thread.getAllStackTraces().keySet().stream().filter(t -> !threadsBefore.contains(t))
                    .map(Thread::getName).filter(name -> !name.startsWith("http-nio-") && !name.matches("halyard-\\d+-\\d+"))
                    .toList();
            assertThat(newThreads).as("threads started by the client and still alive after 10,000 cycles").isEmpty();
            assertThat(openDescriptors()).as("file descriptors after 10,000 cycles").isLessThanOrEqualTo(descriptorsBefore + 10);
            System.out.println("10,000 cycles: threads " + threadsBefore.size() + " -> " + Thread.activeCount() + ", descriptors "
                    + descriptorsBefore + " -> " + openDescriptors());
        }
    }

    /** Opens, uses and closes sessions from 4 threads through one container, then closes it; the number of onClose calls. */
    private static int cycles(URI uri, int count) throws Exception {
        java.util.concurrent.atomic.AtomicInteger closes = new java.util.concurrent.atomic.AtomicInteger();
        try (HalyardClientContainer client = new HalyardClientContainer()) {
            ExecutorService workers = Executors.newFixedThreadPool(4);
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                work.add(workers.submit(() -> {
                    for (int i = 0; i < count / 4; i++) {
                        ClientMessages.Programmatic endpoint = new ClientMessages.Programmatic();
                        Session session = client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), uri);
                        session.getBasicRemote().sendText("cycle " + i);
                        assertThat(endpoint.inbox.next("cycle " + i)).isEqualTo("cycle " + i);
                        session.close();
                        endpoint.inbox.closed.get(10, TimeUnit.SECONDS);
                        closes.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(300, TimeUnit.SECONDS);
            }
            workers.shutdown();
            assertThat(client.openSessions()).isEmpty();
        }
        return closes.get();
    }

    private static int clientThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("halyard-client-")).count();
    }

    /** Waits until no client thread is left and the server's connections have wound down. */
    private static void awaitQuiet(EmbeddedServer server) {
        eventually().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(clientThreads()).as("client threads after close").isZero();
            assertThat(server.openConnections()).as("connections the server still holds").isZero();
        });
    }

    private static long openDescriptors() throws IOException {
        try (java.util.stream.Stream<java.nio.file.Path> fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    static void exchange(Session session, ClientMessages.Inbox inbox, String what) throws Exception {
        for (int size : new int[] {0, 1, 125, 126, 65_535, 65_536, 1 << 20, 16 << 20}) {
            String text = "é".repeat(size / 2) + "x".repeat(size % 2);
            session.getBasicRemote().sendText(text);
            assertThat(inbox.next(what + " text of " + size + " bytes")).isEqualTo(text);
            byte[] bytes = new byte[size];
            for (int i = 0; i < size; i++) {
                bytes[i] = (byte) (i * 31 + 7);
            }
            session.getAsyncRemote().sendBinary(ByteBuffer.wrap(bytes)).get(30, TimeUnit.SECONDS);
            assertThat(inbox.next(what + " binary of " + size + " bytes")).isEqualTo(ByteBuffer.wrap(bytes));
        }
    }
}
