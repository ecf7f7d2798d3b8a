// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

import static dev.halyard.websocket.frame.TestFrames.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameWriterTest {

    private static byte[] write(FrameWriter writer, boolean fin, int rsv, int opcode, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(writer.headerLength(payload.length) + payload.length);
        writer.writeFrame(out, fin, rsv, opcode, ByteBuffer.wrap(payload));
        assertThat(out.hasRemaining()).as("headerLength() matches what was written").isFalse();
        return out.array();
    }

    @Test
    void serverWritesTheRfcExamplesByteForByte() {
        FrameWriter server = new FrameWriter(Role.SERVER);
        assertThat(Hex.of(write(server, true, 0, OpCode.TEXT, TestFrames.utf8("Hello")))).isEqualTo("810548656c6c6f");
        assertThat(Hex.of(write(server, false, 0, OpCode.TEXT, TestFrames.utf8("Hel")))).isEqualTo("010348656c");
        assertThat(Hex.of(write(server, true, 0, OpCode.CONTINUATION, TestFrames.utf8("lo")))).isEqualTo("80026c6f");
        assertThat(Hex.of(write(server, true, 0, OpCode.PING, TestFrames.utf8("Hello")))).isEqualTo("890548656c6c6f");
    }

    @Test
    void clientMasksWithTheKeyItDraws() {
        FrameWriter client = new FrameWriter(Role.CLIENT, () -> TestFrames.KEY);
        assertThat(Hex.of(write(client, true, 0, OpCode.TEXT, TestFrames.utf8("Hello"))))
                .isEqualTo("818537fa213d7f9f4d5158");
        assertThat(Hex.of(write(client, true, 0, OpCode.PONG, TestFrames.utf8("Hello"))))
                .isEqualTo("8a8537fa213d7f9f4d5158");
    }

    @ParameterizedTest
    @CsvSource({
        "0, 8200",
        "125, 827d",
        "126, 827e007e",
        "65535, 827effff",
        "65536, 827f0000000000010000",
    })
    void usesTheShortestLengthForm(int length, String header) {
        byte[] frame = write(new FrameWriter(Role.SERVER), true, 0, OpCode.BINARY, pattern(length));
        assertThat(Hex.of(java.util.Arrays.copyOf(frame, header.length() / 2))).isEqualTo(header);
        assertThat(frame).hasSize(header.length() / 2 + length);
    }

    @Test
    void writesTheHeaderBigEndianIntoALittleEndianBuffer() {
        FrameWriter client = new FrameWriter(Role.CLIENT, () -> 0x01020304);
        ByteBuffer out = ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(client.writeHeader(out, true, 0, OpCode.BINARY, 70000)).isEqualTo(0x01020304);
        assertThat(Hex.of(out.array())).isEqualTo("82ff000000000001117001020304");
    }

    @Test
    void writesRsvBitsAndTheFinBit() {
        byte[] frame = write(new FrameWriter(Role.SERVER), false, FrameHeader.RSV1 | FrameHeader.RSV3, OpCode.BINARY, new byte[0]);
        assertThat(Hex.of(frame)).isEqualTo("5200");
    }

    @Test
    void leavesTheCallersPayloadUnmasked() {
        byte[] payload = pattern(300);
        byte[] before = payload.clone();
        write(new FrameWriter(Role.CLIENT), true, 0, OpCode.BINARY, payload);
        assertThat(payload).isEqualTo(before);
    }

    @Test
    void clientDrawsAFreshKeyPerFrame() {
        FrameWriter client = new FrameWriter(Role.CLIENT);
        Set<Integer> keys = new HashSet<>();
        ByteBuffer out = ByteBuffer.allocate(14);
        for (int i = 0; i < 1000; i++) {
            out.clear();
            keys.add(client.writeHeader(out, true, 0, OpCode.BINARY, 0));
        }
        // 1,000 draws from 2^32 values: a repeat has odds of about 1 in 10,000.
        assertThat(keys).hasSizeGreaterThanOrEqualTo(998);
    }

    @Test
    void closeFrameCarriesCodeAndReason() {
        FrameWriter server = new FrameWriter(Role.SERVER);
        ByteBuffer out = ByteBuffer.allocate(200);
        server.writeClose(out, 1001, "bye");
        assertThat(Hex.of(java.util.Arrays.copyOf(out.array(), out.position()))).isEqualTo("880503e9627965");
        out.clear();
        server.writeClose(out, CloseStatus.NO_STATUS_CODE, null);
        assertThat(Hex.of(java.util.Arrays.copyOf(out.array(), out.position()))).isEqualTo("8800");
    }

    @Test
    void closeReasonOf123BytesFitsAndOf124DoesNot() {
        FrameWriter server = new FrameWriter(Role.SERVER);
        server.writeClose(ByteBuffer.allocate(200), 1000, "x".repeat(123));
        assertThatThrownBy(() -> server.writeClose(ByteBuffer.allocate(200), 1000, "é".repeat(62)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("124 UTF-8 bytes exceeds 123");
    }

    @ParameterizedTest
    @ValueSource(ints = {999, 1004, 1006, 1015, 2000, 5000})
    void closeCodesThatMayNotBeSentAreRefused(int code) {
        assertThatThrownBy(() -> new FrameWriter(Role.SERVER).writeClose(ByteBuffer.allocate(200), code, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Close code " + code);
    }

    @Test
    void badArgumentsNameTheValue() {
        FrameWriter writer = new FrameWriter(Role.SERVER);
        ByteBuffer out = ByteBuffer.allocate(300);
        assertThatThrownBy(() -> writer.writeHeader(out, true, 0, 3, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Opcode 0x3 is reserved");
        assertThatThrownBy(() -> writer.writeHeader(out, true, 8, OpCode.TEXT, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RSV value 0x8");
        assertThatThrownBy(() -> writer.writeHeader(out, true, 0, OpCode.TEXT, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Payload length -1");
        assertThatThrownBy(() -> writer.writeHeader(out, true, 0, OpCode.PING, 126))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PING payload of 126 bytes exceeds 125");
        assertThatThrownBy(() -> writer.writeHeader(out, false, 0, OpCode.PONG, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PONG frame must not be fragmented");
        assertThatThrownBy(() -> writer.writeHeader(out, true, FrameHeader.RSV1, OpCode.CLOSE, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CLOSE frame must not set RSV bits");
        assertThat(out.position()).as("nothing written for a refused header").isZero();
    }

    @Test
    void whatTheWriterWritesTheParserReadsForBothRoles() throws ProtocolException {
        for (Role sender : Role.values()) {
            Role receiver = sender == Role.CLIENT ? Role.SERVER : Role.CLIENT;
            FrameWriter writer = new FrameWriter(sender);
            byte[] payload = pattern(70_000);
            byte[] frame = write(writer, true, 0, OpCode.BINARY, payload);
            RecordingListener recorder = new RecordingListener();
            new FrameParser(receiver, recorder).parse(ByteBuffer.wrap(frame));
            assertThat(recorder.frames).containsExactly(WireFrame.of(OpCode.BINARY, true, 0, payload));
        }
    }
}
