package dev.halyard.websocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.frame.FrameWriter;
import dev.halyard.websocket.frame.OpCode;
import dev.halyard.websocket.frame.Role;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
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
            List<String> frames = new ArrayList<>();
            for (int i = 0; i < count; i += 2) { // header, payload
                frames.add(OpCode.name(buffers[i].get(buffers[i].position()) & 0xF));
                buffers[i].position(buffers[i].limit());
                buffers[i + 1].position(buffers[i + 1].limit());
            }
            writes.add(frames);
            pending = callback;
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
    void writesThatCompleteAtOnceLoopInsteadOfRecursing() {
        Transport immediate = new ManualTransport() {
            @Override
            public void write(ByteBuffer[] buffers, int count, WriteCallback callback) {
                for (int i = 0; i < count; i++) {
                    buffers[i].position(buffers[i].limit());
                }
                callback.completed();
            }
        };
        SendQueue direct = new SendQueue(immediate, new FrameWriter(Role.SERVER), Long.MAX_VALUE, () -> { }, e -> { });
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
}
