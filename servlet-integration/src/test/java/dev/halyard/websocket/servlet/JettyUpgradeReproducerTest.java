// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A minimal reproducer, with no Halyard code in the upgrade: a servlet answers 101 and upgrades
 * with a handler that writes back "ok:" and the first bytes it reads. On Tomcat 11.0.27 the bytes
 * after the 101 reach the handler with or without {@code Content-Length: 0} on the GET. On Jetty
 * 12.1.14 they do only with it: without it (as browsers send a WebSocket handshake), Jetty parses
 * the bytes never reach the handler: depending on timing, Jetty answers them with a 400 as if
 * they began a new request, or not at all. When this test fails on Jetty, Jetty has changed.
 */
class JettyUpgradeReproducerTest {

    /** Echoes the first bytes it reads after the upgrade, prefixed with "ok:". */
    public static class EchoOnce implements HttpUpgradeHandler {
        @Override
        public void init(WebConnection connection) {
            try {
                ServletInputStream in = connection.getInputStream();
                ServletOutputStream out = connection.getOutputStream();
                in.setReadListener(new ReadListener() {
                    @Override
                    public void onDataAvailable() throws IOException {
                        byte[] bytes = new byte[64];
                        while (in.isReady()) {
                            int n = in.read(bytes);
                            if (n <= 0) {
                                return;
                            }
                            out.write("ok:".getBytes(StandardCharsets.US_ASCII));
                            out.write(bytes, 0, n);
                            out.flush();
                        }
                    }

                    @Override
                    public void onAllDataRead() {
                    }

                    @Override
                    public void onError(Throwable t) {
                    }
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void destroy() {
        }
    }

    public static class UpgradeServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, jakarta.servlet.ServletException {
            response.setStatus(101);
            response.setHeader("Upgrade", "probe");
            response.setHeader("Connection", "Upgrade");
            request.upgrade(EchoOnce.class);
        }
    }

    private static String exchange(int port, boolean contentLength) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /probe HTTP/1.1\r\nHost: localhost\r\nUpgrade: probe\r\nConnection: Upgrade\r\n"
                    + (contentLength ? "Content-Length: 0\r\n" : "") + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.read());
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 101");
            out.write("PING".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] answer = new byte[64];
            try {
                int n = in.read(answer);
                return n <= 0 ? "" : new String(answer, 0, n, StandardCharsets.ISO_8859_1);
            } catch (java.net.SocketTimeoutException e) {
                return ""; // nothing came back
            }
        }
    }

    @ParameterizedTest(name = "{0}, Content-Length: 0 sent: {1}, handler reached: {2}")
    @CsvSource({"TOMCAT, true, true", "TOMCAT, false, true", "JETTY, true, true", "JETTY, false, false"})
    void bytesAfterTheSwitch(EmbeddedServer.Kind kind, boolean contentLength, boolean reachesHandler) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(), Map.of(), null, Map.of("/probe", new UpgradeServlet()))) {
            String answer = exchange(server.port(), contentLength);
            if (reachesHandler) {
                assertThat(answer).isEqualTo("ok:PING");
            } else {
                assertThat(answer).doesNotStartWith("ok:");
            }
        }
    }
}
