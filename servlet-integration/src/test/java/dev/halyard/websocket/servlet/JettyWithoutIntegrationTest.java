// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.halyard.websocket.testing.LogCapture;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Halyard on Jetty 12.1 without halyard-jetty-integration fails loudly: one ERROR as the
 * application starts, naming the jar, and a 501 with the same words for a handshake whose frames
 * Jetty's servlet upgrade would lose (no Content-Length, as browsers send it), instead of a
 * connection that goes silent. Handshakes Jetty does switch (Content-Length: 0) and every
 * handshake on Tomcat are served as before. Skipped where the module is present (jetty-integration
 * reruns these tests with it).
 */
class JettyWithoutIntegrationTest {

    @BeforeEach
    void withoutTheJettyModule() {
        boolean present;
        try {
            Class.forName("dev.halyard.websocket.jetty.JettyUpgrade");
            present = true;
        } catch (ClassNotFoundException e) {
            present = false;
        }
        assumeFalse(present, "halyard-jetty-integration is on the class path");
    }

    @Test
    void jettyLogsOneErrorAndRefusesABrowsersHandshakeWith501() throws Exception {
        try (LogCapture log = LogCapture.of(ContainerUpgrades.class.getName());
                EmbeddedServer server = EmbeddedServer.start(EmbeddedServer.Kind.JETTY, Set.of(Endpoints.Plain.class), Map.of())) {
            assertThat(log.at(Level.SEVERE)).singleElement().asString()
                    .contains("halyard-jetty-integration", "not on the application's class path", "501");
            String refused = exchange(server.port(), false);
            assertThat(refused).startsWith("HTTP/1.1 501").contains("needs halyard-jetty-integration", "C19");
            assertThat(exchange(server.port(), true)).startsWith("HTTP/1.1 101");
        }
    }

    @Test
    void tomcatNeedsNoModuleAndSaysNothing() throws Exception {
        try (LogCapture log = LogCapture.of(ContainerUpgrades.class.getName());
                EmbeddedServer server = EmbeddedServer.start(EmbeddedServer.Kind.TOMCAT, Set.of(Endpoints.Plain.class), Map.of())) {
            assertThat(exchange(server.port(), false)).startsWith("HTTP/1.1 101");
            assertThat(log.at(Level.SEVERE)).isEmpty();
        }
    }

    /** A handshake to /plain; the answer's head, and its body when it is not a 101. */
    static String exchange(int port, boolean contentLength) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /plain HTTP/1.1\r\nHost: localhost\r\n" + String.join("\r\n", RawHttp.handshake()) + "\r\n"
                    + (contentLength ? "Content-Length: 0\r\n" : "") + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return head.toString();
                }
                head.append((char) b);
            }
            if (head.toString().startsWith("HTTP/1.1 101")) {
                return head.toString();
            }
            int length = Integer.parseInt(head.toString().replaceAll("(?is).*\r\ncontent-length: *(\\d+).*", "$1"));
            return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
    }
}
