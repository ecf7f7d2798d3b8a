package dev.halyard.websocket.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.client.HalyardClientContainer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Session;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
