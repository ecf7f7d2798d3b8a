// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.halyard.websocket.frame.CloseStatus;
import dev.halyard.websocket.frame.FrameHeader;
import dev.halyard.websocket.frame.FrameListener;
import dev.halyard.websocket.frame.FrameParser;
import dev.halyard.websocket.frame.FrameWriter;
import dev.halyard.websocket.frame.OpCode;
import dev.halyard.websocket.frame.ProtocolException;
import dev.halyard.websocket.frame.Role;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The extension hook carries a real transformation both ways: a test extension that claims an RSV
 * bit and flips payload bits, chained twice, between Halyard's writer and parser.
 */
class ExtensionChainTest {

    /** Flips every payload bit with {@code pattern} in messages it marks with its RSV bit. */
    static class FlipBits implements Extension {
        final String name;
        final int rsvBit;
        final byte pattern;
        final List<String> log;
        int released;

        FlipBits(String name, int rsvBit, int pattern, List<String> log) {
            this.name = name;
            this.rsvBit = rsvBit;
            this.pattern = (byte) pattern;
            this.log = log;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int rsvBits() {
            return rsvBit;
        }

        @Override
        public FrameListener inbound(FrameListener next) {
            return new FrameListener() {
                boolean flipping;

                @Override
                public void onDataFrame(int opcode, boolean fin, int rsv, ByteBuffer payload, boolean frameEnd) throws ProtocolException {
                    if (opcode != OpCode.CONTINUATION) {
                        flipping = (rsv & rsvBit) != 0;
                    } else if ((rsv & rsvBit) != 0) {
                        throw new ProtocolException(CloseStatus.PROTOCOL_ERROR, name + " bit on a continuation frame");
                    }
                    log.add("in " + name);
                    next.onDataFrame(opcode, fin, rsv & ~rsvBit, flipping ? flip(payload) : payload, frameEnd);
                }

                @Override
                public void onControlFrame(int opcode, ByteBuffer payload) throws ProtocolException {
                    next.onControlFrame(opcode, payload);
                }
            };
        }

        @Override
        public OutgoingData outgoing(OutgoingData frame) {
            log.add("out " + name);
            int rsv = frame.opcode() != OpCode.CONTINUATION ? frame.rsv() | rsvBit : frame.rsv();
            return new OutgoingData(frame.opcode(), frame.fin(), rsv, flip(frame.payload()));
        }

        private ByteBuffer flip(ByteBuffer payload) {
            ByteBuffer out = ByteBuffer.allocate(payload.remaining());
            for (int i = payload.position(); i < payload.limit(); i++) {
                out.put((byte) (payload.get(i) ^ pattern));
            }
            return out.flip();
        }

        @Override
        public void release() {
            released++;
        }
    }

    /** Writes each outgoing frame with a client writer into one buffer. */
    static final class WriterSink implements FrameListener {
        final FrameWriter writer = new FrameWriter(Role.CLIENT);
        final ByteBuffer wire = ByteBuffer.allocate(4096);

        @Override
        public void onDataFrame(int opcode, boolean fin, int rsv, ByteBuffer payload, boolean frameEnd) {
            writer.writeFrame(wire, fin, rsv, opcode, payload);
        }

        @Override
        public void onControlFrame(int opcode, ByteBuffer payload) {
            writer.writeFrame(wire, true, 0, opcode, payload);
        }
    }

    /** Collects whole data frames with their RSV bits. */
    static final class Collector implements FrameListener {
        final List<String> frames = new ArrayList<>();

        @Override
        public void onDataFrame(int opcode, boolean fin, int rsv, ByteBuffer payload, boolean frameEnd) {
            byte[] bytes = new byte[payload.remaining()];
            payload.get(payload.position(), bytes);
            frames.add(OpCode.name(opcode) + " rsv=" + rsv + " " + new String(bytes, StandardCharsets.UTF_8));
        }

        @Override
        public void onControlFrame(int opcode, ByteBuffer payload) {
            frames.add(OpCode.name(opcode));
        }
    }

    @Test
    void transformsBothWaysInRfcOrder() throws ProtocolException {
        List<String> log = new ArrayList<>();
        FlipBits first = new FlipBits("x-first", FrameHeader.RSV2, 0x0F, log);
        FlipBits second = new FlipBits("x-second", FrameHeader.RSV3, 0x30, log);
        ExtensionChain chain = new ExtensionChain(List.of(first, second));
        assertThat(chain.rsvBits()).isEqualTo(FrameHeader.RSV2 | FrameHeader.RSV3);

        WriterSink sink = new WriterSink();
        FrameListener outbound = Outgoing.through(chain::outgoing, sink);
        outbound.onDataFrame(OpCode.TEXT, false, 0, ByteBuffer.wrap("hello ".getBytes(StandardCharsets.UTF_8)), true);
        outbound.onControlFrame(OpCode.PING, ByteBuffer.allocate(0));
        outbound.onDataFrame(OpCode.CONTINUATION, true, 0, ByteBuffer.wrap("world".getBytes(StandardCharsets.UTF_8)), true);
        assertThat(log).containsExactly("out x-first", "out x-second", "out x-first", "out x-second");
        sink.wire.flip();
        assertThat(sink.wire.get(0) & 0x70).as("both RSV bits on the wire").isEqualTo(0x30);
        assertThat(sink.wire.get(2) ^ 0x37 ^ sink.wire.get(6)).as("payload transformed on the wire").isNotEqualTo('h');

        log.clear();
        Collector collector = new Collector();
        FrameParser parser = new FrameParser(Role.SERVER, chain.inbound(collector));
        parser.setAllowedRsv(chain.rsvBits());
        parser.parse(sink.wire);
        assertThat(collector.frames).containsExactly("TEXT rsv=0 hello ", "PING", "CONTINUATION rsv=0 world");
        assertThat(log).containsExactly("in x-second", "in x-first", "in x-second", "in x-first");
    }

    @Test
    void withoutTheExtensionItsBitIsAProtocolError() {
        WriterSink sink = new WriterSink();
        FrameListener outbound = Outgoing.through(new ExtensionChain(List.of(new FlipBits("x-flip", FrameHeader.RSV2, 1, new ArrayList<>())))::outgoing, sink);
        try {
            outbound.onDataFrame(OpCode.BINARY, true, 0, ByteBuffer.wrap(new byte[] {1, 2}), true);
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
        sink.wire.flip();
        FrameParser plain = new FrameParser(Role.SERVER, new Collector());
        assertThatThrownBy(() -> plain.parse(sink.wire))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.closeCode()).isEqualTo(CloseStatus.PROTOCOL_ERROR))
                .hasMessageContaining("RSV bits 0x2 set with no negotiated extension");
    }

    @Test
    void twoExtensionsMayNotClaimOneBit() {
        List<String> log = new ArrayList<>();
        assertThatThrownBy(() -> new ExtensionChain(List.of(
                new FlipBits("x-a", FrameHeader.RSV1, 1, log), new FlipBits("x-b", FrameHeader.RSV1 | FrameHeader.RSV2, 1, log))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Extension x-b claims RSV bits 0x4 that an earlier extension already claims");
    }

    @Test
    void releaseReachesEveryExtensionEvenWhenOneFails() {
        List<String> log = new ArrayList<>();
        FlipBits ok = new FlipBits("x-ok", FrameHeader.RSV2, 1, log);
        Extension failing = new FlipBits("x-fail", FrameHeader.RSV1, 1, log) {
            @Override
            public void release() {
                throw new IllegalStateException("boom");
            }
        };
        ExtensionChain chain = new ExtensionChain(List.of(failing, ok));
        assertThatThrownBy(chain::release).hasMessage("boom");
        assertThat(ok.released).isEqualTo(1);
    }
}
