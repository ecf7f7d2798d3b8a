// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Container features over real connections, on both containers. */
class ServletFeaturesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static WebSocket connect(EmbeddedServer server, String path, ServletIntegrationTest.Received listener) throws Exception {
        return HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://localhost:" + server.port() + path), listener)
                .get(20, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void originRefusedByTheConfiguratorGets403(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Guarded.class), Map.of())) {
            assertThat(RawHttp.request(server.port(), "/guarded", RawHttp.handshake("Origin: https://evil.example")))
                    .startsWith("HTTP/1.1 403");
            assertThat(RawHttp.request(server.port(), "/guarded", RawHttp.handshake("Origin: https://good.example", "Content-Length: 0")))
                    .startsWith("HTTP/1.1 101");
        }
    }

    /** A frame that claims 2^63-1 bytes gets a 1009 close at once; nothing is allocated for the claim. */
    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void aFrameDeclaringAnEnormousLengthIsRefusedWith1009(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Plain.class), Map.of())) {
            byte[] header = {(byte) 0x82, (byte) 0xFF, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xFF, 1, 2, 3, 4};
            byte[] answer = RawHttp.afterHandshake(server.port(), "/plain", header);
            assertThat(answer).isNotNull();
            assertThat(answer[0] & 0xFF).as("a close frame").isEqualTo(0x88);
            assertThat(((answer[2] & 0xFF) << 8) | (answer[3] & 0xFF)).isEqualTo(1009);
            assertThat(new String(answer, 4, answer.length - 4, java.nio.charset.StandardCharsets.UTF_8))
                    .contains("exceeds the limit of 65536 bytes");
        }
    }

    /** An unmasked frame from a client gets 1002 (RFC 6455 §5.1). */
    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void anUnmaskedFrameIsRefusedWith1002(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Plain.class), Map.of())) {
            byte[] answer = RawHttp.afterHandshake(server.port(), "/plain", new byte[] {(byte) 0x81, 0x02, 'h', 'i'});
            assertThat(answer).isNotNull();
            assertThat(((answer[2] & 0xFF) << 8) | (answer[3] & 0xFF)).isEqualTo(1002);
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void contextParametersSetTheDefaults(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Plain.class),
                Map.of("halyard.maxTextMessageBufferSize", "100"))) {
            ServletIntegrationTest.Received received = new ServletIntegrationTest.Received();
            WebSocket socket = connect(server, "/plain", received);
            socket.sendText("x".repeat(100), true).get(10, TimeUnit.SECONDS);
            assertThat(received.next()).isEqualTo("x".repeat(100));
            socket.sendText("x".repeat(101), true).get(10, TimeUnit.SECONDS);
            assertThat(received.closed.get(10, TimeUnit.SECONDS)).startsWith("1009 ").contains("exceeds the limit of 100 bytes");
        }
    }

    /** An application's own initializer that deploys an endpoint from a ServletContextListener. */
    public static class DeployFromListener implements ServletContainerInitializer {
        @Override
        public void onStartup(Set<Class<?>> classes, ServletContext context) {
            context.addListener(new ServletContextListener() {
                @Override
                public void contextInitialized(ServletContextEvent event) {
                    ServerContainer container = (ServerContainer) event.getServletContext().getAttribute(ServerContainer.class.getName());
                    try {
                        container.addEndpoint(ServerEndpointConfig.Builder.create(Endpoints.Greeter.class, "/greet/{name}").build());
                    } catch (DeploymentException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void endpointsAddedFromAListener(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(), Map.of(), new DeployFromListener(), Map.of())) {
            ServletIntegrationTest.Received received = new ServletIntegrationTest.Received();
            WebSocket socket = connect(server, "/greet/ann", received);
            socket.sendText("there", true).get(10, TimeUnit.SECONDS);
            assertThat(received.next()).isEqualTo("hello there from {name=ann}");
        }
    }

    /** A @PathParam of a type no path parameter may have: a deployment error (Jakarta WebSocket 2.2 §4.3). */
    @jakarta.websocket.server.ServerEndpoint("/broken/{arg}")
    public static class Broken {
        @jakarta.websocket.OnMessage
        public void text(String text, @jakarta.websocket.server.PathParam("arg") StringBuilder arg) {
        }
    }

    /** An application's initializer that keeps the container, and optionally adds {@link Broken} from its listener. */
    public static class KeepContainer implements ServletContainerInitializer {
        final boolean addBrokenWhileStarting;
        volatile ServerContainer container;
        volatile DeploymentException listenerSaw;

        KeepContainer(boolean addBrokenWhileStarting) {
            this.addBrokenWhileStarting = addBrokenWhileStarting;
        }

        @Override
        public void onStartup(Set<Class<?>> classes, ServletContext context) {
            container = (ServerContainer) context.getAttribute(ServerContainer.class.getName());
            if (addBrokenWhileStarting) {
                context.addListener(new ServletContextListener() {
                    @Override
                    public void contextInitialized(ServletContextEvent event) {
                        try {
                            container.addEndpoint(Broken.class);
                        } catch (DeploymentException e) {
                            listenerSaw = e; // as the TCK's negdep listeners do: logged, the application starts
                        }
                    }
                });
            }
        }
    }

    /** WSC-5.2.1-3: an error while the application deploys halts its deployment and removes the endpoints it had. */
    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void aDeploymentErrorWhileStartingTakesEveryEndpointOutOfService(EmbeddedServer.Kind kind) throws Exception {
        KeepContainer application = new KeepContainer(true);
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Plain.class), Map.of(), application, Map.of())) {
            assertThat(application.listenerSaw).isNotNull().hasMessageContaining(Broken.class.getName())
                    .hasMessageContaining("StringBuilder");
            assertThat(RawHttp.request(server.port(), "/plain", RawHttp.handshake())).startsWith("HTTP/1.1 404");
            assertThatThrownBy(() -> application.container.addEndpoint(
                    ServerEndpointConfig.Builder.create(Endpoints.Greeter.class, "/greet/{name}").build()))
                    .isInstanceOf(DeploymentException.class).hasMessageContaining("deployment failed")
                    .hasMessageContaining(Broken.class.getName());
            assertThat(RawHttp.request(server.port(), "/greet/ann", RawHttp.handshake())).startsWith("HTTP/1.1 404");
        }
    }

    /** Once the application serves, an endpoint that fails to deploy concerns only itself. */
    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void anEndpointThatFailsOnceTheApplicationServesLeavesTheOthersInService(EmbeddedServer.Kind kind) throws Exception {
        KeepContainer application = new KeepContainer(false);
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Plain.class), Map.of(), application, Map.of())) {
            assertThatThrownBy(() -> application.container.addEndpoint(Broken.class)).isInstanceOf(DeploymentException.class)
                    .hasMessageContaining(Broken.class.getName());
            assertThat(RawHttp.request(server.port(), "/plain", RawHttp.handshake("Content-Length: 0"))).startsWith("HTTP/1.1 101");
            application.container.addEndpoint(ServerEndpointConfig.Builder.create(Endpoints.Greeter.class, "/greet/{name}").build());
            ServletIntegrationTest.Received received = new ServletIntegrationTest.Received();
            WebSocket socket = connect(server, "/greet/ann", received);
            socket.sendText("there", true).get(10, TimeUnit.SECONDS);
            assertThat(received.next()).isEqualTo("hello there from {name=ann}");
        }
    }

    /** A front controller that upgrades requests itself (Jakarta WebSocket 2.1 upgradeHttpToWebSocket). */
    public static class FrontController extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            ServerContainer container = (ServerContainer) request.getServletContext().getAttribute(ServerContainer.class.getName());
            try {
                container.upgradeHttpToWebSocket(request, response,
                        ServerEndpointConfig.Builder.create(Endpoints.Greeter.class, "/manual").build(),
                        Map.of("via", request.getPathInfo().substring(1)));
            } catch (DeploymentException e) {
                throw new IOException(e);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void upgradeFromAServlet(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(), Map.of(), null,
                Map.of("/manual/*", new FrontController()))) {
            ServletIntegrationTest.Received received = new ServletIntegrationTest.Received();
            WebSocket socket = connect(server, "/manual/servlet", received);
            socket.sendText("bob", true).get(10, TimeUnit.SECONDS);
            assertThat(received.next()).isEqualTo("hello bob from {via=servlet}");
        }
    }
}
