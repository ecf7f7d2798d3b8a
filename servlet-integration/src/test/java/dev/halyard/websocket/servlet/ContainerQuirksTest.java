// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.http11.upgrade.UpgradeServletInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The container quirks chosen for real upgraded connections. Tomcat's are reached by reflection:
 * when a Tomcat upgrade moves them, the first test fails and says what is missing, rather than the
 * connections silently waiting for dispatches that never come.
 */
class ContainerQuirksTest {

    @Test
    void tomcatsInternalsThatTheDispatchesReachAreThere() throws ReflectiveOperationException {
        TomcatQuirks.Internals internals = TomcatQuirks.Internals.find(UpgradeServletInputStream.class);
        assertThat(internals.processSocket().getName()).isEqualTo("processSocket");
        assertThat(internals.registerWriteInterest().getName()).isEqualTo("registerWriteInterest");
        assertThat(internals.openRead()).hasToString("OPEN_READ");
    }

    /** Upgrades to a handler that chooses the connection's quirks and closes it. */
    private static final class UpgradeServlet extends HttpServlet {
        final CompletableFuture<ContainerQuirks> chosen = new CompletableFuture<>();

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
            response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS); // before upgrade: Jetty refuses otherwise
            response.setHeader("Upgrade", "test");
            response.setHeader("Connection", "Upgrade");
            request.upgrade(ClosingHandler.class).chosen = chosen;
        }
    }

    /** Chooses the connection's quirks, then closes it as {@code ServletTransport.close} does. */
    public static final class ClosingHandler implements HttpUpgradeHandler {
        volatile CompletableFuture<ContainerQuirks> chosen;

        @Override
        public void init(WebConnection connection) {
            try {
                ContainerQuirks quirks = ContainerQuirks.of(connection.getInputStream());
                connection.close();
                quirks.requestCloseDispatch();
                chosen.complete(quirks);
            } catch (Exception e) {
                chosen.completeExceptionally(e);
            }
        }

        @Override
        public void destroy() {
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void aRealConnectionGetsItsContainersQuirksAndCloses(EmbeddedServer.Kind kind) throws Exception {
        UpgradeServlet servlet = new UpgradeServlet();
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(), Map.of(), null, Map.of("/upgrade", servlet));
                Socket socket = new Socket("localhost", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /upgrade HTTP/1.1\r\nHost: localhost\r\nUpgrade: test\r\n"
                    + "Connection: Upgrade\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                assertThat(b).as("the answer to the upgrade, so far: " + head).isNotNegative();
                head.append((char) b);
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 101");

            ContainerQuirks quirks = servlet.chosen.get(10, TimeUnit.SECONDS);
            if (kind == EmbeddedServer.Kind.TOMCAT) {
                assertThat(quirks).isInstanceOf(TomcatQuirks.class);
                assertThat(((TomcatQuirks) quirks).dispatches()).as("Tomcat's socket wrapper read from the real stream").isTrue();
            } else {
                assertThat(quirks).isSameAs(ContainerQuirks.NONE);
            }
            assertThat(in.read()).as("the peer sees the connection end").isEqualTo(-1);
        }
    }
}
