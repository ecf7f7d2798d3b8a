// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A handshake as browsers send it, without {@code Content-Length}, then a masked text frame: the
 * echo comes back on both containers. On Jetty this needs the Jetty transport of this module,
 * since Jetty's servlet upgrade does not deliver these bytes (JettyUpgradeReproducerTest).
 */
class BrowserLikeHandshakeTest {

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void echoAfterAHandshakeWithoutContentLength(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Plain.class), Map.of());
                Socket socket = new Socket("localhost", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /plain HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Origin: http://localhost\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            // The first frame right behind the request, as a fast client may send it: "Hello", masked (RFC 6455 §5.7).
            out.write(new byte[] {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58});
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.read());
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 101").contains("Sec-WebSocket-Extensions: permessage-deflate\r\n");
            // The browser's permessage-deflate offer is taken, so "Hello" comes back compressed: the bytes of
            // RFC 7692 §7.2.3.1, RSV1 set.
            byte[] frame = in.readNBytes(9);
            assertThat(frame).containsExactly(0xc1, 0x07, 0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00);
        }
    }
}
