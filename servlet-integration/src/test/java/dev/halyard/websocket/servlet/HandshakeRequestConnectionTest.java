// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.client.HalyardClientContainer;
import dev.halyard.websocket.client.TestCertificate;
import dev.halyard.websocket.server.HandshakeRequestView;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What Jakarta WebSocket 2.3 adds to {@link HandshakeRequest} (the connection's two ends, the
 * client's certificate chain, the preferred locale), filled from the servlet request on Tomcat and
 * on Jetty. The configurator keeps the request it was given and the test reads it after the
 * upgrade, when the container has recycled its own request: the values must have been taken
 * before. The same test runs against the 2.2 and the 2.3 API: the methods are read through the
 * interface where it declares them (2.3), otherwise on Halyard's class.
 */
class HandshakeRequestConnectionTest {

    static final BlockingQueue<HandshakeRequest> SEEN = new LinkedBlockingQueue<>();

    /** Keeps each handshake request it is shown. */
    public static final class Keeping extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            SEEN.add(request);
        }
    }

    @ServerEndpoint(value = "/details", configurator = Keeping.class)
    public static final class Details {
        @OnMessage
        public String echo(String text) {
            return text;
        }
    }

    /** A 2.3 method of {@code request}: through the interface when it has it, else on Halyard's class. */
    private static Object read(HandshakeRequest request, String method) throws Exception {
        try {
            return HandshakeRequest.class.getMethod(method).invoke(request);
        } catch (NoSuchMethodException builtAgainst22) {
            return HandshakeRequestView.class.getMethod(method).invoke(request);
        }
    }

    private static HandshakeRequest seen() throws InterruptedException {
        HandshakeRequest request = SEEN.poll(10, TimeUnit.SECONDS);
        assertThat(request).as("the configurator saw the handshake").isNotNull();
        return request;
    }

    private static ClientEndpointConfig sending(Map<String, List<String>> headers, javax.net.ssl.SSLContext tls) {
        return ClientEndpointConfig.Builder.create().sslContext(tls).configurator(new ClientEndpointConfig.Configurator() {
            @Override
            public void beforeRequest(Map<String, List<String>> request) {
                request.putAll(headers);
            }
        }).build();
    }

    @ParameterizedTest
    @MethodSource("dev.halyard.websocket.servlet.EmbeddedServer#forAnyClient")
    void theConnectionsEndsAndTheLocaleAreTakenFromTheServletRequest(EmbeddedServer.Kind kind) throws Exception {
        SEEN.clear();
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Details.class), Map.of());
                HalyardClientContainer client = new HalyardClientContainer()) {
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/details");
            Session session = client.connectToServer(new ClientMessages.Programmatic(),
                    sending(Map.of("Accept-Language", List.of("de-CH, fr;q=0.8")), null), uri);
            HandshakeRequest request = seen();
            session.close();

            assertThat(read(request, "getLocalAddress")).as(kind + " local address").isEqualTo("127.0.0.1");
            assertThat(read(request, "getLocalPort")).as(kind + " local port").isEqualTo(server.port());
            assertThat((String) read(request, "getLocalHostName")).as(kind + " local host name").isNotBlank();
            assertThat(read(request, "getRemoteAddress")).as(kind + " remote address").isEqualTo("127.0.0.1");
            assertThat((int) read(request, "getRemotePort")).as(kind + " remote port").isBetween(1, 65535)
                    .isNotEqualTo(server.port());
            assertThat((String) read(request, "getRemoteHostName")).as(kind + " remote host name").isNotBlank();
            assertThat(read(request, "getUserX509CertificateChain")).as(kind + ": no certificate over ws").isNull();
            assertThat(read(request, "getPreferredLocale")).as(kind + " locale").isEqualTo(Locale.forLanguageTag("de-CH"));

            Session plain = client.connectToServer(new ClientMessages.Programmatic(), sending(Map.of(), null), uri);
            assertThat(read(seen(), "getPreferredLocale")).as(kind + ": without Accept-Language, the server's default")
                    .isEqualTo(Locale.getDefault());
            plain.close();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.halyard.websocket.servlet.EmbeddedServer#forAnyClient")
    void theClientsCertificateChainOverTlsWithClientAuthentication(EmbeddedServer.Kind kind) throws Exception {
        SEEN.clear();
        TestCertificate serverCertificate = TestCertificate.generate("dns:localhost");
        TestCertificate clientCertificate = TestCertificate.generate("dns:client.example");
        try (EmbeddedServer server = EmbeddedServer.startTls(kind, Set.of(Details.class), serverCertificate.keystore,
                clientCertificate.trustStore());
                HalyardClientContainer client = new HalyardClientContainer()) {
            Session session = client.connectToServer(new ClientMessages.Programmatic(),
                    sending(Map.of(), serverCertificate.trustingClientContext(clientCertificate)),
                    URI.create("wss://localhost:" + server.port() + "/details"));
            HandshakeRequest request = seen();
            session.close();

            X509Certificate[] chain = (X509Certificate[]) read(request, "getUserX509CertificateChain");
            assertThat(chain).as(kind + ": the client's chain, its own certificate first").isNotEmpty();
            assertThat(chain[0]).isEqualTo(clientCertificate.certificate());
            assertThat(read(request, "getLocalPort")).isEqualTo(server.port());
        }
    }
}
