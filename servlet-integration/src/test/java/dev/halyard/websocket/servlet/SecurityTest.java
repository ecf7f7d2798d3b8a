// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The handshake is an ordinary HTTP request: container security applies, and the HTTP session bounds the WebSocket's. */
class SecurityTest {

    private static final String CREDENTIALS = "Basic " + Base64.getEncoder().encodeToString(
            (EmbeddedServer.USER + ":" + EmbeddedServer.PASSWORD).getBytes(StandardCharsets.UTF_8));

    /** Keeps an accessor to the handshake's HTTP session (Servlet 6.1), to use after the request is gone. */
    public static class KeepHttpSession extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            config.getUserProperties().put("http-session", ((HttpSession) request.getHttpSession()).getAccessor());
        }
    }

    @ServerEndpoint(value = "/secure/chat", configurator = KeepHttpSession.class)
    public static class SecureChat {
        @OnMessage
        public String text(String text, Session session) {
            if (text.equals("log out")) {
                ((HttpSession.Accessor) session.getUserProperties().get("http-session")).access(HttpSession::invalidate);
                return null;
            }
            return session.getUserPrincipal().getName() + ": " + text;
        }
    }

    /** Starts an HTTP session for the authenticated user. */
    public static class LoginServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            request.getSession(true);
            response.getWriter().write("ok");
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void basicAuthProtectsTheEndpointAndTheEndOfTheHttpSessionCloses1008(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(SecureChat.class), Map.of(), null,
                Map.of("/secure/login", new LoginServlet()), true)) {
            assertThat(RawHttp.request(server.port(), "/secure/chat", RawHttp.handshake())).startsWith("HTTP/1.1 401");

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/secure/login"))
                    .header("Authorization", CREDENTIALS).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

            ServletIntegrationTest.Received received = new ServletIntegrationTest.Received();
            WebSocket socket = http.newWebSocketBuilder().header("Authorization", CREDENTIALS).header("Cookie", cookie)
                    .buildAsync(URI.create("ws://localhost:" + server.port() + "/secure/chat"), received).get(20, TimeUnit.SECONDS);
            socket.sendText("hello", true).get(10, TimeUnit.SECONDS);
            assertThat(received.next()).isEqualTo("ann: hello");

            socket.sendText("log out", true).get(10, TimeUnit.SECONDS); // the endpoint invalidates its HTTP session
            assertThat(received.closed.get(20, TimeUnit.SECONDS)).isEqualTo("1008 The authenticated HTTP session ended");
        }
    }
}
