// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import static dev.halyard.websocket.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every way a session ends calls onClose exactly once, with the code the spec asks for. */
class ClosingTest {

    @Test
    void closeHandshakeStartedByTheClient() throws Exception {
        RecordingEndpoint client = RecordingEndpoint.collecting();
        RecordingEndpoint server = RecordingEndpoint.collecting();
        SessionPair pair = SessionPair.open(client, server);
        assertThat(pair.serverGroup).containsExactly(pair.server);
        pair.client.close(new CloseReason(CloseCodes.GOING_AWAY, "bye now"));
        assertThat(pair.client.isOpen()).as("closed by the application: no longer open at once").isFalse();

        assertThat(client.awaitOnlyClose()).satisfies(reason -> {
            assertThat(reason.getCloseCode()).isEqualTo(CloseCodes.GOING_AWAY);
            assertThat(reason.getReasonPhrase()).isEqualTo("bye now");
        });
        assertThat(server.awaitOnlyClose()).satisfies(reason -> {
            assertThat(reason.getCloseCode()).as("the peer's code").isEqualTo(CloseCodes.GOING_AWAY);
            assertThat(reason.getReasonPhrase()).isEqualTo("bye now");
        });
        eventually().until(() -> pair.clientTransport.isClosed() && pair.serverTransport.isClosed());
        assertThat(pair.client.isOpen()).isFalse();
        // the server closed its transport before, maybe, its onClose returned, which is when isOpen() turns false
        eventually().until(() -> !pair.server.isOpen());
        assertThat(pair.serverGroup).isEmpty();
        pair.client.close(); // no effect the second time
        // Nothing would follow a wrongful second onClose: watch a while.
        eventually().during(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(client.closes).hasSize(1);
            assertThat(server.closes).hasSize(1);
        });
        assertThat(client.errors).isEmpty();
        assertThat(server.errors).isEmpty();
    }

    @Test
    void theSessionCanBeReadDuringOnCloseButNotAfter() throws Exception {
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.Set<jakarta.websocket.Session> group = java.util.concurrent.ConcurrentHashMap.newKeySet();
        RecordingEndpoint server = new RecordingEndpoint(session -> session.getUserProperties().put("name", "ann")) {
            @Override
            public void onClose(jakarta.websocket.Session session, CloseReason closeReason) {
                seen.add(session.getUserProperties().get("name") + " " + session.getOpenSessions().size() + " "
                        + session.getMessageHandlers().size() + " " + session.isOpen());
                super.onClose(session, closeReason);
            }
        };
        SessionPair other = SessionPair.open(RecordingEndpoint.collecting(), RecordingEndpoint.collecting(),
                SessionConfig.defaults(), SessionConfig.defaults(), 1024, group);
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), server, SessionConfig.defaults(),
                SessionConfig.defaults(), 1024, group);
        pair.client.close();
        server.awaitOnlyClose();
        // The others still open, itself no longer in the set; but it reports itself open until
        // onClose returns, as Tomcat does, so polling isOpen() finds onClose's work done.
        assertThat(seen).containsExactly("ann 1 0 true");
        eventually().until(() -> !pair.server.isOpen());
        assertThatThrownBy(pair.server::getOpenSessions).isInstanceOf(IllegalStateException.class);
        assertThat(other.server.isOpen()).isTrue();
    }

    @Test
    void emptyCloseFrameIsReportedAsNoStatusCode() throws Exception {
        RecordingEndpoint client = RecordingEndpoint.collecting();
        RecordingEndpoint server = RecordingEndpoint.collecting();
        SessionPair pair = SessionPair.open(client, server);
        pair.server.close(new CloseReason(CloseCodes.NO_STATUS_CODE, null));
        assertThat(client.awaitOnlyClose().getCloseCode()).isEqualTo(CloseCodes.NO_STATUS_CODE);
        assertThat(server.awaitOnlyClose().getCloseCode()).isEqualTo(CloseCodes.NO_STATUS_CODE);
    }

    @Test
    void closeCodesThatMayNotBeSentAreRefused() {
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), RecordingEndpoint.collecting());
        assertThatThrownBy(() -> pair.client.close(new CloseReason(CloseCodes.CLOSED_ABNORMALLY, "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Close code 1006 may not be sent");
        assertThatThrownBy(() -> pair.client.close(new CloseReason(CloseCodes.TLS_HANDSHAKE_FAILURE, "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1015");
        assertThat(pair.client.isOpen()).isTrue();
    }

    @Test
    void messagesQueuedBeforeCloseAreDeliveredFirst() throws Exception {
        RecordingEndpoint server = RecordingEndpoint.collecting();
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), server, SessionConfig.defaults(),
                SessionConfig.defaults(), 1024);
        pair.serverTransport.pauseReading();
        String body = "x".repeat(2000); // 20 x 2 kB through a 1 KiB pipe: most wait in the queue behind the first
        for (int i = 0; i < 20; i++) {
            pair.client.getAsyncRemote().sendText(i + body);
        }
        pair.client.close();
        pair.serverTransport.resumeReading();
        for (int i = 0; i < 20; i++) {
            assertThat(server.nextMessage()).isEqualTo(i + body);
        }
        assertThat(server.awaitOnlyClose().getCloseCode()).isEqualTo(CloseCodes.NORMAL_CLOSURE);
    }

    @Test
    void sendingOnAClosedSessionFails() throws Exception {
        RecordingEndpoint client = RecordingEndpoint.collecting();
        SessionPair pair = SessionPair.open(client, RecordingEndpoint.collecting());
        jakarta.websocket.RemoteEndpoint.Basic basic = pair.client.getBasicRemote();
        jakarta.websocket.RemoteEndpoint.Async async = pair.client.getAsyncRemote();
        pair.client.close();
        client.awaitOnlyClose();
        assertThatThrownBy(() -> basic.sendText("late")).isInstanceOf(IOException.class).hasMessageContaining("is closed");
        assertThatThrownBy(() -> async.sendText("late").get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
        assertThatThrownBy(pair.client::getBasicRemote).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void protocolErrorClosesWithItsCodeAndReportsTheSameLocally() throws Exception {
        RecordingEndpoint server = RecordingEndpoint.collecting();
        RecordingEndpoint client = RecordingEndpoint.collecting();
        SessionPair pair = SessionPair.open(client, server);
        pair.clientTransport.writeRaw(new byte[] {(byte) 0x83, (byte) 0x80, 0, 0, 0, 0}); // reserved opcode 0x3

        CloseReason local = server.awaitOnlyClose();
        assertThat(local.getCloseCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
        assertThat(local.getReasonPhrase()).contains("Reserved opcode 0x3");
        CloseReason seenByPeer = client.awaitOnlyClose();
        assertThat(seenByPeer.getCloseCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
        assertThat(seenByPeer.getReasonPhrase()).contains("Reserved opcode 0x3");
        eventually().until(pair.serverTransport::isClosed);
        assertThat(server.closes).hasSize(1);
    }

    @Test
    void wholeMessageOverTheLimitClosesWith1009() throws Exception {
        RecordingEndpoint server = RecordingEndpoint.collecting();
        RecordingEndpoint client = RecordingEndpoint.collecting();
        SessionPair pair = SessionPair.open(client, server, SessionConfig.defaults(),
                SessionConfig.defaults().withMessageLimits(100, 100), 64 * 1024);
        pair.client.getBasicRemote().sendText("x".repeat(100));
        assertThat(server.nextMessage()).isEqualTo("x".repeat(100));
        pair.client.getBasicRemote().sendText("x".repeat(101));
        assertThat(client.awaitOnlyClose()).satisfies(reason -> {
            assertThat(reason.getCloseCode()).isEqualTo(CloseCodes.TOO_BIG);
            assertThat(reason.getReasonPhrase()).contains("101 bytes exceeds the limit of 100 bytes");
        });
        assertThat(server.awaitOnlyClose().getCloseCode()).as("the endpoint that refused hears the code it sent")
                .isEqualTo(CloseCodes.TOO_BIG);
    }

    @Test
    void limitsChangedOnTheSessionApply() throws Exception {
        RecordingEndpoint server = RecordingEndpoint.collecting();
        RecordingEndpoint client = RecordingEndpoint.collecting();
        SessionPair pair = SessionPair.open(client, server);
        pair.server.setMaxBinaryMessageBufferSize(10);
        assertThat(pair.server.getMaxBinaryMessageBufferSize()).isEqualTo(10);
        pair.client.getBasicRemote().sendBinary(ByteBuffer.allocate(11));
        assertThat(client.awaitOnlyClose().getCloseCode()).isEqualTo(CloseCodes.TOO_BIG);
        assertThatThrownBy(() -> pair.client.setMaxTextMessageBufferSize(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void aMessageNoHandlerTakesIsDroppedAndTheSessionGoesOn() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint(session -> session.addMessageHandler(String.class,
                (jakarta.websocket.MessageHandler.Whole<String>) text -> session.getAsyncRemote().sendText("echo " + text)));
        RecordingEndpoint client = RecordingEndpoint.collecting();
        SessionPair pair = SessionPair.open(client, server);
        pair.client.getBasicRemote().sendBinary(ByteBuffer.allocate(3)); // no binary handler: dropped, as in Tomcat
        pair.client.getBasicRemote().sendText("after");
        assertThat(client.nextMessage()).isEqualTo("echo after");
        assertThat(pair.server.isOpen()).isTrue();
        assertThat(server.closes).isEmpty();
    }

    @Test
    void idleSessionIsClosedWithACloseFrameAndA1006Locally() throws Exception {
        RecordingEndpoint server = RecordingEndpoint.collecting();
        RecordingEndpoint client = RecordingEndpoint.collecting();
        SessionPair pair = SessionPair.open(client, server, SessionConfig.defaults(),
                SessionConfig.defaults().withMaxIdleTimeoutMillis(300), 64 * 1024);
        assertThat(pair.server.getMaxIdleTimeout()).isEqualTo(300);
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) { // activity keeps it open
            Thread.sleep(100); // paced: a message every 100 ms, 500 ms in all, past the 300 ms timeout
            pair.client.getBasicRemote().sendText("keep alive " + i);
        }
        assertThat(pair.server.isOpen()).isTrue();
        CloseReason local = server.awaitOnlyClose();
        long openMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(local.getCloseCode()).isEqualTo(CloseCodes.CLOSED_ABNORMALLY);
        assertThat(local.getReasonPhrase()).contains("idle for more than its timeout of 300 ms");
        assertThat(openMillis).as("open while active, then closed once idle").isGreaterThanOrEqualTo(700);
        CloseReason seenByPeer = client.awaitOnlyClose();
        assertThat(seenByPeer.getCloseCode()).isEqualTo(CloseCodes.GOING_AWAY);
        assertThat(seenByPeer.getReasonPhrase()).isEqualTo("Idle timeout");
    }

    @Test
    void connectionDroppedWithoutACloseFrame() throws Exception {
        RecordingEndpoint server = RecordingEndpoint.collecting();
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), server);
        pair.clientTransport.close();
        CloseReason reason = server.awaitOnlyClose();
        assertThat(reason.getCloseCode()).isEqualTo(CloseCodes.CLOSED_ABNORMALLY);
        assertThat(reason.getReasonPhrase()).isEqualTo("The connection closed without a close frame");
        assertThat(server.errors).isEmpty();
        assertThat(pair.serverGroup).isEmpty();
    }

    @Test
    void readErrorReportsOnErrorThenOnClose() throws Exception {
        RecordingEndpoint server = RecordingEndpoint.collecting();
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), server);
        pair.serverTransport.failReads(new IOException("connection reset"));
        CloseReason reason = server.awaitOnlyClose();
        assertThat(reason.getCloseCode()).isEqualTo(CloseCodes.CLOSED_ABNORMALLY);
        assertThat(reason.getReasonPhrase()).contains("connection reset");
        assertThat(server.errors).singleElement().satisfies(e -> assertThat(e).hasMessage("connection reset"));
        assertThat(pair.serverTransport.isClosed()).isTrue();
    }

    @Test
    void closeInsideAStreamHandlerWaitingForMoreEndsBothCleanly() throws Exception {
        java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
        java.util.List<Throwable> streamFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
        RecordingEndpoint server = new RecordingEndpoint(session -> session.addMessageHandler(InputStream.class, in -> {
            try {
                reading.countDown();
                in.readAllBytes();
            } catch (IOException e) {
                streamFailures.add(e);
            }
        }));
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), server);
        pair.client.getBasicRemote().sendBinary(ByteBuffer.allocate(10), false); // a message that never ends
        reading.await(10, TimeUnit.SECONDS);
        pair.clientTransport.close();
        assertThat(server.awaitOnlyClose().getCloseCode()).isEqualTo(CloseCodes.CLOSED_ABNORMALLY);
        assertThat(streamFailures).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("lost"));
    }

    @Test
    void onCloseWaitsForTheHandlerInProgress() throws Exception {
        java.util.concurrent.CountDownLatch inHandler = new java.util.concurrent.CountDownLatch(1);
        java.util.List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        RecordingEndpoint server = new RecordingEndpoint(session -> session.addMessageHandler(String.class, text -> {
            inHandler.countDown();
            sleep(300); // a slow handler, still running when the connection fails
            order.add("handler done");
        })) {
            @Override
            public void onClose(jakarta.websocket.Session session, CloseReason closeReason) {
                order.add("onClose");
                super.onClose(session, closeReason);
            }
        };
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), server,
                SessionConfig.defaults(), SessionConfig.defaults().withMaxIdleTimeoutMillis(100), 64 * 1024);
        pair.client.getBasicRemote().sendText("slow");
        inHandler.await(10, TimeUnit.SECONDS);
        pair.serverTransport.failReads(new IOException("gone"));
        server.awaitOnlyClose();
        assertThat(order).containsExactly("handler done", "onClose");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
