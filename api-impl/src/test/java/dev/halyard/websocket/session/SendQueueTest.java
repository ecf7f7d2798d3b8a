// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import static dev.halyard.websocket.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.frame.FrameWriter;
import dev.halyard.websocket.frame.OpCode;
import dev.halyard.websocket.frame.Role;
import dev.halyard.websocket.testing.LogCapture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** The queue's ordering rules, against a transport whose writes complete when the test says. */
class SendQueueTest {

    /** Records each write's frames as opcode names and holds its callback. */
    static class ManualTransport implements Transport {
        final List<List<String>> writes = new ArrayList<>();
        WriteCallback pending;

        @Override
        public int read(ByteBuffer target) {
            return 0;
        }

        @Override
        public void awaitReadable(Runnable onReadable) {
        }

        @Override
        public void write(ByteBuffer[] buffers, int count, WriteCallback callback) {
            writes.add(opcodes(gathered(buffers, count)));
            pending = callback;
        }

        /** The bytes of a gathering write, taking them as the socket would. */
        static ByteBuffer gathered(ByteBuffer[] buffers, int count) {
            int length = 0;
            for (int i = 0; i < count; i++) {
                length += buffers[i].remaining();
            }
            ByteBuffer bytes = ByteBuffer.allocate(length);
            for (int i = 0; i < count; i++) {
                bytes.put(buffers[i]);
            }
            return bytes.flip();
        }

        /** The opcode names of the unmasked frames in {@code bytes}, in order. */
        static List<String> opcodes(ByteBuffer bytes) {
            List<String> frames = new ArrayList<>();
            while (bytes.hasRemaining()) {
                frames.add(OpCode.name(bytes.get() & 0xF));
                int length = bytes.get() & 0x7F;
                long payload = length == 126 ? bytes.getShort() & 0xFFFF : length == 127 ? bytes.getLong() : length;
                bytes.position(bytes.position() + (int) payload);
            }
            return frames;
        }

        @Override
        public void close() {
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public Executor executor() {
            return Runnable::run;
        }

        void completeWrite() {
            WriteCallback callback = pending;
            pending = null;
            callback.completed();
        }
    }

    /** Writes everything at once and completes during the call, as a socket with room does. */
    static final class ImmediateTransport extends ManualTransport {
        @Override
        public void write(ByteBuffer[] buffers, int count, WriteCallback callback) {
            for (int i = 0; i < count; i++) {
                buffers[i].position(buffers[i].limit());
            }
            callback.completed();
        }
    }

    static final class Outcome implements SendCompletion {
        final List<String> log;
        final String name;

        Outcome(List<String> log, String name) {
            this.log = log;
            this.name = name;
        }

        @Override
        public void succeeded() {
            log.add(name + " sent");
        }

        @Override
        public void failed(Throwable cause) {
            log.add(name + " failed: " + cause.getMessage());
        }
    }

    private final ManualTransport transport = new ManualTransport();
    private final List<String> log = new ArrayList<>();
    private final List<Throwable> writeFailures = new ArrayList<>();
    private final SendQueue queue = new SendQueue(transport, new FrameWriter(Role.SERVER), 1000, () -> { },
            writeFailures::add);

    private OutgoingFrame frame(int opcode, String name) {
        return new OutgoingFrame(opcode, true, 0, ByteBuffer.allocate(10), new Outcome(log, name), opcode == OpCode.TEXT);
    }

    @Test
    void controlFramesGoAheadOfQueuedDataAndFramesAreGathered() {
        queue.enqueue(frame(OpCode.TEXT, "a"));
        queue.enqueue(frame(OpCode.TEXT, "b"));
        queue.enqueue(frame(OpCode.BINARY, "c"));
        queue.enqueue(frame(OpCode.PING, "ping"));
        queue.enqueue(frame(OpCode.PONG, "pong"));
        assertThat(transport.writes).containsExactly(List.of("TEXT"));
        transport.completeWrite();
        assertThat(transport.writes.get(1)).containsExactly("PING", "PONG", "TEXT", "BINARY");
        transport.completeWrite();
        assertThat(log).containsExactly("a sent", "ping sent", "pong sent", "b sent", "c sent");
        assertThat(queue.isIdle()).isTrue();
    }

    @Test
    void itsStateFitsOneLine() {
        queue.enqueue(frame(OpCode.TEXT, "in flight"));
        queue.enqueue(frame(OpCode.TEXT, "queued"));
        queue.enqueue(frame(OpCode.CLOSE, "close"));
        assertThat(queue).hasToString("SendQueue[0 control, 2 data queued, backlog 20 of 1000 bytes, writing, close queued]");
    }

    @Test
    void nothingIsAcceptedAfterTheCloseFrameAndNothingBeforeItIsLost() {
        queue.enqueue(frame(OpCode.TEXT, "a"));
        queue.enqueue(frame(OpCode.TEXT, "b"));
        queue.enqueue(frame(OpCode.CLOSE, "close"));
        queue.enqueue(frame(OpCode.TEXT, "late"));
        queue.enqueue(frame(OpCode.PING, "late ping"));
        transport.completeWrite();
        transport.completeWrite();
        assertThat(transport.writes).containsExactly(List.of("TEXT"), List.of("TEXT", "CLOSE"));
        assertThat(log).containsExactly(
                "late failed: The session is closing; no frame may follow its close frame (RFC 6455 §5.5.1)",
                "late ping failed: The session is closing; no frame may follow its close frame (RFC 6455 §5.5.1)",
                "a sent", "b sent", "close sent");
    }

    @Test
    void aFailedWriteFailsItsFramesAndEverythingQueued() {
        queue.enqueue(frame(OpCode.TEXT, "a"));
        queue.enqueue(frame(OpCode.TEXT, "b"));
        transport.pending.failed(new IOException("broken pipe"));
        queue.enqueue(frame(OpCode.TEXT, "c"));
        assertThat(log).containsExactly("a failed: broken pipe", "b failed: broken pipe",
                "c failed: The connection failed earlier: broken pipe");
        assertThat(writeFailures).singleElement().satisfies(e -> assertThat(e).hasMessage("broken pipe"));
    }

    @Test
    void backlogCountsAsyncDataUntilWritten() {
        queue.enqueue(frame(OpCode.TEXT, "in flight"));
        for (int i = 0; i < 99; i++) {
            queue.enqueue(frame(OpCode.TEXT, "queued " + i));
        }
        assertThat(log).isEmpty(); // 100 x 10 bytes: exactly at the 1,000-byte bound
        queue.enqueue(frame(OpCode.TEXT, "over"));
        assertThat(log).singleElement().asString().startsWith("over failed: Send backlog of 1000 bytes plus a 10-byte message");
        queue.enqueue(frame(OpCode.PING, "control is not bounded"));
        transport.completeWrite();
        queue.enqueue(frame(OpCode.TEXT, "fits again"));
        assertThat(log).doesNotContain("fits again failed");
    }

    @Test
    void aConnectionThatEndsAfterItsCloseFrameGivesItsBufferBack() {
        // As WebSocketConnection does: once the close frame is written, the transport closes and the queue fails.
        long before = GatheringWrite.STAGING.made();
        for (int i = 0; i < 1000; i++) {
            SendQueue connection = new SendQueue(new ImmediateTransport(), new FrameWriter(Role.SERVER), Long.MAX_VALUE, () -> { }, e -> { });
            SendCompletion thenClose = new SendCompletion() {
                @Override
                public void succeeded() {
                    connection.fail(new java.io.IOException("closed after the close frame"));
                }

                @Override
                public void failed(Throwable cause) {
                    throw new AssertionError(cause);
                }
            };
            connection.enqueue(new OutgoingFrame(OpCode.CLOSE, true, 0, ByteBuffer.allocate(2), thenClose, false));
            assertThat(connection.isIdle()).isTrue();
        }
        // Each closed connection left its staging buffer to the collector before: a thousand made, and
        // outside the heap on Tomcat's and Jetty's transports, held until a collection ran.
        assertThat(GatheringWrite.STAGING.made() - before).as("staging buffers made for 1,000 connections, one after another")
                .isLessThanOrEqualTo(1);
    }

    @Test
    void writesThatCompleteAtOnceLoopInsteadOfRecursing() {
        SendQueue direct = new SendQueue(new ImmediateTransport(), new FrameWriter(Role.SERVER), Long.MAX_VALUE, () -> { }, e -> { });
        int[] sent = new int[1];
        SendCompletion chain = new SendCompletion() {
            @Override
            public void succeeded() {
                if (++sent[0] < 100_000) { // each completion sends the next, from inside the write
                    direct.enqueue(new OutgoingFrame(OpCode.TEXT, true, 0, ByteBuffer.allocate(1), this, false));
                }
            }

            @Override
            public void failed(Throwable cause) {
                throw new AssertionError(cause);
            }
        };
        direct.enqueue(new OutgoingFrame(OpCode.TEXT, true, 0, ByteBuffer.allocate(1), chain, false));
        assertThat(sent[0]).isEqualTo(100_000);
    }

    @Test
    void oneMessageLargerThanTheBacklogBoundFitsAnEmptyQueue() {
        OutgoingFrame large = new OutgoingFrame(OpCode.TEXT, true, 0, ByteBuffer.allocate(5000), new Outcome(log, "large"), true);
        queue.enqueue(large);
        queue.enqueue(frame(OpCode.TEXT, "behind it"));
        transport.completeWrite();
        assertThat(log).containsExactly("behind it failed: Send backlog of 5000 bytes plus a 10-byte message exceeds the "
                + "limit of 1000 bytes; the peer is reading too slowly", "large sent");
    }

    @Test
    void theContainersSpentBudgetIsWarnedOfOnceHoweverManySendsItRefuses() {
        SendBudget budget = new SendBudget(15);
        SendQueue bounded = new SendQueue(transport, new FrameWriter(Role.SERVER), new SendBacklog(1000, budget, Long.MAX_VALUE, new SessionStatistics()),
                () -> { }, () -> { }, e -> { }, new SessionStatistics());
        try (LogCapture warnings = LogCapture.of(SendBudget.class.getName())) {
            bounded.enqueue(frame(OpCode.TEXT, "in flight"));
            for (int i = 0; i < 5; i++) {
                bounded.enqueue(frame(OpCode.TEXT, "refused " + i));
            }
            assertThat(log).hasSize(5).allMatch(line -> line.contains("failed: The container's messages waiting unsent"));
            assertThat(warnings.at(Level.WARNING)).singleElement().asString()
                    .startsWith("The container's messages waiting unsent reached its limit of 15 bytes (halyard.maxSendBacklogTotal)")
                    .endsWith("Logged once per container.");
        }
    }

    @Test
    void theContainersBudgetBoundsAllItsQueuesTogetherAndIsReleasedAsTheyDrain() {
        SendBudget budget = new SendBudget(100);
        ManualTransport first = new ManualTransport();
        ManualTransport second = new ManualTransport();
        SendQueue one = new SendQueue(first, new FrameWriter(Role.SERVER),
                new SendBacklog(1000, budget, Long.MAX_VALUE, new SessionStatistics()), () -> { }, () -> { }, e -> { },
                new SessionStatistics());
        SendQueue two = new SendQueue(second, new FrameWriter(Role.SERVER),
                new SendBacklog(1000, budget, Long.MAX_VALUE, new SessionStatistics()), () -> { }, () -> { }, e -> { },
                new SessionStatistics());
        for (int i = 0; i < 5; i++) {
            one.enqueue(frame(OpCode.TEXT, "one " + i));
            two.enqueue(frame(OpCode.TEXT, "two " + i));
        }
        assertThat(budget.reservedBytes()).isEqualTo(100);
        two.enqueue(frame(OpCode.TEXT, "over"));
        assertThat(log).singleElement().asString().startsWith("over failed: The container's messages waiting unsent, 100 bytes,")
                .contains("halyard.maxSendBacklogTotal");
        ManualTransport third = new ManualTransport();
        SendQueue reader = new SendQueue(third, new FrameWriter(Role.SERVER),
                new SendBacklog(1000, budget, Long.MAX_VALUE, new SessionStatistics()), () -> { }, () -> { }, e -> { },
                new SessionStatistics());
        reader.enqueue(frame(OpCode.TEXT, "to a peer with nothing waiting"));
        assertThat(log).as("a session with nothing waiting is served even with the budget spent").hasSize(1);
        third.completeWrite();
        first.completeWrite(); // "one 0" is out
        first.completeWrite(); // and "one 1".."one 4"
        assertThat(budget.reservedBytes()).isEqualTo(50);
        two.enqueue(frame(OpCode.TEXT, "fits again"));
        assertThat(log).doesNotContain("fits again failed");
        two.fail(new IOException("gone")); // a failed connection gives its queued bytes back
        second.pending.failed(new IOException("gone"));
        assertThat(budget.reservedBytes()).isZero();
    }

    @Test
    void sendsRefusedForLongerThanAllowedAreReportedOnce() throws Exception {
        int[] stuck = new int[1];
        SendQueue bounded = new SendQueue(transport, new FrameWriter(Role.SERVER),
                new SendBacklog(10, new SendBudget(Long.MAX_VALUE), 50, new SessionStatistics()), () -> stuck[0]++, () -> { }, e -> { },
                new SessionStatistics());
        bounded.enqueue(frame(OpCode.TEXT, "in flight"));
        bounded.enqueue(frame(OpCode.TEXT, "refused first"));
        assertThat(stuck[0]).isZero();
        // Refused again every 20 ms, on this thread, until the refusals have lasted 50 ms.
        eventually().pollInterval(java.time.Duration.ofMillis(20)).pollInSameThread().until(() -> {
            bounded.enqueue(frame(OpCode.TEXT, "refused again"));
            return stuck[0] > 0;
        });
        assertThat(stuck[0]).as("reported once the refusals lasted 50 ms").isEqualTo(1);
        bounded.enqueue(frame(OpCode.TEXT, "refused once more"));
        assertThat(stuck[0]).as("and only once").isEqualTo(1);
    }
}
