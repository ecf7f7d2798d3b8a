// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.client;

import static dev.halyard.websocket.client.ScriptedServer.switching;
import static dev.halyard.websocket.client.ScriptedServer.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.session.SessionDefaults;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The client against a server that stops reading: a closed session still lets go of its socket. */
class ClientHostilePeerTest {

    /** What the server read once it began to read: its data frames, and whether a close frame came before the end. */
    private record Read(long dataBytes, boolean closeFrame) {
    }

    private static final class Closes extends Endpoint {
        final BlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closes.add(reason);
        }
    }

    @Test
    void aSessionClosedBehindAServerThatDoesNotReadReleasesItsSocket() throws Exception {
        CompletableFuture<Read> read = new CompletableFuture<>();
        try (HalyardClientContainer client = new HalyardClientContainer();
                ScriptedServer server = new ScriptedServer((request, socket, out) -> {
                    write(out, switching(request, ""));
                    try {
                        // Read nothing for longer than the client waits for its close frame to be written.
                        Thread.sleep(SessionDefaults.CLOSE_HANDSHAKE_TIMEOUT_MILLIS + 2_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    socket.setSoTimeout(10_000);
                    read.complete(readUntilTheEnd(new DataInputStream(socket.getInputStream())));
                })) {
            Closes endpoint = new Closes();
            Session session = client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(),
                    URI.create("ws://127.0.0.1:" + server.port() + "/"));
            String chunk = "x".repeat(64 * 1024);
            for (int i = 0; i < 200; i++) { // 12.5 MiB offered: what the sockets and the 1 MiB backlog take, the rest refused
                session.getAsyncRemote().sendText(chunk);
            }
            session.close();
            Read result = read.get(30, TimeUnit.SECONDS);
            assertThat(result.closeFrame()).as("the close frame, stuck behind unsent data, was abandoned with the connection")
                    .isFalse();
            assertThat(result.dataBytes()).as("the data that was on its way when the connection was dropped").isPositive();
            CloseReason reason = endpoint.closes.poll(10, TimeUnit.SECONDS);
            assertThat(reason).isNotNull();
            assertThat(reason.getCloseCode().getCode()).isEqualTo(1000);
            assertThat(endpoint.closes.poll(1, TimeUnit.SECONDS)).as("onClose once").isNull();
        }
    }

    /** Client frames (masked) until the connection ends; a reset counts as its end. */
    private static Read readUntilTheEnd(DataInputStream in) throws IOException {
        long data = 0;
        try {
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long length = b1 & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                in.readNBytes(4); // the mask key
                in.skipNBytes(length);
                if ((b0 & 0x0F) == 0x8) {
                    return new Read(data, true);
                }
                data += length;
            }
        } catch (EOFException | SocketException e) {
            return new Read(data, false);
        }
    }
}
