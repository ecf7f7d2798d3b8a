// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.halyard.websocket.frame.FrameHeader;
import dev.halyard.websocket.frame.FrameListener;
import dev.halyard.websocket.frame.FrameParser;
import dev.halyard.websocket.frame.OpCode;
import dev.halyard.websocket.frame.ProtocolException;
import dev.halyard.websocket.frame.Role;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** permessage-deflate in bytes: the examples of RFC 7692 §7.2.3, round trips, and every rule it enforces. */
class PerMessageDeflateTest {

    private static final DeflateParameters TAKEOVER = new DeflateParameters(false, false, 15, 15);
    private static final DeflateParameters NO_TAKEOVER = new DeflateParameters(true, true, 15, 15);

    /** Joins what arrives into messages, recording the largest piece and the RSV bits it was given. */
    static final class Messages implements FrameListener {
        final List<String> texts = new ArrayList<>();
        final List<byte[]> all = new ArrayList<>();
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();
        int largestPiece;
        int rsvSeen;

        @Override
        public void onDataFrame(int opcode, boolean fin, int rsv, ByteBuffer payload, boolean frameEnd) {
            rsvSeen |= rsv;
            largestPiece = Math.max(largestPiece, payload.remaining());
            byte[] piece = new byte[payload.remaining()];
            payload.get(piece);
            current.writeBytes(piece);
            if (fin && frameEnd) {
                all.add(current.toByteArray());
                texts.add(current.toString(StandardCharsets.UTF_8));
                current.reset();
            }
        }

        @Override
        public void onControlFrame(int opcode, ByteBuffer payload) {
            texts.add("control " + opcode);
        }
    }

    /** A client-side parser (server frames are unmasked) feeding the extension's inbound side. */
    private static FrameParser clientParser(PerMessageDeflate deflate, FrameListener sink) {
        FrameParser parser = new FrameParser(Role.CLIENT, deflate.inbound(sink));
        parser.setAllowedRsv(FrameHeader.RSV1);
        parser.setMaxMessageBytes(Long.MAX_VALUE, Long.MAX_VALUE);
        return parser;
    }

    private static ByteBuffer hex(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    @Test
    void inflatesTheExamplesOfRfc7692() throws Exception {
        Messages messages = new Messages();
        PerMessageDeflate deflate = new PerMessageDeflate(TAKEOVER, Role.CLIENT, 0);
        FrameParser parser = clientParser(deflate, messages);
        parser.parse(hex("c1 07 f2 48 cd c9 c9 07 00"));                 // §7.2.3.1: "Hello"
        parser.parse(hex("41 03 f2 48 cd 80 04 c9 c9 07 00"));           // §7.2.3.1: "Hello" in two fragments
        parser.parse(hex("c1 05 f2 00 11 00 00"));                       // §7.2.3.2: "Hello" again, using the context
        parser.parse(hex("c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00"));     // §7.2.3.3: a stored block
        assertThat(messages.texts.subList(0, 4)).containsExactly("Hello", "Hello", "Hello", "Hello");
        assertThat(messages.rsvSeen).as("RSV1 is the extension's, not passed on").isZero();
        deflate.release();
    }

    @Test
    void roundTripsMessagesOfEverySizeWithAndWithoutContextTakeover() throws Exception {
        Random random = new Random(7692);
        for (DeflateParameters parameters : List.of(TAKEOVER, NO_TAKEOVER)) {
            PerMessageDeflate server = new PerMessageDeflate(parameters, Role.SERVER, 0);
            PerMessageDeflate client = new PerMessageDeflate(parameters, Role.CLIENT, 0);
            Messages received = new Messages();
            FrameListener inbound = client.inbound(received);
            Wire wire = new Wire(inbound);
            FrameListener outbound = Outgoing.through(server::outgoing, wire);
            List<byte[]> sent = new ArrayList<>();
            for (int size : new int[] {0, 1, 125, 126, 1000, 65_536, 1 << 20}) {
                byte[] message = new byte[size];
                for (int i = 0; i < size; i++) {
                    message[i] = (byte) "abcdefgh ".charAt(random.nextInt(9)); // compressible, not trivial
                }
                sent.add(message);
                outbound.onDataFrame(OpCode.BINARY, true, 0, ByteBuffer.wrap(message), true);
                // the same message in three fragments
                sent.add(message);
                int third = size / 3;
                outbound.onDataFrame(OpCode.BINARY, false, 0, ByteBuffer.wrap(message, 0, third), true);
                outbound.onDataFrame(OpCode.CONTINUATION, false, 0, ByteBuffer.wrap(message, third, third), true);
                outbound.onDataFrame(OpCode.CONTINUATION, true, 0, ByteBuffer.wrap(message, 2 * third, size - 2 * third), true);
            }
            assertThat(received.all).hasSameSizeAs(sent);
            for (int i = 0; i < sent.size(); i++) {
                assertThat(received.all.get(i)).as("message %d with %s", i, parameters).isEqualTo(sent.get(i));
            }
            assertThat(wire.rsvOfFirstFrames).as("non-empty messages are compressed").contains(FrameHeader.RSV1);
            assertThat(wire.rsvOfContinuations).as("continuations never carry RSV1").containsOnly(0);
            assertThat(received.largestPiece).as("inflated pieces are bounded").isLessThanOrEqualTo(PerMessageDeflate.PIECE);
            server.release();
            client.release();
            assertThat(server.isReleased() && client.isReleased()).isTrue();
        }
    }

    @Test
    void contextTakeoverMakesARepeatedMessageSmallerAndNoContextTakeoverDoesNot() throws Exception {
        byte[] message = "{\"symbol\":\"HLYD\",\"price\":101.25,\"volume\":1200}".repeat(20).getBytes(StandardCharsets.UTF_8);
        int[] takeover = twoSizes(new PerMessageDeflate(TAKEOVER, Role.SERVER, 0), message);
        int[] fresh = twoSizes(new PerMessageDeflate(NO_TAKEOVER, Role.SERVER, 0), message);
        assertThat(takeover[1]).isLessThan(takeover[0] / 4);
        assertThat(fresh[1]).isEqualTo(fresh[0]);
        assertThat(fresh[0]).isLessThan(message.length / 5);
    }

    private static int[] twoSizes(PerMessageDeflate deflate, byte[] message) throws ProtocolException {
        List<Integer> sizes = new ArrayList<>();
        FrameListener outbound = Outgoing.through(deflate::outgoing, new FrameListener() {
            @Override
            public void onDataFrame(int opcode, boolean fin, int rsv, ByteBuffer payload, boolean frameEnd) {
                sizes.add(payload.remaining());
            }

            @Override
            public void onControlFrame(int opcode, ByteBuffer payload) {
            }
        });
        outbound.onDataFrame(OpCode.TEXT, true, 0, ByteBuffer.wrap(message), true);
        outbound.onDataFrame(OpCode.TEXT, true, 0, ByteBuffer.wrap(message), true);
        deflate.release();
        return new int[] {sizes.get(0), sizes.get(1)};
    }

    @Test
    void messagesBelowTheThresholdGoOutUncompressed() throws Exception {
        PerMessageDeflate deflate = new PerMessageDeflate(TAKEOVER, Role.SERVER, 100);
        Wire wire = new Wire(new Messages());
        FrameListener outbound = Outgoing.through(deflate::outgoing, wire);
        outbound.onDataFrame(OpCode.TEXT, true, 0, ByteBuffer.wrap(new byte[99]), true);
        outbound.onDataFrame(OpCode.TEXT, true, 0, ByteBuffer.wrap(new byte[100]), true);
        outbound.onDataFrame(OpCode.TEXT, true, 0, ByteBuffer.allocate(0), true);
        assertThat(wire.rsvOfFirstFrames).containsExactly(0, FrameHeader.RSV1, 0);
        deflate.release();
    }

    @Test
    void aDecompressionBombIsHandedOnInBoundedPieces() throws Exception {
        // 16 MiB of zeros compress to about 16 KiB; the inflater must never hold more than a piece of it
        PerMessageDeflate sender = new PerMessageDeflate(TAKEOVER, Role.SERVER, 0);
        List<ByteBuffer> compressed = new ArrayList<>();
        Outgoing.through(sender::outgoing, new FrameListener() {
            @Override
            public void onDataFrame(int opcode, boolean fin, int rsv, ByteBuffer payload, boolean frameEnd) {
                compressed.add(payload);
            }

            @Override
            public void onControlFrame(int opcode, ByteBuffer payload) {
            }
        }).onDataFrame(OpCode.BINARY, true, 0, ByteBuffer.allocate(16 << 20), true);
        assertThat(compressed.get(0).remaining()).isLessThan(64 * 1024);

        PerMessageDeflate receiver = new PerMessageDeflate(TAKEOVER, Role.CLIENT, 0);
        long[] total = new long[1];
        int[] largest = new int[1];
        FrameListener limit = new FrameListener() {
            @Override
            public void onDataFrame(int opcode, boolean fin, int rsv, ByteBuffer payload, boolean frameEnd) throws ProtocolException {
                largest[0] = Math.max(largest[0], payload.remaining());
                total[0] += payload.remaining();
                if (total[0] > 64 * 1024) {
                    throw new ProtocolException(1009, "too big"); // what the session's message buffer does
                }
            }

            @Override
            public void onControlFrame(int opcode, ByteBuffer payload) {
            }
        };
        assertThatThrownBy(() -> receiver.inbound(limit).onDataFrame(OpCode.BINARY, true, FrameHeader.RSV1, compressed.get(0), true))
                .isInstanceOf(ProtocolException.class).extracting(e -> ((ProtocolException) e).closeCode()).isEqualTo(1009);
        assertThat(total[0]).isLessThanOrEqualTo(64 * 1024 + PerMessageDeflate.PIECE);
        assertThat(largest[0]).isLessThanOrEqualTo(PerMessageDeflate.PIECE);
        sender.release();
        receiver.release();
    }

    @Test
    void invalidCompressedDataFailsWith1007AndRsv1OnAContinuationWith1002() throws Exception {
        PerMessageDeflate deflate = new PerMessageDeflate(TAKEOVER, Role.CLIENT, 0);
        FrameParser parser = clientParser(deflate, new Messages());
        assertThatThrownBy(() -> parser.parse(hex("c1 04 ff ff ff ff")))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("Invalid compressed data")
                .extracting(e -> ((ProtocolException) e).closeCode()).isEqualTo(1007);
        PerMessageDeflate other = new PerMessageDeflate(TAKEOVER, Role.CLIENT, 0);
        FrameParser second = clientParser(other, new Messages());
        assertThatThrownBy(() -> second.parse(hex("41 03 f2 48 cd c0 04 c9 c9 07 00")))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("RSV1 set on a continuation frame")
                .extracting(e -> ((ProtocolException) e).closeCode()).isEqualTo(1002);
        deflate.release();
        other.release();
    }

    @Test
    void controlFramesPassUncompressed() throws Exception {
        Messages messages = new Messages();
        PerMessageDeflate deflate = new PerMessageDeflate(TAKEOVER, Role.CLIENT, 0);
        FrameParser parser = clientParser(deflate, messages);
        parser.parse(hex("41 03 f2 48 cd 89 02 68 69 80 04 c9 c9 07 00")); // a ping between two compressed fragments
        assertThat(messages.texts).containsExactly("control 9", "Hello");
        deflate.release();
    }

    @Test
    void aReleaseDuringInflationWaitsForTheReadLoopToLeave() throws Exception {
        PerMessageDeflate deflate = new PerMessageDeflate(TAKEOVER, Role.CLIENT, 0);
        boolean[] releasedInside = new boolean[1];
        FrameListener closesFromInside = new FrameListener() {
            @Override
            public void onDataFrame(int opcode, boolean fin, int rsv, ByteBuffer payload, boolean frameEnd) {
                deflate.release(); // as a handler closing its session would
                releasedInside[0] = deflate.isReleased();
            }

            @Override
            public void onControlFrame(int opcode, ByteBuffer payload) {
            }
        };
        deflate.inbound(closesFromInside).onDataFrame(OpCode.TEXT, true, FrameHeader.RSV1, hex("f2 48 cd c9 c9 07 00"), true);
        assertThat(releasedInside[0]).as("the inflater is still in use inside the call").isFalse();
        assertThat(deflate.isReleased()).as("and ended once the read loop left it").isTrue();
        assertThatThrownBy(() -> Outgoing.through(deflate::outgoing, new Messages()).onDataFrame(OpCode.TEXT, true, 0, ByteBuffer.wrap(new byte[10]), true))
                .isInstanceOf(IllegalStateException.class);
    }

    /** Between the two sides: records the RSV bits of what passes, then hands it to the other side. */
    private static final class Wire implements FrameListener {
        final List<Integer> rsvOfFirstFrames = new ArrayList<>();
        final List<Integer> rsvOfContinuations = new ArrayList<>();
        private final FrameListener receiver;

        Wire(FrameListener receiver) {
            this.receiver = receiver;
        }

        @Override
        public void onDataFrame(int opcode, boolean fin, int rsv, ByteBuffer payload, boolean frameEnd) throws ProtocolException {
            (opcode == OpCode.CONTINUATION ? rsvOfContinuations : rsvOfFirstFrames).add(rsv);
            // split every frame in two pieces, as a parser may hand them on
            int half = payload.remaining() / 2;
            ByteBuffer first = payload.slice(payload.position(), half);
            ByteBuffer second = payload.slice(payload.position() + half, payload.remaining() - half);
            receiver.onDataFrame(opcode, fin, rsv, first, false);
            receiver.onDataFrame(opcode, fin, rsv, second, true);
        }

        @Override
        public void onControlFrame(int opcode, ByteBuffer payload) throws ProtocolException {
            receiver.onControlFrame(opcode, payload);
        }
    }
}
