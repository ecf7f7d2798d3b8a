// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.client;

import static dev.halyard.websocket.client.ScriptedServer.switching;
import static dev.halyard.websocket.client.ScriptedServer.textFrame;
import static dev.halyard.websocket.client.ScriptedServer.write;
import static dev.halyard.websocket.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against hostile servers and proxies over real sockets (README, "The client",
 * security rules): injected bytes after a proxy's 200, downgrading and cross-origin redirects,
 * Basic in the clear, a ping flood, an endless chain of slow redirects, TLS failures, many
 * connections woken at once, and server text that would forge log lines.
 */
class ClientSecurityTest {

    private static TestCertificate localhostCertificate;

    private final HalyardClientContainer client = new HalyardClientContainer();

    @BeforeAll
    static void makeCertificate() throws Exception {
        localhostCertificate = TestCertificate.generate("dns:localhost");
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private static ClientEndpointConfig config(Map<String, ?> properties) throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .sslContext(localhostCertificate.trustingClientContext()).build();
        config.getUserProperties().putAll(properties);
        return config;
    }

    private static ScriptedServer tlsServer(ScriptedServer.Script script) throws Exception {
        return ScriptedServer.tls(localhostCertificate.serverContext(), script);
    }

    // ---- 1. a proxy must not speak for the server

    @Test
    void bytesInjectedAfterAProxysConnect200FailTheConnect() throws Exception {
        ProxySelector previous = ProxySelector.getDefault();
        try (ScriptedServer attacker = new ScriptedServer((request, socket, out) -> write(out, switching(request, "")));
                ScriptedServer server = tlsServer((request, socket, out) -> write(out, switching(request, "")));
                ScriptedServer proxy = new ScriptedServer((request, socket, out) -> write(out,
                        "HTTP/1.1 200 Connection established\r\n\r\nHTTP/1.1 302 Found\r\nLocation: ws://127.0.0.1:"
                                + attacker.port() + "/pwned\r\nContent-Length: 0\r\n\r\n"))) {
            useProxy(proxy.port());
            for (String scheme : List.of("wss", "ws")) {
                URI uri = URI.create(scheme + "://localhost:" + server.port() + "/");
                assertThatThrownBy(() -> client.connectToServer(new ClientHandshakeTest.Texts(),
                        config(Map.of(ClientSettings.USER, "ann", ClientSettings.PASSWORD, "secret")), uri))
                        .as(scheme).isInstanceOf(IOException.class)
                        .hasMessageContaining("after its 200 answer to CONNECT");
            }
            assertThat(proxy.requests).hasSize(2).allMatch(request -> request.requestLine().startsWith("CONNECT "));
            assertThat(attacker.requests).as("the client never went where the injected redirect pointed").isEmpty();
            assertThat(server.requests).isEmpty();
        } finally {
            ProxySelector.setDefault(previous);
        }
    }

    private static void useProxy(int port) {
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(new Proxy(Proxy.Type.HTTP, new java.net.InetSocketAddress("127.0.0.1", port)));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            }
        });
    }

    // ---- 2. redirects and credentials

    @Test
    void aRedirectFromWssToPlaintextIsRefusedUnlessAllowed() throws Exception {
        try (ScriptedServer plain = new ScriptedServer((request, socket, out) -> {
            out.write(switching(request, "").getBytes(StandardCharsets.ISO_8859_1));
            out.write(textFrame("in the clear"));
        }); ScriptedServer secure = tlsServer((request, socket, out) -> write(out, "HTTP/1.1 302 Found\r\nLocation: "
                + (request.requestLine().contains("/http") ? "http" : "ws") + "://127.0.0.1:" + plain.port() + "/downgraded\r\n"
                + "Content-Length: 0\r\n\r\n"))) {
            for (String path : List.of("/ws", "/http")) {
                URI uri = URI.create("wss://localhost:" + secure.port() + path);
                assertThatThrownBy(() -> client.connectToServer(new ClientHandshakeTest.Texts(), config(Map.of()), uri))
                        .isInstanceOf(HandshakeException.class).hasMessageContaining("not encrypted")
                        .hasMessageContaining(ClientSettings.ALLOW_INSECURE_REDIRECTS);
            }
            assertThat(plain.requests).isEmpty();

            ClientHandshakeTest.Texts endpoint = new ClientHandshakeTest.Texts();
            Session session = client.connectToServer(endpoint, config(Map.of(ClientSettings.ALLOW_INSECURE_REDIRECTS, "true")),
                    URI.create("wss://localhost:" + secure.port() + "/ws"));
            assertThat(endpoint.next()).isEqualTo("in the clear");
            assertThat(session.getRequestURI().getScheme()).isEqualTo("ws");
        }
    }

    @Test
    void credentialsAreNotSentToAnotherOriginAfterARedirect() throws Exception {
        try (ScriptedServer other = new ScriptedServer((request, socket, out) -> write(out, "HTTP/1.1 401 Unauthorized\r\n"
                + "WWW-Authenticate: Digest realm=\"other\", nonce=\"n1\", qop=\"auth\"\r\nContent-Length: 0\r\n\r\n"));
                ScriptedServer first = new ScriptedServer((request, socket, out) -> write(out, "HTTP/1.1 307 Temporary Redirect\r\n"
                        + "Location: ws://127.0.0.1:" + other.port() + "/collect\r\nContent-Length: 0\r\n\r\n"))) {
            URI uri = URI.create("ws://127.0.0.1:" + first.port() + "/");
            assertThatThrownBy(() -> client.connectToServer(new ClientHandshakeTest.Texts(),
                    config(Map.of(ClientSettings.USER, "ann", ClientSettings.PASSWORD, "secret")), uri))
                    .isInstanceOf(HandshakeException.class).hasMessageContaining("never sent to another origin")
                    .hasMessageContaining("ws://127.0.0.1:" + first.port());
            assertThat(other.requests).hasSize(1);
            assertThat(other.requests.get(0).header("Authorization")).isNull();
        }
    }

    @Test
    void basicIsNeverSentInTheClearUnlessAllowed() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> {
            if (request.header("Authorization") == null) {
                write(out, "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"r\"\r\nContent-Length: 0\r\n\r\n");
            } else {
                write(out, switching(request, ""));
            }
        })) {
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/");
            assertThatThrownBy(() -> client.connectToServer(new ClientHandshakeTest.Texts(),
                    config(Map.of(ClientSettings.USER, "ann", ClientSettings.PASSWORD, "secret")), uri))
                    .isInstanceOf(HandshakeException.class).hasMessageContaining("in the clear")
                    .hasMessageContaining(ClientSettings.ALLOW_BASIC_OVER_PLAINTEXT);
            assertThat(server.requests).hasSize(1);

            Session session = client.connectToServer(new ClientHandshakeTest.Texts(), config(Map.of(ClientSettings.USER, "ann",
                    ClientSettings.PASSWORD, "secret", ClientSettings.ALLOW_BASIC_OVER_PLAINTEXT, true)), uri);
            assertThat(session.isOpen()).isTrue();
            assertThat(server.requests.get(2).header("Authorization")).isEqualTo(HttpAuthentication.basic("ann", "secret"));
        }
    }

    // ---- 3. a ping flood

    @Test
    void aPingFloodStopsTheReadingAndLeavesTheOtherConnectionsServed() throws Exception {
        AtomicLong flooded = new AtomicLong();
        byte[] batch = pings(512);
        try (ScriptedServer flooder = new ScriptedServer((request, socket, out) -> {
            write(out, switching(request, ""));
            while (true) { // never reads; blocks once the client stops reading, ends when the client goes
                out.write(batch);
                flooded.addAndGet(batch.length);
            }
        }); ScriptedServer friendly = new ScriptedServer((request, socket, out) -> {
            out.write(switching(request, "").getBytes(StandardCharsets.ISO_8859_1));
            out.write(textFrame("still served"));
        })) {
            Session flood = client.connectToServer(new ClientHandshakeTest.Texts(), config(Map.of()),
                    URI.create("ws://127.0.0.1:" + flooder.port() + "/"));
            // Watch the flood until it stalls, a second without a byte: the client parks its reading while its
            // pongs cannot be written.
            AtomicLong seen = new AtomicLong(-1);
            eventually().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                long now = flooded.get();
                return seen.getAndSet(now) == now;
            });
            assertThat(flooded.get()).as("bytes of pings the server could write before the client stopped reading")
                    .isEqualTo(seen.get()).isLessThan(64L << 20);

            ClientHandshakeTest.Texts other = new ClientHandshakeTest.Texts();
            client.connectToServer(other, config(Map.of()), URI.create("ws://127.0.0.1:" + friendly.port() + "/"));
            assertThat(other.next()).isEqualTo("still served");
            assertThat(flood.isOpen()).isTrue();
            flood.close();
        }
    }

    /** {@code count} unmasked pings of 125 bytes each. */
    private static byte[] pings(int count) {
        byte[] frames = new byte[count * 127];
        for (int i = 0; i < count; i++) {
            frames[i * 127] = (byte) 0x89;
            frames[i * 127 + 1] = 125;
        }
        return frames;
    }

    // ---- 4. one deadline for the whole connect

    @Test
    void twentySlowRedirectsWithAChallengeEachEndAtTheWholeConnectsDeadline() throws Exception {
        AtomicInteger hop = new AtomicInteger();
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> {
            sleep(150); // a slow server: each answer takes 150 ms
            if (request.header("Authorization") == null) {
                write(out, "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"r\", nonce=\"n\", qop=\"auth\"\r\n"
                        + "Content-Length: 0\r\n\r\n");
            } else {
                write(out, "HTTP/1.1 302 Found\r\nLocation: /hop" + hop.incrementAndGet() + "\r\nContent-Length: 0\r\n\r\n");
            }
        })) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.connectToServer(new ClientHandshakeTest.Texts(), config(Map.of(
                    ClientSettings.USER, "ann", ClientSettings.PASSWORD, "secret",
                    ClientSettings.CONNECT_TO_SERVER_TIMEOUT, 1000, ClientSettings.HANDSHAKE_TIMEOUT, 5000)),
                    URI.create("ws://127.0.0.1:" + server.port() + "/")))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining(ClientSettings.CONNECT_TO_SERVER_TIMEOUT);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            // 20 hops of two 150 ms answers would take 6 s; the deadline ends it after 1 s (generous bound for a slow machine).
            assertThat(tookMillis).isLessThan(4000);
            assertThat(hop.get()).isLessThan(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- 5. TLS failures keep their reason; TLS records no one waits for still go out

    @Test
    void anUntrustedCertificateAndAHostnameMismatchFailWithTheirOwnReasons() throws Exception {
        try (ScriptedServer server = tlsServer((request, socket, out) -> write(out, switching(request, "")))) {
            Session trusted = client.connectToServer(new ClientHandshakeTest.Texts(), config(Map.of()),
                    URI.create("wss://localhost:" + server.port() + "/"));
            assertThat(trusted.isSecure()).isTrue();

            Throwable mismatch = catchFailure(() -> client.connectToServer(new ClientHandshakeTest.Texts(), config(Map.of()),
                    URI.create("wss://127.0.0.1:" + server.port() + "/")));
            Throwable untrusted = catchFailure(() -> client.connectToServer(new ClientHandshakeTest.Texts(),
                    ClientEndpointConfig.Builder.create().build(), URI.create("wss://localhost:" + server.port() + "/")));
            assertThat(mismatch).isInstanceOf(SSLHandshakeException.class).hasMessageContaining("127.0.0.1");
            assertThat(untrusted).isInstanceOf(SSLHandshakeException.class).hasMessageContaining("PKIX");
            assertThat(mismatch.getMessage()).doesNotContain("PKIX").isNotEqualTo(untrusted.getMessage());
        }
    }

    @Test
    void aKeyUpdateTheServerAsksForIsAnsweredWhileTheClientSendsNothing() throws Exception {
        java.util.concurrent.CompletableFuture<String> read = new java.util.concurrent.CompletableFuture<>();
        try (ScriptedServer server = tlsServer((request, socket, out) -> {
            write(out, switching(request, ""));
            javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) socket;
            // On an established TLS 1.3 connection, a KeyUpdate asking the client to update its keys too (RFC 8446 §4.6.3).
            tls.startHandshake();
            out.write(textFrame("after the key update"));
            out.flush();
            socket.setSoTimeout(10_000);
            read.complete(tls.getSession().getProtocol() + " " + clientText(socket.getInputStream()));
        })) {
            ClientHandshakeTest.Texts endpoint = new ClientHandshakeTest.Texts();
            Session session = client.connectToServer(endpoint, config(Map.of()), URI.create("wss://localhost:" + server.port() + "/"));
            // The client's reader met the request with no write under way: it sent the answer on its own.
            assertThat(endpoint.next()).isEqualTo("after the key update");
            session.getBasicRemote().sendText("sent after the answer");
            assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("TLSv1.3 sent after the answer");
        }
    }

    /** The payload of one short masked text frame from the client. */
    private static String clientText(InputStream in) throws IOException {
        byte[] head = in.readNBytes(6);
        int length = head[1] & 0x7F;
        byte[] payload = in.readNBytes(length);
        for (int i = 0; i < length; i++) {
            payload[i] ^= head[2 + i % 4];
        }
        return new String(payload, StandardCharsets.UTF_8);
    }

    private interface Failing {
        void run() throws Exception;
    }

    private static Throwable catchFailure(Failing failing) {
        try {
            failing.run();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    // ---- 6. bounded threads

    @Test
    void twoThousandConnectionsPingedAtOnceStayWithinTheThreadLimit() throws Exception {
        int connections = 2000;
        CountDownLatch allConnected = new CountDownLatch(1);
        AtomicInteger pongs = new AtomicInteger();
        try (HalyardClientContainer bounded = new HalyardClientContainer(16);
                ScriptedServer server = new ScriptedServer((request, socket, out) -> {
                    write(out, switching(request, ""));
                    try {
                        allConnected.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    out.write(pings(1));
                    out.flush();
                    InputStream in = socket.getInputStream();
                    byte[] pong = in.readNBytes(2 + 4 + 125); // masked, 125 bytes
                    if (pong.length == 131 && (pong[0] & 0xFF) == 0x8A) {
                        pongs.incrementAndGet();
                    }
                })) {
            List<Session> sessions = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                sessions.add(bounded.connectToServer(new ClientHandshakeTest.Texts(), ClientEndpointConfig.Builder.create().build(),
                        URI.create("ws://127.0.0.1:" + server.port() + "/")));
            }
            allConnected.countDown();
            AtomicInteger most = new AtomicInteger();
            eventually().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).untilAsserted(() -> {
                most.accumulateAndGet(clientPoolThreads(), Math::max); // the pools' size, sampled while they work
                assertThat(pongs.get()).as("every connection answered its ping").isEqualTo(connections);
            });
            // Two pools (read loops and callbacks; finishing writes) of at most 16 each.
            assertThat(most.get()).isLessThanOrEqualTo(2 * 16);
            for (Session session : sessions) {
                session.close();
            }
        }
    }

    private static int clientPoolThreads() {
        int count = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("halyard-client-") && !thread.getName().endsWith("-selector")) {
                count++;
            }
        }
        return count;
    }

    // ---- 7. server text in messages

    @Test
    void aDigestNonceWithALineBreakIsAHandshakeException() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> write(out, "HTTP/1.1 401 Unauthorized\r\n"
                + "WWW-Authenticate: Digest realm=\"r\", nonce=\"abc\ndef\", qop=\"auth\"\r\nContent-Length: 0\r\n\r\n"))) {
            assertThatThrownBy(() -> client.connectToServer(new ClientHandshakeTest.Texts(),
                    config(Map.of(ClientSettings.USER, "ann", ClientSettings.PASSWORD, "secret")),
                    URI.create("ws://127.0.0.1:" + server.port() + "/")))
                    .isInstanceOf(HandshakeException.class).hasMessageContaining("malformed")
                    .hasMessageContaining("abc\\u000adef");
        }
    }

    @Test
    void serverTextReachesMessagesEscapedAndCut() throws Exception {
        String hostile = "\u001b[31mFAKE LOG LINE\r\n" + "x".repeat(20_000);
        try (ScriptedServer server = new ScriptedServer((request, socket, out) -> {
            OutputStream raw = out;
            raw.write(("HTTP/1.1 403 " + hostile.replace("\r\n", "  ") + "\r\nX-Evil: "
                    + hostile.replace("\r\n", "\n") + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        })) {
            Throwable failure = catchFailure(() -> client.connectToServer(new ClientHandshakeTest.Texts(), config(Map.of()),
                    URI.create("ws://127.0.0.1:" + server.port() + "/")));
            assertThat(failure).isInstanceOf(HandshakeException.class);
            String message = failure.getMessage();
            assertThat(message).contains("403").contains("\\u001b").contains("characters)");
            assertThat(message.length()).isLessThan(HandshakeException.MAX_MESSAGE + 100);
            assertThat(message.chars().noneMatch(Character::isISOControl)).isTrue();
        }
    }
}
