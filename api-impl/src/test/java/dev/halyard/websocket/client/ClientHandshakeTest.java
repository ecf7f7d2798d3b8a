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
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's opening handshake over real sockets against scripted servers: what it sends, every
 * answer it must refuse, redirects, authentication, a proxy tunnel and timeouts.
 */
class ClientHandshakeTest {

    private final HalyardClientContainer client = new HalyardClientContainer();

    @AfterEach
    void closeClient() {
        client.close();
    }

    /** Collects text messages. */
    public static class Texts extends Endpoint {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
        }

        String next() throws InterruptedException {
            String text = received.poll(10, TimeUnit.SECONDS);
            assertThat(text).as("a message within 10 s").isNotNull();
            return text;
        }
    }

    private static ClientEndpointConfig config(Map<String, Object> properties) {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().putAll(properties);
        return config;
    }

    private static URI uri(ScriptedServer server, String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    @Test
    void sendsAnRfc6455RequestAndReadsFramesThatArriveWithThe101() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> {
            // the 101 and the first frame in one write: the frame must not be lost behind the head
            byte[] head = switching(request, "X-Extra: yes\r\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] frame = textFrame("hello");
            byte[] both = new byte[head.length + frame.length];
            System.arraycopy(head, 0, both, 0, head.length);
            System.arraycopy(frame, 0, both, head.length, frame.length);
            out.write(both);
        })) {
            List<Map<String, List<String>>> responses = new ArrayList<>();
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                    .configurator(new ClientEndpointConfig.Configurator() {
                        @Override
                        public void beforeRequest(Map<String, List<String>> headers) {
                            headers.put("X-Token", List.of("abc"));
                            assertThat(headers.get("sec-websocket-version")).containsExactly("13");
                        }

                        @Override
                        public void afterResponse(HandshakeResponse response) {
                            responses.add(response.getHeaders());
                        }
                    }).build();
            Texts endpoint = new Texts();
            Session session = client.connectToServer(endpoint, config, uri(server, "/chat/room%201?x=1"));
            assertThat(endpoint.next()).isEqualTo("hello");

            ScriptedServer.Request request = server.requests.get(0);
            assertThat(request.requestLine()).isEqualTo("GET /chat/room%201?x=1 HTTP/1.1");
            assertThat(request.header("Host")).isEqualTo("127.0.0.1:" + server.port());
            assertThat(request.header("Upgrade")).isEqualTo("websocket");
            assertThat(request.header("Connection")).isEqualTo("Upgrade");
            assertThat(request.header("Sec-WebSocket-Version")).isEqualTo("13");
            assertThat(java.util.Base64.getDecoder().decode(request.header("Sec-WebSocket-Key"))).hasSize(16);
            assertThat(request.header("X-Token")).isEqualTo("abc");
            assertThat(request.header("Content-Length")).isNull();
            assertThat(responses).hasSize(1);
            assertThat(responses.get(0).get("x-extra")).containsExactly("yes");
            assertThat(session.getRequestURI()).isEqualTo(uri(server, "/chat/room%201?x=1"));
            assertThat(session.getNegotiatedSubprotocol()).isEmpty();
            assertThat(client.openSessions()).containsExactly(session);
            session.close();
        }
    }

    @Test
    void refusesAWrongAcceptValue() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> write(out,
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"))) {
            assertThatThrownBy(() -> client.connectToServer(new Texts(), config(Map.of()), uri(server, "/")))
                    .isInstanceOf(HandshakeException.class)
                    .hasMessageContaining("Sec-WebSocket-Accept [dGhlIHNhbXBsZSBub25jZQ==] does not answer the key");
        }
    }

    @Test
    void refusesAStatusOtherThan101() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> write(out,
                "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"))) {
            assertThatThrownBy(() -> client.connectToServer(new Texts(), config(Map.of()), uri(server, "/nothing")))
                    .isInstanceOf(HandshakeException.class)
                    .hasMessageContaining("answered the WebSocket handshake with 404 Not Found instead of 101")
                    .satisfies(e -> assertThat(((HandshakeException) e).status()).isEqualTo(404));
        }
    }

    @Test
    void refusesMissingUpgradeAndConnectionHeaders() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> write(out,
                switching(request, "").replace("Upgrade: websocket\r\n", "Upgrade: h2c\r\n")))) {
            assertThatThrownBy(() -> client.connectToServer(new Texts(), config(Map.of()), uri(server, "/")))
                    .isInstanceOf(HandshakeException.class).hasMessageContaining("Upgrade [h2c], not websocket");
        }
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> write(out,
                switching(request, "").replace("Connection: Upgrade\r\n", "Connection: keep-alive\r\n")))) {
            assertThatThrownBy(() -> client.connectToServer(new Texts(), config(Map.of()), uri(server, "/")))
                    .isInstanceOf(HandshakeException.class).hasMessageContaining("does not include Upgrade");
        }
    }

    @Test
    void refusesASubprotocolOrExtensionItDidNotOffer() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> write(out,
                switching(request, "Sec-WebSocket-Protocol: mqtt\r\n")))) {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create().preferredSubprotocols(List.of("chat")).build();
            assertThatThrownBy(() -> client.connectToServer(new Texts(), config, uri(server, "/")))
                    .isInstanceOf(HandshakeException.class)
                    .hasMessageContaining("chose subprotocol \"mqtt\", which the client did not offer; it offered [chat]");
            assertThat(server.requests.get(0).header("Sec-WebSocket-Protocol")).isEqualTo("chat");
        }
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> write(out,
                switching(request, "Sec-WebSocket-Extensions: x-custom; level=2\r\n")))) {
            assertThatThrownBy(() -> client.connectToServer(new Texts(), config(Map.of()), uri(server, "/")))
                    .isInstanceOf(HandshakeException.class)
                    .hasMessageContaining("agreed to extension \"x-custom\", which the client did not offer");
        }
    }

    @Test
    void acceptsAnExtensionTheApplicationOfferedThoughHalyardDoesNotImplementIt() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> write(out,
                switching(request, "Sec-WebSocket-Extensions: x-custom; level=2\r\n")))) {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                    .extensions(dev.halyard.websocket.handshake.ExtensionHeader.parse(List.of("x-custom"))).build();
            Session session = client.connectToServer(new Texts(), config, uri(server, "/"));
            assertThat(session.getNegotiatedExtensions()).extracting(jakarta.websocket.Extension::getName).containsExactly("x-custom");
            assertThat(server.requests.get(0).header("Sec-WebSocket-Extensions")).isEqualTo("x-custom");
        }
    }

    @Test
    void acceptsTheSubprotocolItOffered() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> write(out,
                switching(request, "Sec-WebSocket-Protocol: chat.v1\r\n")))) {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                    .preferredSubprotocols(List.of("chat.v2", "chat.v1")).build();
            Session session = client.connectToServer(new Texts(), config, uri(server, "/"));
            assertThat(session.getNegotiatedSubprotocol()).isEqualTo("chat.v1");
            assertThat(server.requests.get(0).header("Sec-WebSocket-Protocol")).isEqualTo("chat.v2, chat.v1");
        }
    }

    @Test
    void refusesAResponseThatIsNotHttp() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> write(out, "SSH-2.0-OpenSSH_9.2\r\n\r\n"))) {
            assertThatThrownBy(() -> client.connectToServer(new Texts(), config(Map.of()), uri(server, "/")))
                    .isInstanceOf(IOException.class).hasMessageContaining("did not answer with an HTTP/1.x status line");
        }
    }

    @Test
    void refusesAnEndlessResponseHead() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> {
            write(out, "HTTP/1.1 101 Switching Protocols\r\n");
            for (int i = 0; i < 10_000; i++) {
                write(out, "X-Filler-" + i + ": " + "x".repeat(40) + "\r\n");
            }
        })) {
            assertThatThrownBy(() -> client.connectToServer(new Texts(), config(Map.of()), uri(server, "/")))
                    .isInstanceOf(IOException.class).hasMessageContaining("larger than 65536 bytes");
        }
    }

    @Test
    void followsRedirectsAndStopsAtTheLimit() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> {
            if (request.requestLine().startsWith("GET /old ")) {
                write(out, "HTTP/1.1 302 Found\r\nLocation: /new?moved=1\r\nContent-Length: 0\r\n\r\n");
            } else if (request.requestLine().startsWith("GET /loop")) {
                write(out, "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:" + socket.getLocalPort()
                        + "/loop\r\n\r\n");
            } else {
                out.write(switching(request, "").getBytes(StandardCharsets.ISO_8859_1));
                out.write(textFrame("moved here"));
            }
        })) {
            Texts endpoint = new Texts();
            Session session = client.connectToServer(endpoint, config(Map.of()), uri(server, "/old"));
            assertThat(endpoint.next()).isEqualTo("moved here");
            assertThat(session.getRequestURI()).isEqualTo(uri(server, "/new?moved=1"));
            assertThat(server.requests).extracting(ScriptedServer.Request::requestLine)
                    .containsExactly("GET /old HTTP/1.1", "GET /new?moved=1 HTTP/1.1");

            assertThatThrownBy(() -> client.connectToServer(new Texts(), config(Map.of(ClientSettings.MAX_REDIRECTS, "3")),
                    uri(server, "/loop"))).isInstanceOf(HandshakeException.class).hasMessageContaining("Gave up after 3 redirects");
            assertThat(server.requests).hasSize(2 + 4);
        }
    }

    @Test
    void answersADigestChallengeWithTheConfiguredCredentials() throws Exception {
        String nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093";
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> {
            String authorization = request.header("Authorization");
            if (authorization == null) {
                write(out, "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"r\"\r\n"
                        + "WWW-Authenticate: Digest realm=\"ws@example\", qop=\"auth,auth-int\", algorithm=SHA-256, nonce=\""
                        + nonce + "\", opaque=\"op\"\r\nContent-Length: 0\r\n\r\n");
            } else if (validDigest(authorization, "ann", "secret", "ws@example", nonce, "GET", "/private")) {
                write(out, switching(request, ""));
            } else {
                write(out, "HTTP/1.1 403 Forbidden\r\n\r\n");
            }
        })) {
            Session session = client.connectToServer(new Texts(), config(Map.of(ClientSettings.USER, "ann",
                    ClientSettings.PASSWORD, "secret")), uri(server, "/private"));
            assertThat(session.isOpen()).isTrue();
            assertThat(server.requests.get(1).header("Authorization")).startsWith("Digest ").contains("opaque=\"op\"");

            assertThatThrownBy(() -> client.connectToServer(new Texts(), config(Map.of(ClientSettings.USER, "ann",
                    ClientSettings.PASSWORD, "wrong")), uri(server, "/private")))
                    .isInstanceOf(HandshakeException.class).hasMessageContaining("403");
            assertThatThrownBy(() -> client.connectToServer(new Texts(), config(Map.of()), uri(server, "/private")))
                    .isInstanceOf(HandshakeException.class)
                    .hasMessageContaining("requires authentication").hasMessageContaining(ClientSettings.USER);
        }
    }

    /** RFC 7616 §3.4.1 computed independently of the client's code. */
    private static boolean validDigest(String header, String user, String password, String realm, String nonce,
            String method, String uri) {
        Map<String, String> fields = new java.util.HashMap<>();
        Matcher matcher = Pattern.compile("(\\w+)=(\"([^\"]*)\"|[^, ]+)").matcher(header.substring("Digest ".length()));
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(3) != null ? matcher.group(3) : matcher.group(2));
        }
        String ha1 = sha256(user + ":" + realm + ":" + password);
        String ha2 = sha256(method + ":" + uri);
        String expected = sha256(ha1 + ":" + nonce + ":" + fields.get("nc") + ":" + fields.get("cnonce") + ":auth:" + ha2);
        return expected.equals(fields.get("response")) && uri.equals(fields.get("uri")) && user.equals(fields.get("username"))
                && "auth".equals(fields.get("qop")) && "SHA-256".equals(fields.get("algorithm"));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void tunnelsThroughAnHttpProxyWithBasicCredentials() throws Exception {
        ProxySelector previous = ProxySelector.getDefault();
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> {
            out.write(switching(request, "").getBytes(StandardCharsets.ISO_8859_1));
            out.write(textFrame("through the tunnel"));
        }); ConnectProxy proxy = new ConnectProxy(HttpAuthentication.basic("pat", "pw"))) {
            ProxySelector.setDefault(new ProxySelector() {
                @Override
                public List<Proxy> select(URI uri) {
                    return List.of(new Proxy(Proxy.Type.HTTP, new java.net.InetSocketAddress("127.0.0.1", proxy.port())));
                }

                @Override
                public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                }
            });
            assertThatThrownBy(() -> client.connectToServer(new Texts(), config(Map.of()), uri(server, "/")))
                    .isInstanceOf(HandshakeException.class).hasMessageContaining("407")
                    .hasMessageContaining(ClientSettings.PROXY_USER);
            Texts endpoint = new Texts();
            client.connectToServer(endpoint, config(Map.of(ClientSettings.PROXY_USER, "pat", ClientSettings.PROXY_PASSWORD, "pw")),
                    uri(server, "/"));
            assertThat(endpoint.next()).isEqualTo("through the tunnel");
            String target = "127.0.0.1:" + server.port();
            assertThat(proxy.connects).containsExactly("CONNECT " + target + " HTTP/1.1 | null",
                    "CONNECT " + target + " HTTP/1.1 | null", "CONNECT " + target + " HTTP/1.1 | " + HttpAuthentication.basic("pat", "pw"));
        } finally {
            ProxySelector.setDefault(previous);
        }
    }

    @Test
    void timesOutWhenTheServerNeverAnswers() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> {
            // say nothing
        })) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.connectToServer(new Texts(), config(Map.of(ClientSettings.HANDSHAKE_TIMEOUT, 300L)),
                    uri(server, "/")))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining("Timed out after 300 ms (" + ClientSettings.HANDSHAKE_TIMEOUT + ") waiting for the handshake response");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
        }
    }

    @Test
    void timesOutWhenTheTcpConnectDoesNotComplete() throws Exception {
        // A listener that never accepts, its backlog filled: Linux drops further SYNs, so a connect hangs.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    java.net.Socket filler = new java.net.Socket();
                    try {
                        filler.connect(full.getLocalSocketAddress(), 200);
                        fillers.add(filler);
                    } catch (SocketTimeoutException e) {
                        filler.close();
                        break; // the backlog is full now
                    }
                }
                URI target = URI.create("ws://127.0.0.1:" + full.getLocalPort() + "/");
                long start = System.nanoTime();
                assertThatThrownBy(() -> client.connectToServer(new Texts(), config(Map.of(ClientSettings.CONNECT_TIMEOUT, 300)), target))
                        .isInstanceOf(SocketTimeoutException.class)
                        .hasMessageStartingWith("Cannot connect to " + target + ": Timed out after 300 ms (" + ClientSettings.CONNECT_TIMEOUT
                                + ") connecting to");
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
            } finally {
                for (java.net.Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    void reportsARefusedConnectionWithItsUri() throws Exception {
        int port;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = unused.getLocalPort();
        }
        URI target = URI.create("ws://127.0.0.1:" + port + "/echo");
        assertThatThrownBy(() -> client.connectToServer(new Texts(), config(Map.of()), target))
                .isInstanceOf(ConnectException.class).hasMessageStartingWith("Cannot connect to " + target);
    }

    @Test
    void connectsToAnIpv6Literal() throws Exception {
        InetAddress ipv6 = InetAddress.getByName("::1");
        ScriptedServer server;
        try {
            server = new ScriptedServer(ipv6, (request, socket, out) -> write(out, switching(request, "")));
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("No IPv6 loopback here: " + e);
            return;
        }
        try (server) {
            Session session = client.connectToServer(new Texts(), config(Map.of()), URI.create("ws://[::1]:" + server.port() + "/v6"));
            assertThat(session.isOpen()).isTrue();
            assertThat(server.requests.get(0).header("Host")).isEqualTo("[::1]:" + server.port());
        }
    }

    @Test
    void refusesBadArgumentsAndHeaderInjection() throws Exception {
        assertThatThrownBy(() -> client.connectToServer(new Texts(), config(Map.of()), URI.create("http://localhost/")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://localhost/")
                .hasMessageContaining("ws or wss");
        assertThatThrownBy(() -> client.connectToServer(new Texts(), config(Map.of()), URI.create("ws://localhost/#frag")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fragment");
        assertThatThrownBy(() -> client.connectToServer(new Texts(), config(Map.of(ClientSettings.CONNECT_TIMEOUT, "soon")),
                URI.create("ws://localhost/"))).isInstanceOf(DeploymentException.class)
                .hasMessageContaining(ClientSettings.CONNECT_TIMEOUT).hasMessageContaining("\"soon\"");
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> write(out, switching(request, "")))) {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                    .configurator(new ClientEndpointConfig.Configurator() {
                        @Override
                        public void beforeRequest(Map<String, List<String>> headers) {
                            headers.put("X-Evil", List.of("a\r\nInjected: yes"));
                        }
                    }).build();
            assertThatThrownBy(() -> client.connectToServer(new Texts(), config, uri(server, "/")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X-Evil");
            assertThat(server.requests).isEmpty();
        }
    }

    @Test
    void containerProviderGivesHalyardsContainer() {
        assertThat(ContainerProvider.getWebSocketContainer()).isInstanceOf(HalyardClientContainer.class);
    }

    /** Not annotated, not an Endpoint. */
    public static class Plain {
    }

    @ClientEndpoint
    public static class BadMessageMethod {
        @OnMessage
        public void text(String text, Thread thread) {
        }
    }

    @Test
    void invalidClientEndpointsAreDeploymentErrors() {
        assertThatThrownBy(() -> client.connectToServer(new Plain(), URI.create("ws://localhost/")))
                .isInstanceOf(DeploymentException.class).hasMessageContaining(Plain.class.getName())
                .hasMessageContaining("@ClientEndpoint");
        assertThatThrownBy(() -> client.connectToServer(BadMessageMethod.class, URI.create("ws://localhost/")))
                .isInstanceOf(DeploymentException.class).hasMessageContaining("BadMessageMethod.text(String, Thread)");
    }
}
