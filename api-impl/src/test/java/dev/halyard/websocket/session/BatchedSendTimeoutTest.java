// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.extension.ExtensionChain;
import dev.halyard.websocket.frame.FrameWriter;
import dev.halyard.websocket.frame.OpCode;
import dev.halyard.websocket.frame.Role;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When an asynchronous send's timeout starts (Jakarta WebSocket 2.3, {@code setSendTimeout};
 * COMPATIBILITY.md C21): at once, or, while batching, when the batch is flushed. Against a
 * transport whose writes the test sees, so nothing here waits.
 */
class BatchedSendTimeoutTest {

    private final SendQueueTest.ManualTransport transport = new SendQueueTest.ManualTransport();
    private final List<String> log = new ArrayList<>();
    private final SendQueue queue = new SendQueue(transport, new FrameWriter(Role.SERVER), 1000, () -> { }, e -> { });
    private final Outbound outbound = new Outbound(new SendContext() {
        @Override
        public void checkOpen() {
        }

        @Override
        public ObjectEncoder encoder() {
            return ObjectEncoder.BUILT_IN;
        }

        @Override
        public long blockingSendTimeoutMillis() {
            return 1000;
        }

        @Override
        public void failAfterSendTimeout(IOException timeout) {
        }

        @Override
        public Session session() {
            return null;
        }
    }, queue, new ExtensionChain(List.of()), new SessionStatistics());
    /** The frames whose timers started, in order. */
    private final List<OutgoingFrame> timersStarted = new ArrayList<>();

    private OutgoingFrame send(String name) throws IOException {
        return outbound.sendWhole(OpCode.TEXT, ByteBuffer.allocate(4), new SendQueueTest.Outcome(log, name), true,
                timersStarted::add);
    }

    @Test
    void withoutBatchingTheTimerStartsWithTheSend() throws IOException {
        OutgoingFrame first = send("first");
        OutgoingFrame second = send("second");
        assertThat(timersStarted).containsExactly(first, second);
    }

    @Test
    void whileBatchingTheTimerStartsAtTheFlush() throws IOException {
        outbound.setBatching(true);
        OutgoingFrame first = send("first");
        OutgoingFrame second = send("second");
        assertThat(transport.writes).isEmpty();
        assertThat(timersStarted).isEmpty();

        outbound.flushBatch();
        assertThat(transport.writes).containsExactly(List.of("TEXT", "TEXT"));
        assertThat(timersStarted).containsExactly(first, second);

        transport.completeWrite();
        OutgoingFrame third = send("third");
        assertThat(timersStarted).containsExactly(first, second);
        outbound.setBatching(false); // turning batching off flushes, and so starts the timers
        assertThat(timersStarted).containsExactly(first, second, third);
        assertThat(log).containsExactly("first sent", "second sent");
    }

    @Test
    void theDefaultIsMinusOneAsJakartaWebSocket23Says() {
        try (dev.halyard.websocket.client.HalyardClientContainer client = new dev.halyard.websocket.client.HalyardClientContainer()) {
            assertThat(client.getDefaultAsyncSendTimeout()).isEqualTo(-1);
        }
    }
}
