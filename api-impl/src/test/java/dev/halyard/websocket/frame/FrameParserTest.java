// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

import static dev.halyard.websocket.frame.TestFrames.concat;
import static dev.halyard.websocket.frame.TestFrames.masked;
import static dev.halyard.websocket.frame.TestFrames.pattern;
import static dev.halyard.websocket.frame.TestFrames.unmasked;
import static dev.halyard.websocket.frame.TestFrames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameParserTest {

    private static final int FIN = 0x80;

    @Nested
    class Rfc6455Examples {

        @Test
        void unmaskedTextFromServer() {
            Feed.toClient("81 05 48 65 6c 6c 6f").parsesTo(WireFrame.text(true, "48656c6c6f"));
        }

        @Test
        void maskedTextFromClient() {
            Feed.toServer("81 85 37 fa 21 3d 7f 9f 4d 51 58").parsesTo(WireFrame.text(true, "48656c6c6f"));
        }

        @Test
        void fragmentedText() {
            Feed.toClient("01 03 48 65 6c  80 02 6c 6f").parsesTo(
                    WireFrame.text(false, "48656c"),
                    new WireFrame(OpCode.CONTINUATION, true, 0, "6c6f"));
        }

        @Test
        void unmaskedPingAndMaskedPong() {
            Feed.toClient("89 05 48 65 6c 6c 6f").parsesTo(new WireFrame(OpCode.PING, true, 0, "48656c6c6f"));
            Feed.toServer("8a 85 37 fa 21 3d 7f 9f 4d 51 58").parsesTo(new WireFrame(OpCode.PONG, true, 0, "48656c6c6f"));
        }

        @Test
        void binaryWith16BitLength() {
            byte[] payload = pattern(256);
            byte[] frame = concat(Hex.bytes("82 7e 01 00"), payload);
            Feed.of(Role.CLIENT, frame).parsesTo(WireFrame.of(OpCode.BINARY, true, 0, payload));
        }

        @Test
        void binaryWith64BitLength() {
            byte[] payload = pattern(65536);
            byte[] frame = concat(Hex.bytes("82 7f 00 00 00 00 00 01 00 00"), payload);
            Feed.of(Role.CLIENT, frame).parsesTo(WireFrame.of(OpCode.BINARY, true, 0, payload));
        }
    }

    @Nested
    class ValidInput {

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 7, 8, 9, 125, 126, 127, 65535, 65536, 70000})
        void lengthsAroundEveryEncodingBoundary(int length) {
            byte[] payload = pattern(length);
            Feed.of(Role.SERVER, masked(FIN | OpCode.BINARY, payload))
                    .parsesTo(WireFrame.of(OpCode.BINARY, true, 0, payload));
        }

        @Test
        void emptyFramesOfEveryOpcode() {
            byte[] input = concat(
                    masked(OpCode.TEXT, new byte[0]),
                    masked(OpCode.CONTINUATION, new byte[0]),
                    masked(FIN | OpCode.CONTINUATION, new byte[0]),
                    masked(FIN | OpCode.BINARY, new byte[0]),
                    masked(FIN | OpCode.PING, new byte[0]),
                    masked(FIN | OpCode.PONG, new byte[0]),
                    masked(FIN | OpCode.CLOSE, new byte[0]));
            Feed.of(Role.SERVER, input).parsesTo(
                    new WireFrame(OpCode.TEXT, false, 0, ""),
                    new WireFrame(OpCode.CONTINUATION, false, 0, ""),
                    new WireFrame(OpCode.CONTINUATION, true, 0, ""),
                    new WireFrame(OpCode.BINARY, true, 0, ""),
                    new WireFrame(OpCode.PING, true, 0, ""),
                    new WireFrame(OpCode.PONG, true, 0, ""),
                    new WireFrame(OpCode.CLOSE, true, 0, ""));
        }

        @Test
        void controlFramesBetweenFragments() {
            byte[] input = concat(
                    masked(OpCode.BINARY, utf8("ab")),
                    masked(FIN | OpCode.PING, utf8("p")),
                    masked(OpCode.CONTINUATION, utf8("cd")),
                    masked(FIN | OpCode.PONG, new byte[0]),
                    masked(FIN | OpCode.CONTINUATION, utf8("e")));
            Feed.of(Role.SERVER, input).parsesTo(
                    new WireFrame(OpCode.BINARY, false, 0, "6162"),
                    new WireFrame(OpCode.PING, true, 0, "70"),
                    new WireFrame(OpCode.CONTINUATION, false, 0, "6364"),
                    new WireFrame(OpCode.PONG, true, 0, ""),
                    new WireFrame(OpCode.CONTINUATION, true, 0, "65"));
        }

        @Test
        void largestControlFrame() {
            byte[] payload = pattern(125);
            Feed.of(Role.SERVER, masked(FIN | OpCode.PING, payload))
                    .parsesTo(WireFrame.of(OpCode.PING, true, 0, payload));
        }

        @Test
        void rsvBitsClaimedByAnExtensionAreAccepted() {
            byte[] input = concat(masked(FIN | 0x40 | OpCode.TEXT, utf8("x")), masked(FIN | 0x70 | OpCode.BINARY, utf8("y")));
            Feed.of(Role.SERVER, input).configure(parser -> parser.setAllowedRsv(0x7)).parsesTo(
                    new WireFrame(OpCode.TEXT, true, FrameHeader.RSV1, "78"),
                    new WireFrame(OpCode.BINARY, true, 0x7, "79"));
        }

        @Test
        void bytesAfterACloseFrameAreIgnored() {
            byte[] input = concat(
                    masked(FIN | OpCode.CLOSE, concat(Hex.bytes("03e8"), utf8("bye"))),
                    masked(FIN | OpCode.TEXT, utf8("late")),
                    Hex.bytes("ff ff ff"));
            Feed.of(Role.SERVER, input).parsesTo(new WireFrame(OpCode.CLOSE, true, 0, "03e8627965"));
        }

        @Test
        void readsBuffersOfEitherByteOrderAtAnyPosition() {
            byte[] payload = pattern(70000);
            byte[] frame = masked(FIN | OpCode.BINARY, payload);
            byte[] padded = concat(new byte[5], frame);
            for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
                RecordingListener recorder = new RecordingListener();
                ByteBuffer in = ByteBuffer.wrap(padded.clone()).order(order);
                in.position(5);
                parse(new FrameParser(Role.SERVER, recorder), in);
                assertThat(recorder.frames).as(order.toString()).containsExactly(WireFrame.of(OpCode.BINARY, true, 0, payload));
            }
            ByteBuffer direct = ByteBuffer.allocateDirect(frame.length).put(frame).flip();
            RecordingListener recorder = new RecordingListener();
            parse(new FrameParser(Role.SERVER, recorder), direct);
            assertThat(recorder.frames).as("direct buffer").containsExactly(WireFrame.of(OpCode.BINARY, true, 0, payload));
        }
    }

    @Nested
    class Masking {

        @Test
        void serverRejectsAnUnmaskedFrame() {
            Feed.toServer("81 05 48 65 6c 6c 6f").failsWith(CloseStatus.PROTOCOL_ERROR, "Unmasked frame from a client");
        }

        @Test
        void clientRejectsAMaskedFrame() {
            Feed.toClient("81 85 37 fa 21 3d 7f 9f 4d 51 58").failsWith(CloseStatus.PROTOCOL_ERROR, "Masked frame from a server");
        }

        @Test
        void serverRejectsAnUnmaskedControlFrame() {
            Feed.toServer("89 00").failsWith(CloseStatus.PROTOCOL_ERROR, "Unmasked frame");
        }
    }

    @Nested
    class ProtocolErrors {

        @ParameterizedTest
        @ValueSource(ints = {0x40, 0x20, 0x10, 0x70})
        void rsvBitsWithNoExtension(int rsvBits) {
            Feed.of(Role.SERVER, masked(FIN | rsvBits | OpCode.TEXT, utf8("x")))
                    .failsWith(CloseStatus.PROTOCOL_ERROR, "set with no negotiated extension claiming them");
        }

        @Test
        void rsvBitsOutsideTheClaimedOnes() {
            Feed.of(Role.SERVER, masked(FIN | 0x60 | OpCode.BINARY, utf8("x")))
                    .configure(parser -> parser.setAllowedRsv(FrameHeader.RSV1))
                    .failsWith(CloseStatus.PROTOCOL_ERROR, "RSV bits 0x2 set");
        }

        @Test
        void rsvBitsOnAControlFrameEvenWhenClaimed() {
            Feed.of(Role.SERVER, masked(FIN | 0x40 | OpCode.PING, new byte[0]))
                    .configure(parser -> parser.setAllowedRsv(0x7))
                    .failsWith(CloseStatus.PROTOCOL_ERROR, "control frames may not use them");
        }

        @ParameterizedTest
        @ValueSource(ints = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
        void reservedOpcodes(int opcode) {
            Feed.of(Role.SERVER, masked(FIN | opcode, utf8("x")))
                    .failsWith(CloseStatus.PROTOCOL_ERROR, "Reserved opcode " + OpCode.name(opcode));
        }

        @ParameterizedTest
        @ValueSource(ints = {OpCode.PING, OpCode.PONG, OpCode.CLOSE})
        void controlFrameOver125Bytes(int opcode) {
            Feed.of(Role.SERVER, masked(FIN | opcode, pattern(126)))
                    .failsWith(CloseStatus.PROTOCOL_ERROR, "payload longer than 125 bytes");
        }

        @ParameterizedTest
        @ValueSource(ints = {OpCode.PING, OpCode.PONG, OpCode.CLOSE})
        void fragmentedControlFrame(int opcode) {
            Feed.of(Role.SERVER, masked(opcode, new byte[0]))
                    .failsWith(CloseStatus.PROTOCOL_ERROR, "control frames may not be fragmented");
        }

        @Test
        void continuationWithNoMessageOpen() {
            Feed.of(Role.SERVER, masked(FIN | OpCode.CONTINUATION, utf8("x")))
                    .failsWith(CloseStatus.PROTOCOL_ERROR, "no fragmented message to continue");
        }

        @Test
        void continuationAfterAFinishedMessage() {
            byte[] input = concat(masked(FIN | OpCode.TEXT, utf8("a")), masked(FIN | OpCode.CONTINUATION, utf8("b")));
            Feed.Outcome outcome = Feed.of(Role.SERVER, input).sameAtEverySplit();
            assertThat(outcome.frames()).containsExactly(new WireFrame(OpCode.TEXT, true, 0, "61"));
            assertThat(outcome.closeCode()).isEqualTo(CloseStatus.PROTOCOL_ERROR);
        }

        @ParameterizedTest
        @ValueSource(ints = {OpCode.TEXT, OpCode.BINARY})
        void newDataFrameWhileAFragmentedMessageIsOpen(int opcode) {
            byte[] input = concat(masked(OpCode.TEXT, utf8("a")), masked(FIN | opcode, utf8("b")));
            Feed.of(Role.SERVER, input).failsWith(CloseStatus.PROTOCOL_ERROR,
                    OpCode.name(opcode) + " frame while a fragmented TEXT message is unfinished");
        }

        @Test
        void sixteenBitLengthThatFitsInSevenBits() {
            Feed.toClient("82 7e 00 7d" + "00".repeat(125)).failsWith(CloseStatus.PROTOCOL_ERROR, "Payload length 125 sent in the 16-bit form");
        }

        @Test
        void sixtyFourBitLengthThatFitsInSixteenBits() {
            Feed.toClient("82 7f 00 00 00 00 00 00 ff ff").failsWith(CloseStatus.PROTOCOL_ERROR, "Payload length 65535 sent in the 64-bit form");
        }

        @Test
        void sixtyFourBitLengthWithTheHighBitSet() {
            Feed.toClient("82 7f 80 00 00 00 00 00 00 00").failsWith(CloseStatus.PROTOCOL_ERROR, "most significant bit set");
        }

        @Test
        void theHeaderIsRejectedBeforeAnyPayloadArrives() {
            // Only the two header bytes of a frame with a reserved opcode: no payload needed to fail.
            Feed.toServer("83 85").failsWith(CloseStatus.PROTOCOL_ERROR, "Reserved opcode 0x3");
        }

        @Test
        void parsingAfterAFailureIsRefused() {
            FrameParser parser = new FrameParser(Role.SERVER, new RecordingListener());
            assertThatThrownBy(() -> parser.parse(ByteBuffer.wrap(Hex.bytes("83 80 00 00 00 00"))))
                    .isInstanceOf(ProtocolException.class);
            assertThatThrownBy(() -> parser.parse(ByteBuffer.wrap(Hex.bytes("81 80 00 00 00 00"))))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class CloseFrames {

        @Test
        void oneBytePayload() {
            Feed.of(Role.SERVER, masked(FIN | OpCode.CLOSE, Hex.bytes("03")))
                    .failsWith(CloseStatus.PROTOCOL_ERROR, "1-byte payload");
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
        void codesThatMayNotBeSent(int code) {
            Feed.of(Role.SERVER, masked(FIN | OpCode.CLOSE, new byte[] {(byte) (code >> 8), (byte) code}))
                    .failsWith(CloseStatus.PROTOCOL_ERROR, "Close code " + code + " may not be sent");
        }

        @ParameterizedTest
        @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
        void codesThatMayBeSent(int code) {
            byte[] payload = {(byte) (code >> 8), (byte) code};
            Feed.of(Role.SERVER, masked(FIN | OpCode.CLOSE, payload)).parsesTo(WireFrame.of(OpCode.CLOSE, true, 0, payload));
        }

        @Test
        void reasonIsValidUtf8() {
            byte[] payload = concat(Hex.bytes("03e8"), utf8("κόσμε 😀"));
            Feed.of(Role.SERVER, masked(FIN | OpCode.CLOSE, payload)).parsesTo(WireFrame.of(OpCode.CLOSE, true, 0, payload));
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            assertThat(CloseStatus.codeOf(buffer)).isEqualTo(1000);
            assertThat(CloseStatus.reasonOf(buffer)).isEqualTo("κόσμε 😀");
        }

        @Test
        void reasonThatIsNotUtf8() {
            Feed.of(Role.SERVER, masked(FIN | OpCode.CLOSE, Hex.bytes("03e8 61 ed a0 80")))
                    .failsWith(CloseStatus.NOT_CONSISTENT, "reason is not valid UTF-8");
        }

        @Test
        void reasonThatEndsInsideACharacter() {
            Feed.of(Role.SERVER, masked(FIN | OpCode.CLOSE, Hex.bytes("03e8 61 e2 82")))
                    .failsWith(CloseStatus.NOT_CONSISTENT, "reason is not valid UTF-8");
        }

        @Test
        void emptyPayloadMeansNoStatusCode() {
            assertThat(CloseStatus.codeOf(ByteBuffer.allocate(0))).isEqualTo(CloseStatus.NO_STATUS_CODE);
            assertThat(CloseStatus.reasonOf(ByteBuffer.allocate(0))).isEmpty();
        }
    }

    @Nested
    class Utf8InTextMessages {

        @Test
        void validTextInEveryFragmentation() {
            byte[] text = utf8("aκόσμε😀€z");
            for (int cut = 0; cut <= text.length; cut++) {
                byte[] input = concat(
                        masked(OpCode.TEXT, java.util.Arrays.copyOfRange(text, 0, cut)),
                        masked(FIN | OpCode.CONTINUATION, java.util.Arrays.copyOfRange(text, cut, text.length)));
                assertThat(Feed.of(Role.SERVER, input).checkingUtf8().sameAtEverySplit().failure()).as("cut " + cut).isNull();
            }
        }

        @Test
        void failsAtTheFirstBadByteWithoutWaitingForTheRestOfTheMessage() {
            // The first fragment alone holds an invalid sequence; no further frame is needed to fail.
            ProtocolException failure = Feed.of(Role.SERVER, masked(OpCode.TEXT, Hex.bytes("61 62 f4 90 80 80")))
                    .checkingUtf8().failsWith(CloseStatus.NOT_CONSISTENT, "not valid UTF-8 at byte 3");
            assertThat(failure.closeReason()).isEqualTo(failure.getMessage());
        }

        @Test
        void badSequenceSplitAcrossFrames() {
            byte[] input = concat(
                    masked(OpCode.TEXT, Hex.bytes("61 ed")),
                    masked(FIN | OpCode.PING, new byte[0]),
                    masked(OpCode.CONTINUATION, Hex.bytes("a0 80")));
            Feed.Outcome outcome = Feed.of(Role.SERVER, input).checkingUtf8().sameAtEverySplit();
            assertThat(outcome.closeCode()).isEqualTo(CloseStatus.NOT_CONSISTENT);
            assertThat(outcome.failure()).hasMessageContaining("at byte 2");
            assertThat(outcome.frames()).containsExactly(
                    new WireFrame(OpCode.TEXT, false, 0, "61ed"), new WireFrame(OpCode.PING, true, 0, ""));
        }

        @Test
        void messageThatEndsInsideACharacter() {
            byte[] input = concat(masked(OpCode.TEXT, Hex.bytes("61 f0 9f")), masked(FIN | OpCode.CONTINUATION, Hex.bytes("98")));
            Feed.of(Role.SERVER, input).checkingUtf8().failsWith(CloseStatus.NOT_CONSISTENT, "ends inside a UTF-8 character");
        }

        @Test
        void eachMessageStartsAfresh() {
            byte[] input = concat(masked(FIN | OpCode.TEXT, utf8("é")), masked(FIN | OpCode.TEXT, utf8("ü")));
            Feed.of(Role.SERVER, input).checkingUtf8().parsesTo(WireFrame.text(true, "c3a9"), WireFrame.text(true, "c3bc"));
        }

        @Test
        void binaryMessagesAreNotChecked() {
            byte[] input = masked(FIN | OpCode.BINARY, Hex.bytes("ff fe ed a0 80"));
            Feed.of(Role.SERVER, input).checkingUtf8().parsesTo(new WireFrame(OpCode.BINARY, true, 0, "fffeeda080"));
        }
    }

    @Nested
    class Limits {

        @Test
        void textMessageOverTheLimit() {
            Feed.of(Role.SERVER, masked(FIN | OpCode.TEXT, pattern(11)))
                    .configure(parser -> parser.setMaxMessageBytes(10, 100))
                    .failsWith(CloseStatus.TOO_BIG, "Text message of at least 11 bytes exceeds the limit of 10 bytes");
        }

        @Test
        void binaryMessageOverItsOwnLimit() {
            Feed.of(Role.SERVER, masked(FIN | OpCode.BINARY, pattern(11)))
                    .configure(parser -> parser.setMaxMessageBytes(100, 10))
                    .failsWith(CloseStatus.TOO_BIG, "Binary message of at least 11 bytes exceeds the limit of 10 bytes");
        }

        @Test
        void messagesAtTheLimitPass() {
            byte[] input = concat(masked(OpCode.BINARY, pattern(4)), masked(FIN | OpCode.CONTINUATION, pattern(6)),
                    masked(FIN | OpCode.BINARY, pattern(10)));
            assertThat(Feed.of(Role.SERVER, input).configure(parser -> parser.setMaxMessageBytes(0, 10))
                    .sameAtEverySplit().frames()).hasSize(3);
        }

        @Test
        void fragmentedMessageOverTheLimitFailsAtTheFrameThatCrossesIt() {
            byte[] input = concat(masked(OpCode.TEXT, pattern(6)), masked(OpCode.CONTINUATION, pattern(5)));
            Feed.Outcome outcome = Feed.of(Role.SERVER, input).configure(parser -> parser.setMaxMessageBytes(10, 10)).sameAtEverySplit();
            assertThat(outcome.frames()).hasSize(1);
            assertThat(outcome.failure()).hasMessageContaining("at least 11 bytes");
            assertThat(outcome.closeCode()).isEqualTo(CloseStatus.TOO_BIG);
        }

        @Test
        void hugeDeclaredLengthFailsFromTheHeaderAlone() {
            // 2^63-1 bytes declared, no payload sent: refused with 1009 on the header.
            ProtocolException failure = Feed.toServer("82 ff 7f ff ff ff ff ff ff ff 37 fa 21 3d")
                    .configure(parser -> parser.setMaxMessageBytes(1 << 20, 1 << 20))
                    .failsWith(CloseStatus.TOO_BIG, "Binary message of at least 9223372036854775807 bytes exceeds the limit of 1048576 bytes");
            assertThat(failure.closeReason().getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(123);
        }

        @Test
        void messagesTransformedByAnExtensionAreLeftToItsLimit() {
            Feed.of(Role.SERVER, masked(FIN | 0x40 | OpCode.BINARY, pattern(50)))
                    .configure(parser -> {
                        parser.setAllowedRsv(FrameHeader.RSV1);
                        parser.setMaxMessageBytes(10, 10);
                    })
                    .parsesTo(WireFrame.of(OpCode.BINARY, true, FrameHeader.RSV1, pattern(50)));
        }

        @Test
        void negativeLimitsAreRefused() {
            FrameParser parser = new FrameParser(Role.SERVER, new RecordingListener());
            assertThatThrownBy(() -> parser.setMaxMessageBytes(-1, 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text -1");
            assertThatThrownBy(() -> parser.setAllowedRsv(8))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x8");
        }
    }

    @Nested
    class Allocation {

        private final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

        private long allocatedSoFar() {
            return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        }

        @Test
        void aFrameDeclaring2To63BytesIsStreamedWithoutAllocatingItsLength() throws ProtocolException {
            ByteCounter counter = new ByteCounter();
            FrameParser parser = new FrameParser(Role.SERVER, counter);
            ByteBuffer in = ByteBuffer.wrap(Hex.bytes("82 ff 7f ff ff ff ff ff ff ff 37 fa 21 3d"));
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            long before = allocatedSoFar();
            parser.parse(in);
            for (int i = 0; i < 256; i++) { // 16 MiB of payload
                chunk.clear();
                parser.parse(chunk);
            }
            long allocated = allocatedSoFar() - before;
            assertThat(counter.bytes).isEqualTo(16L << 20);
            assertThat(allocated).as("bytes allocated while streaming 16 MiB").isLessThan(64 * 1024);
        }

        @Test
        void steadyStateAllocatesNothingPerFrame() throws ProtocolException {
            byte[] oneBatch = concat(
                    masked(FIN | OpCode.TEXT, utf8("hello, world")),
                    masked(FIN | OpCode.PING, utf8("ping")),
                    masked(FIN | OpCode.BINARY, pattern(64)),
                    masked(OpCode.TEXT, utf8("frag")), masked(FIN | OpCode.CONTINUATION, utf8("ment")));
            ByteCounter counter = new ByteCounter();
            FrameParser parser = new FrameParser(Role.SERVER, new Utf8CheckingListener(counter));
            byte[] work = new byte[oneBatch.length];
            ByteBuffer in = ByteBuffer.wrap(work);
            for (int i = 0; i < 20_000; i++) { // warm up
                System.arraycopy(oneBatch, 0, work, 0, work.length); // the parser unmasked the last copy in place
                in.clear();
                parser.parse(in);
            }
            counter.frames = 0;
            long before = allocatedSoFar();
            for (int i = 0; i < 10_000; i++) {
                System.arraycopy(oneBatch, 0, work, 0, work.length);
                in.clear();
                parser.parse(in);
            }
            long allocated = allocatedSoFar() - before;
            assertThat(counter.frames).isEqualTo(50_000);
            assertThat(allocated).as("bytes allocated parsing 50,000 frames").isLessThan(16 * 1024);
        }
    }

    @Nested
    class Suspension {

        @Test
        void suspendStopsAfterTheCurrentFrameAndParseResumes() throws ProtocolException {
            byte[] input = concat(masked(FIN | OpCode.TEXT, utf8("a")), masked(FIN | OpCode.PING, utf8("b")),
                    masked(FIN | OpCode.BINARY, utf8("c")));
            List<String> seen = new ArrayList<>();
            FrameParser[] parser = new FrameParser[1];
            parser[0] = new FrameParser(Role.SERVER, new FrameListener() {
                @Override
                public void onDataFrame(int opcode, boolean fin, int rsv, ByteBuffer payload, boolean frameEnd) {
                    seen.add(OpCode.name(opcode));
                    parser[0].suspend();
                }

                @Override
                public void onControlFrame(int opcode, ByteBuffer payload) {
                    seen.add(OpCode.name(opcode));
                    parser[0].suspend();
                }
            });
            ByteBuffer in = ByteBuffer.wrap(input);
            List<Integer> remaining = new ArrayList<>();
            while (in.hasRemaining()) {
                parser[0].parse(in);
                remaining.add(in.remaining());
            }
            assertThat(seen).containsExactly("TEXT", "PING", "BINARY");
            assertThat(remaining).containsExactly(14, 7, 0);
        }
    }

    private static void parse(FrameParser parser, ByteBuffer in) {
        try {
            parser.parse(in);
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
    }

    /** Counts frames and payload bytes without keeping them. */
    static final class ByteCounter implements FrameListener {
        long bytes;
        int frames;

        @Override
        public void onDataFrame(int opcode, boolean fin, int rsv, ByteBuffer payload, boolean frameEnd) {
            bytes += payload.remaining();
            if (frameEnd) {
                frames++;
            }
        }

        @Override
        public void onControlFrame(int opcode, ByteBuffer payload) {
            frames++;
        }
    }

    @Nested
    class StateInOneLine {

        @Test
        void midwayThroughAFrameItTellsTheFrameAndHowMuchOfItsPayloadIsRead() throws ProtocolException {
            FrameParser parser = new FrameParser(Role.SERVER, new RecordingListener());
            parser.parse(ByteBuffer.wrap(masked(FIN | OpCode.TEXT, pattern(125)), 0, 2 + 4 + 12).slice());
            assertThat(parser).hasToString("FrameParser[SERVER, PAYLOAD, TEXT fin masked, payload 12/125]");
        }

        @Test
        void betweenTheFramesOfAFragmentedMessageItTellsTheMessage() throws ProtocolException {
            FrameParser parser = new FrameParser(Role.CLIENT, new RecordingListener());
            parser.parse(ByteBuffer.wrap(concat(unmasked(OpCode.BINARY, pattern(10)), Hex.bytes("80"))));
            assertThat(parser).hasToString("FrameParser[CLIENT, HEADER (1 of its bytes read), "
                    + "in a fragmented BINARY message of 10 bytes so far]");
        }

        @Test
        void aParserSuspendedByItsListenerSaysSo() throws ProtocolException {
            SuspendingOnPing listener = new SuspendingOnPing();
            FrameParser parser = new FrameParser(Role.CLIENT, listener);
            listener.parser = parser;
            parser.parse(ByteBuffer.wrap(Hex.bytes("89 00 81 01 78")));
            assertThat(parser).hasToString("FrameParser[CLIENT, HEADER, suspended]");
        }
    }

    private static final class SuspendingOnPing implements FrameListener {
        FrameParser parser;

        @Override
        public void onDataFrame(int opcode, boolean fin, int rsv, ByteBuffer payload, boolean frameEnd) {
        }

        @Override
        public void onControlFrame(int opcode, ByteBuffer payload) {
            parser.suspend();
        }
    }
}
