// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.frame.FrameWriter;
import dev.halyard.websocket.frame.OpCode;
import dev.halyard.websocket.frame.Role;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a server's write lines up its frames: small payloads copied after their headers, larger ones as they are. */
class GatheringWriteTest {

    private final GatheringWrite write = new GatheringWrite(new FrameWriter(Role.SERVER), false);

    private static ByteBuffer payload(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed + i * 7);
        }
        return ByteBuffer.wrap(bytes);
    }

    private List<ByteBuffer> prepare(ByteBuffer... payloads) {
        return prepare(write, payloads);
    }

    private static List<ByteBuffer> prepare(GatheringWrite write, ByteBuffer... payloads) {
        for (ByteBuffer payload : payloads) {
            write.add(new OutgoingFrame(OpCode.BINARY, true, 0, payload, new BlockingSend(), false));
        }
        write.prepare();
        return new ArrayList<>(Arrays.asList(write.buffers()).subList(0, write.bufferCount()));
    }

    /** What a socket taking every buffer would carry, frame by frame: the payloads, in order. */
    private static List<ByteBuffer> framesOnTheWire(List<ByteBuffer> buffers) {
        ByteBuffer wire = SendQueueTest.ManualTransport.gathered(buffers.toArray(ByteBuffer[]::new), buffers.size());
        List<ByteBuffer> payloads = new ArrayList<>();
        while (wire.hasRemaining()) {
            assertThat(wire.get() & 0xFF).isEqualTo(0x80 | OpCode.BINARY);
            int length = wire.get() & 0x7F;
            int n = length == 126 ? wire.getShort() & 0xFFFF : length == 127 ? (int) wire.getLong() : length;
            payloads.add(wire.slice(wire.position(), n));
            wire.position(wire.position() + n);
        }
        return payloads;
    }

    @Test
    void smallFramesGoOutAsOneBufferAndLeaveTheSendersBuffersAsAWriteWould() {
        ByteBuffer a = payload(64, 1);
        ByteBuffer b = payload(GatheringWrite.COPIED_PAYLOAD, 2);
        ByteBuffer c = payload(0, 3);
        List<ByteBuffer> buffers = prepare(a, b, c);

        assertThat(buffers).hasSize(1);
        assertThat(a.hasRemaining()).isFalse();
        assertThat(b.hasRemaining()).isFalse();
        assertThat(framesOnTheWire(buffers)).containsExactly(payload(64, 1), payload(GatheringWrite.COPIED_PAYLOAD, 2), payload(0, 3));
    }

    @Test
    void forASocketChannelTheHeadersAndSmallPayloadsAreStagedOutsideTheHeap() {
        GatheringWrite direct = new GatheringWrite(new FrameWriter(Role.SERVER), true);
        ByteBuffer large = payload(GatheringWrite.COPIED_PAYLOAD + 1, 9);
        List<ByteBuffer> buffers = prepare(direct, payload(10, 8), large, payload(30, 10));

        assertThat(buffers).hasSize(3);
        assertThat(buffers.get(0).isDirect()).isTrue();
        assertThat(buffers.get(1)).isSameAs(large);
        assertThat(buffers.get(2).isDirect()).isTrue();
        assertThat(framesOnTheWire(buffers)).containsExactly(payload(10, 8), payload(GatheringWrite.COPIED_PAYLOAD + 1, 9), payload(30, 10));
        assertThat(prepare(payload(5, 1)).get(0).isDirect()).as("a servlet stream's transport stages in the heap").isFalse();
    }

    @Test
    void aLargerPayloadGoesFromItsOwnBufferBetweenStretchesOfThePooledOne() {
        ByteBuffer large = payload(GatheringWrite.COPIED_PAYLOAD + 1, 5);
        List<ByteBuffer> buffers = prepare(payload(10, 4), large, payload(20, 6));

        assertThat(buffers).hasSize(3);
        assertThat(buffers.get(1)).isSameAs(large);
        assertThat(framesOnTheWire(buffers)).containsExactly(payload(10, 4), payload(GatheringWrite.COPIED_PAYLOAD + 1, 5), payload(20, 6));
    }

    @Test
    void aLargeFirstPayloadStillHasItsHeaderAheadOfIt() {
        List<ByteBuffer> buffers = prepare(payload(70_000, 7));

        assertThat(buffers).hasSize(2);
        assertThat(framesOnTheWire(buffers)).containsExactly(payload(70_000, 7));
    }

    @Test
    void oncePayloadsFillThePooledBufferTheRestGoFromTheirOwnWithEveryHeaderInPlace() {
        ByteBuffer[] payloads = new ByteBuffer[GatheringWrite.MAX_FRAMES];
        List<ByteBuffer> expected = new ArrayList<>();
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = payload(GatheringWrite.COPIED_PAYLOAD, i);
            expected.add(payload(GatheringWrite.COPIED_PAYLOAD, i));
        }
        List<ByteBuffer> buffers = prepare(payloads);

        int copied = (int) Arrays.stream(payloads).filter(p -> buffers.stream().noneMatch(b -> b == p)).count();
        assertThat(copied).isBetween(1, payloads.length - 1); // 32 KiB of payloads do not fit the pooled buffer
        assertThat(framesOnTheWire(buffers)).containsExactlyElementsOf(expected);
    }

    @Test
    void theNextWriteStartsAfresh() {
        prepare(payload(100, 1));
        write.dropWritten();
        List<ByteBuffer> buffers = prepare(payload(30, 9));

        assertThat(framesOnTheWire(buffers)).containsExactly(payload(30, 9));
        write.idle();
    }
}
