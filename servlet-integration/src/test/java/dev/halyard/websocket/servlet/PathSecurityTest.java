// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.server.HalyardServerContainer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The attacks of a dot segment, an encoded or doubled slash and a {@code ;} parameter on a path
 * behind a real security constraint (BASIC, /secure/*), against endpoints with one, two and three
 * template variables under the protected prefix; and the origin allow-list. Each request is raw,
 * written byte for byte as an attacker would send it.
 */
class PathSecurityTest {

    private static final String CREDENTIALS = "Authorization: Basic " + Base64.getEncoder().encodeToString(
            (EmbeddedServer.USER + ":" + EmbeddedServer.PASSWORD).getBytes(StandardCharsets.UTF_8));

    /** Each endpoint tells, in its first message, who is connected and what it was given. */
    private static void greet(Session session, String what) throws IOException {
        java.security.Principal user = session.getUserPrincipal();
        session.getBasicRemote().sendText((user == null ? "anonymous" : user.getName()) + " " + what);
    }

    @ServerEndpoint("/secure/ws")
    public static class Fixed {
        @OnOpen
        public void open(Session session) throws IOException {
            greet(session, "fixed");
        }
    }

    @ServerEndpoint("/secure/{a}")
    public static class OneVariable {
        @OnOpen
        public void open(Session session, @PathParam("a") String a) throws IOException {
            greet(session, "a=" + a);
        }
    }

    @ServerEndpoint("/secure/{a}/{b}")
    public static class TwoVariables {
        @OnOpen
        public void open(Session session, @PathParam("a") String a, @PathParam("b") String b) throws IOException {
            greet(session, "a=" + a + " b=" + b);
        }
    }

    @ServerEndpoint("/secure/{a}/{b}/{c}")
    public static class ThreeVariables {
        @OnOpen
        public void open(Session session, @PathParam("a") String a, @PathParam("b") String b, @PathParam("c") String c)
                throws IOException {
            greet(session, "a=" + a + " b=" + b + " c=" + c);
        }
    }

    /** Unprotected: a template at the root, where a normalized dot path would land. */
    @ServerEndpoint("/{anything}")
    public static class Root {
        @OnOpen
        public void open(Session session, @PathParam("anything") String anything) throws IOException {
            greet(session, "root=" + anything);
        }
    }

    private static final Set<Class<?>> ENDPOINTS = Set.of(Fixed.class, OneVariable.class, TwoVariables.class,
            ThreeVariables.class, Root.class);

    /**
     * The variants an attacker tries, each aimed at a template under /secure/. Dot segments, plain
     * and encoded, with and without a parameter; encoded slashes; control characters.
     */
    private static final List<String> DOT_AND_ENCODED_VARIANTS = List.of(
            "/secure/..", "/secure/%2e%2e", "/secure/.%2E", "/secure/..;x", "/secure/.", "/secure/%2E",
            "/secure/../x", "/secure/%2e%2e/x", "/secure/..;x/x", "/secure/.;x/x",
            "/secure/../x/y", "/secure/x/../y/z", "/secure/%2e%2e/x/y", "/secure/x/..;/y/z", "/secure/../../x/y",
            "/public/../secure/ws", "/x/..;/secure/ws", "/secure/./ws", "/secure/%2e/ws",
            "/secure/a%2fb", "/secure/a%2Fb/c", "/secure/a%5cb", "/secure/a%0d%0ab", "/secure/a%00b/c/d");

    /** Variants the container normalizes onto the protected path itself: no dot, nothing encoded that matters. */
    private static final List<String> NORMALIZED_VARIANTS = List.of(
            "//secure/ws", "/secure//ws", "/secure;x=y/ws", "/secure/ws;x=y", "/%73ecure/ws", "/secure/w%73", "/secure/ws/",
            "/secure/room", "/secure/r/s", "/secure/r/s/t", "/secure;a=b/r/s/t");

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void noVariantReachesAProtectedEndpointWithoutCredentials(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, ENDPOINTS, Map.of(), null, Map.of(), true)) {
            List<String> upgraded = new ArrayList<>();
            for (String path : concat(DOT_AND_ENCODED_VARIANTS, NORMALIZED_VARIANTS)) {
                Answer answer = Answer.of(server.port(), path);
                if (answer.status() == 101) {
                    upgraded.add(path + " -> " + answer.firstText());
                }
                assertThat(answer.status()).as("%s on %s", path, kind).isIn(400, 401, 404);
            }
            assertThat(upgraded).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void withCredentialsTheProtectedEndpointsUpgradeAndNoDotPathEverDoes(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, ENDPOINTS, Map.of(), null, Map.of(), true)) {
            assertThat(Answer.of(server.port(), "/secure/ws", CREDENTIALS).firstText()).isEqualTo("ann fixed");
            assertThat(Answer.of(server.port(), "/secure/room", CREDENTIALS).firstText()).isEqualTo("ann a=room");
            assertThat(Answer.of(server.port(), "/secure/r/s", CREDENTIALS).firstText()).isEqualTo("ann a=r b=s");
            assertThat(Answer.of(server.port(), "/secure/r/s/t", CREDENTIALS).firstText()).isEqualTo("ann a=r b=s c=t");
            // A percent-encoded value is decoded exactly once: %2541 is "%41", not "A". (Jetty refuses
            // an encoded '%' in a path itself, as an ambiguous encoding: 400.)
            Answer percent = Answer.of(server.port(), "/secure/x%2541", CREDENTIALS);
            if (kind == EmbeddedServer.Kind.JETTY) {
                assertThat(percent.status()).isEqualTo(400);
            } else {
                assertThat(percent.firstText()).isEqualTo("ann a=x%41");
            }
            assertThat(Answer.of(server.port(), "/secure/caf%C3%A9", CREDENTIALS).firstText()).isEqualTo("ann a=café");

            for (String path : DOT_AND_ENCODED_VARIANTS) {
                Answer answer = Answer.of(server.port(), path, CREDENTIALS);
                assertThat(answer.status()).as("%s with credentials on %s (%s)", path, kind, answer.firstText())
                        .isIn(400, 404);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void aDotPathIsRefusedWith400EvenWhereNoConstraintApplies(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, ENDPOINTS, Map.of())) {
            assertThat(Answer.of(server.port(), "/room").firstText()).isEqualTo("anonymous root=room");
            for (String path : List.of("/x/..", "/x/%2e%2e", "/x/..;y", "/.%2e", "/a%0d%0ab", "/a%2fb")) {
                Answer answer = Answer.of(server.port(), path);
                assertThat(answer.status()).as("%s on %s (%s)", path, kind, answer.firstText()).isIn(400, 404);
            }
            // What Halyard itself answers: 400 with the rule (the containers may refuse some first).
            Answer dots = Answer.of(server.port(), "/x/..;y");
            if (dots.status() == 400 && dots.head().contains("text/plain")) {
                assertThat(dots.body()).contains("dot segment");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void aJsessionidPathParameterDoesNotStopTheMatch(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, ENDPOINTS, Map.of(), null, Map.of(), true)) {
            assertThat(Answer.of(server.port(), "/secure/ws;jsessionid=0123456789ABCDEF", CREDENTIALS).firstText())
                    .isEqualTo("ann fixed");
            assertThat(Answer.of(server.port(), "/secure/room;jsessionid=0123456789ABCDEF", CREDENTIALS).firstText())
                    .isEqualTo("ann a=room");
        }
    }

    // ---- origins

    @ServerEndpoint("/open")
    public static class Open {
        @OnOpen
        public void open(Session session) throws IOException {
            greet(session, "open");
        }
    }

    /** The endpoint's own check, which the allow-list comes before and which can only refuse more. */
    public static class OnlyTheApp extends ServerEndpointConfig.Configurator {
        @Override
        public boolean checkOrigin(String origin) {
            return "https://app.example.com".equals(origin);
        }
    }

    @ServerEndpoint(value = "/strict", configurator = OnlyTheApp.class)
    public static class Strict {
        @OnOpen
        public void open(Session session) throws IOException {
            greet(session, "strict");
        }
    }

    /** Reports the container's count of handshakes refused with 403. */
    public static class RefusalCount extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            HalyardServerContainer container = (HalyardServerContainer) request.getServletContext()
                    .getAttribute(ServerContainer.class.getName());
            response.getWriter().write("403=" + container.refusedHandshakes(403));
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void theOriginAllowListRefusesAndAdmitsAsConfigured(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Open.class, Strict.class),
                Map.of("halyard.allowedOrigins", "https://app.example.com, *.trusted.test"), null,
                Map.of("/count", new RefusalCount()))) {
            int port = server.port();
            Map<String, Integer> expected = new java.util.LinkedHashMap<>();
            expected.put("https://app.example.com", 101);
            expected.put("https://APP.example.com:443", 101);
            expected.put("http://a.trusted.test:8080", 101);
            expected.put("https://deep.a.trusted.test", 101);
            expected.put("http://app.example.com", 403); // another scheme is another origin
            expected.put("https://app.example.com:8443", 403);
            expected.put("https://evil.example.com", 403);
            expected.put("https://app.example.com.evil.test", 403);
            expected.put("https://trusted.test", 403); // *. means under it, not itself
            expected.put("https://eviltrusted.test", 403);
            expected.put("null", 403);
            expected.put("not an origin", 403);
            int refused = 0;
            for (Map.Entry<String, Integer> origin : expected.entrySet()) {
                Answer answer = Answer.of(port, "/open", "Origin: " + origin.getKey());
                assertThat(answer.status()).as("Origin %s on %s", origin.getKey(), kind).isEqualTo(origin.getValue());
                if (origin.getValue() == 403) {
                    refused++;
                    assertThat(answer.body()).contains("halyard.allowedOrigins");
                } else {
                    assertThat(answer.firstText()).isEqualTo("anonymous open");
                }
            }
            assertThat(Answer.of(port, "/open").firstText()).as("no Origin: not a browser").isEqualTo("anonymous open");

            // The endpoint's own checkOrigin still applies, after the list.
            assertThat(Answer.of(port, "/strict", "Origin: https://app.example.com").firstText()).isEqualTo("anonymous strict");
            assertThat(Answer.of(port, "/strict", "Origin: http://a.trusted.test").status()).isEqualTo(403);
            refused++;
            assertThat(Answer.of(port, "/strict", "Origin: https://evil.example.com").body()).contains("halyard.allowedOrigins");
            refused++;

            assertThat(new String(new java.net.URL("http://localhost:" + port + "/count").openStream().readAllBytes(),
                    StandardCharsets.UTF_8)).isEqualTo("403=" + refused);
        }
    }

    // ---- the raw client

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * The server's answer to a handshake GET written byte for byte: the status, the head, and the
     * first text message after a 101 (each endpoint here sends one on open) or the body of a refusal.
     */
    record Answer(int status, String head, String body, String firstText) {

        static Answer of(int port, String path, String... headers) throws Exception {
            try (Socket socket = new Socket("localhost", port)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n");
                for (String header : RawHttp.handshake(headers)) {
                    request.append(header).append("\r\n");
                }
                // Content-Length: 0 as the JDK client sends it: plain Jetty switches an upgraded GET only with it.
                request.append("Content-Length: 0\r\n\r\n");
                out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = socket.getInputStream();
                String head = readHead(in);
                int status = Integer.parseInt(head.substring(9, 12));
                if (status != 101) {
                    return new Answer(status, head, readBody(in, head), null);
                }
                int b0 = in.read();
                int b1 = in.read();
                if (b0 != 0x81) {
                    return new Answer(status, head, "", "(not a text frame: " + b0 + ")");
                }
                byte[] payload = in.readNBytes(b1 & 0x7F); // short, unmasked
                return new Answer(status, head, "", new String(payload, StandardCharsets.UTF_8));
            }
        }

        private static String readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("The server closed the connection after " + head);
                }
                head.append((char) b);
            }
            return head.toString();
        }

        private static String readBody(InputStream in, String head) throws IOException {
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
            if (length.find()) {
                return new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
            }
            return "";
        }
    }
}
