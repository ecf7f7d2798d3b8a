// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static dev.halyard.websocket.servlet.RawSocket.handshake;
import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.client.HalyardClientContainer;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A slow application with its connection's inbox full: what is left unread must still arrive once
 * the application catches up, even when the peer sends nothing more (on Tomcat, those last bytes
 * may wait in Tomcat's own buffer, with nothing left in the socket to wake its poller).
 */
class FullInboxTest {

    /** Answers each message with its length, after 200 ms. */
    @ServerEndpoint("/slow")
    public static class Slow {
        @OnMessage(maxMessageSize = 1 << 20)
        public String slowly(byte[] message) throws InterruptedException {
            Thread.sleep(200); // the slow application: while it works, its inbox fills
            return "got " + message.length;
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void whatWaitsBehindAFullInboxIsReadOnceTheApplicationCatchesUp(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Slow.class), Map.of());
                Socket socket = handshake(server.port(), "/slow")) {
            socket.setSoTimeout(10_000);
            for (int round = 0; round < 8; round++) {
                // Enough to fill the 64 KiB inbox, then a small message that the container may read ahead of it.
                int small = 1_000 + 1_000 * round;
                ByteArrayOutputStream both = new ByteArrayOutputStream();
                both.write(RawSocket.frame(0x2, true, new byte[65_000]));
                both.write(RawSocket.frame(0x2, true, new byte[small]));
                socket.getOutputStream().write(both.toByteArray());
                socket.getOutputStream().flush();
                assertThat(new String(RawSocket.Frame.read(socket.getInputStream()).payload())).isEqualTo("got 65000");
                assertThat(new String(RawSocket.Frame.read(socket.getInputStream()).payload()))
                        .as("the message behind the full inbox, round " + round).isEqualTo("got " + small);
            }
        }
    }

    /**
     * Messages of 64 KiB and more, each echoed before the next is sent: the inbox fills with the
     * last bytes of a message still unread, and the peer sends nothing until it has the echo. With
     * those bytes in Tomcat's buffer and no read dispatch asked for, this stalled (once in about 20
     * rounds with the other core busy).
     */
    @ParameterizedTest
    @MethodSource("dev.halyard.websocket.servlet.EmbeddedServer#forAnyClient")
    void echoesOfMessagesThatFillTheInboxNeverStall(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Echo.class), Map.of());
                HalyardClientContainer client = new HalyardClientContainer()) {
            ClientMessages.Annotated endpoint = new ClientMessages.Annotated();
            Session session = client.connectToServer(endpoint, URI.create("ws://localhost:" + server.port() + "/echo"));
            for (int round = 0; round < 150; round++) {
                for (int size : new int[] {65_535, 65_536, 100_000, 1 << 18}) {
                    String text = "x".repeat(size);
                    session.getBasicRemote().sendText(text);
                    assertThat(endpoint.messages.poll(10, TimeUnit.SECONDS)).as("round %d: the echo of %d bytes", round, size)
                            .isEqualTo(text);
                }
            }
            session.close();
        }
    }
}
