// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import static dev.halyard.websocket.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.testing.LogCapture;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** Application code that fails with every message is warned of once, then logged at DEBUG: the log does not grow per message. */
class RepeatedFailuresTest {

    /** Throws for every result, as a buggy application's handler would. */
    static final class ThrowingSendHandler implements SendHandler {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void onResult(SendResult result) {
            calls.incrementAndGet();
            throw new IllegalStateException("bug in the send handler");
        }
    }

    /** Throws for every message, and has no onError of its own. */
    static final class ThrowingEndpoint extends Endpoint {
        final AtomicInteger messages = new AtomicInteger();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> {
                messages.incrementAndGet();
                throw new IllegalArgumentException("bug in the message handler");
            });
        }
    }

    @Test
    void aSendHandlerThatThrowsEveryTimeIsWarnedOfOnce() {
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), RecordingEndpoint.collecting());
        ThrowingSendHandler handler = new ThrowingSendHandler();
        try (LogCapture log = LogCapture.of(AsyncSend.class.getName())) {
            for (int i = 0; i < 5; i++) {
                pair.server.getAsyncRemote().sendText("message " + i, handler);
            }
            eventually().untilAsserted(() -> assertThat(log.records()).hasSize(5));
            assertThat(handler.calls).hasValue(5);
            assertThat(log.at(Level.WARNING)).singleElement().asString()
                    .startsWith("SendHandler " + ThrowingSendHandler.class.getName() + " threw; HalyardSession[" + pair.server.getId())
                    .endsWith("(logged once at WARNING; repeats at DEBUG)");
            assertThat(log.at(Level.FINE)).hasSize(4);
        }
    }

    @Test
    void anEndpointThatFailsWithEveryMessageIsWarnedOfOnce() throws Exception {
        ThrowingEndpoint endpoint = new ThrowingEndpoint();
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), endpoint);
        try (LogCapture log = LogCapture.of(HalyardSession.class.getName())) {
            for (int i = 0; i < 5; i++) {
                pair.client.getBasicRemote().sendText("message " + i);
            }
            eventually().untilAsserted(() -> assertThat(log.records()).filteredOn(record -> record.getMessage().startsWith("Unhandled"))
                    .hasSize(5));
            assertThat(log.at(Level.WARNING)).singleElement().asString()
                    .startsWith("Unhandled error in " + ThrowingEndpoint.class.getName() + "; override onError to handle it; "
                            + "HalyardSession[" + pair.server.getId());
            assertThat(log.at(Level.FINE)).filteredOn(message -> message.startsWith("Unhandled error")).hasSize(4);
        }
    }
}
