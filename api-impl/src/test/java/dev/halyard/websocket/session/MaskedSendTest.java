// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.frame.FrameWriter;
import dev.halyard.websocket.frame.OpCode;
import dev.halyard.websocket.frame.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client's send queue masks into one pooled buffer of {@link ReadBuffers#SIZE} bytes (RFC 6455
 * §5.3): frames longer than it go out in several writes, each frame's sender hears once its last byte
 * is written, and the caller's bytes stay as they were. The wire is read back byte by byte.
 */
class MaskedSendTest {

    private static final int KEY = 0x37FA213D;

    /** Keeps every byte written and holds each write's callback until the test completes it. */
    private static final class WireTransport extends SendQueueTest.ManualTransport {
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        final List<Integer> writeSizes = new ArrayList<>();

        @Override
        public void write(ByteBuffer[] buffers, int count, WriteCallback callback) {
            int size = 0;
            for (int i = 0; i < count; i++) {
                byte[] bytes = new byte[buffers[i].remaining()];
                buffers[i].get(bytes);
                wire.writeBytes(bytes);
                size += bytes.length;
            }
            writeSizes.add(size);
            pending = callback;
        }
    }

    private final WireTransport transport = new WireTransport();
    private final List<String> log = new ArrayList<>();
    private final SendQueue queue = new SendQueue(transport, new FrameWriter(Role.CLIENT, () -> KEY), Long.MAX_VALUE,
            () -> { }, e -> { });

    private OutgoingFrame frame(int opcode, byte[] payload, String name) {
        return new OutgoingFrame(opcode, true, 0, ByteBuffer.wrap(payload), new SendQueueTest.Outcome(log, name), true);
    }

    private static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    @Test
    void aFrameLongerThanTheMaskingBufferGoesOutInSeveralWritesAndIsSentAfterItsLastByte() {
        byte[] large = pattern(40_000, 7);
        byte[] small = pattern(100, 3);
        queue.enqueue(frame(OpCode.BINARY, large, "large"));
        queue.enqueue(frame(OpCode.TEXT, small, "small"));

        assertThat(transport.writeSizes).containsExactly(ReadBuffers.SIZE);
        transport.completeWrite();
        assertThat(log).as("only part of it is written").isEmpty();
        transport.completeWrite();
        assertThat(log).isEmpty();
        transport.completeWrite(); // the rest of the large frame, then the small one
        assertThat(log).containsExactly("large sent", "small sent");
        assertThat(transport.writeSizes).containsExactly(ReadBuffers.SIZE, ReadBuffers.SIZE, 8 + 40_000 + 6 + 100 - 2 * ReadBuffers.SIZE);
        assertThat(queue.isIdle()).isTrue();

        ByteBuffer wire = ByteBuffer.wrap(transport.wire.toByteArray());
        assertThat(unmaskedFrame(wire, 0x82)).isEqualTo(pattern(40_000, 7));
        assertThat(unmaskedFrame(wire, 0x81)).isEqualTo(pattern(100, 3));
        assertThat(wire.hasRemaining()).isFalse();
        assertThat(large).as("the caller's bytes").isEqualTo(pattern(40_000, 7));
    }

    @Test
    void aFrameOf16KiBGoesOutInOneWriteWithItsHeader() {
        queue.enqueue(frame(OpCode.BINARY, pattern(16 * 1024, 5), "16 KiB"));

        assertThat(transport.writeSizes).as("header (2 + 2 length + 4 key) and payload together").containsExactly(8 + 16 * 1024);
        transport.completeWrite();
        assertThat(log).containsExactly("16 KiB sent");
        ByteBuffer wire = ByteBuffer.wrap(transport.wire.toByteArray());
        assertThat(unmaskedFrame(wire, 0x82)).isEqualTo(pattern(16 * 1024, 5));
        assertThat(wire.hasRemaining()).isFalse();
    }

    @Test
    void aWriteFailingWithinAFrameFailsItAndTheFramesAfterIt() {
        queue.enqueue(frame(OpCode.BINARY, pattern(40_000, 7), "large"));
        queue.enqueue(frame(OpCode.TEXT, pattern(10, 3), "small"));
        transport.completeWrite();
        transport.pending.failed(new IOException("broken pipe"));

        assertThat(log).containsExactly("large failed: broken pipe", "small failed: broken pipe");
        assertThat(queue.unsentBytes()).isZero();
    }

    @Test
    void framesQueuedWhileAFrameIsHalfWrittenFollowItsRest() {
        queue.enqueue(frame(OpCode.BINARY, pattern(20_000, 7), "large"));
        queue.enqueue(frame(OpCode.PING, new byte[0], "ping"));
        transport.completeWrite();
        transport.completeWrite();
        assertThat(log).containsExactly("large sent", "ping sent");

        ByteBuffer wire = ByteBuffer.wrap(transport.wire.toByteArray());
        assertThat(unmaskedFrame(wire, 0x82)).isEqualTo(pattern(20_000, 7));
        assertThat(unmaskedFrame(wire, 0x89)).isEmpty();
    }

    /** Reads one masked frame (a length of at most 65,535) and returns its payload unmasked. */
    private static byte[] unmaskedFrame(ByteBuffer wire, int firstByte) {
        assertThat(wire.get() & 0xFF).isEqualTo(firstByte);
        int second = wire.get() & 0xFF;
        assertThat(second & 0x80).as("the mask bit").isEqualTo(0x80);
        int length = (second & 0x7F) == 126 ? wire.getShort() & 0xFFFF : second & 0x7F;
        byte[] key = new byte[4];
        wire.get(key);
        assertThat(ByteBuffer.wrap(key).getInt()).isEqualTo(KEY);
        byte[] payload = new byte[length];
        wire.get(payload);
        for (int i = 0; i < length; i++) {
            payload[i] ^= key[i & 3];
        }
        return Arrays.copyOf(payload, length);
    }
}
