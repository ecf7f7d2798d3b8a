// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.handshake.ExtensionHeader;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever bytes a peer sends, the engine either accepts them or fails the connection with a
 * {@link ProtocolException} carrying a close code it may send: never another exception, never a
 * hang, never an allocation sized by the input's claims.
 */
class HostileInputProperties {

    /** Random bytes, and random bytes after a plausible first header byte, in random pieces. */
    @Property(tries = 3000)
    void anyInputEndsInFramesOrAProtocolError(@ForAll("hostile") byte[] input, @ForAll boolean asServer,
            @ForAll("pieceSizes") List<Integer> pieces) {
        FrameParser parser = new FrameParser(asServer ? Role.SERVER : Role.CLIENT, new Utf8CheckingListener(new RecordingListener()));
        parser.setMaxMessageBytes(1 << 16, 1 << 16);
        try {
            int at = 0;
            for (int i = 0; at < input.length; i++) {
                int size = Math.min(pieces.get(i % pieces.size()), input.length - at);
                ByteBuffer piece = ByteBuffer.wrap(input, at, size);
                parser.parse(piece);
                assertThat(piece.hasRemaining()).isFalse();
                at += size;
            }
        } catch (ProtocolException e) {
            assertThat(e.closeCode()).isIn(CloseStatus.PROTOCOL_ERROR, CloseStatus.NOT_CONSISTENT, CloseStatus.TOO_BIG);
            assertThat(CloseStatus.isValidOnWire(e.closeCode())).isTrue();
            assertThat(e.closeReason().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
        }
    }

    @Property(tries = 3000)
    void anyExtensionHeaderParsesOrIsRefusedWithTheValue(@ForAll("headerText") String value) {
        try {
            ExtensionHeader.parse(List.of(value));
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("Sec-WebSocket-Extensions");
        }
    }

    @Provide
    Arbitrary<byte[]> hostile() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        // A frame-like start: FIN/opcode byte, a length byte (7-bit, 16- or 64-bit forms), then noise.
        Arbitrary<byte[]> framed = Arbitraries.of(0x81, 0x82, 0x01, 0x00, 0x80, 0x88, 0x89, 0x8A, 0xC1, 0x83, 0x8B)
                .flatMap(b0 -> Arbitraries.of(0x05, 0x7D, 0x7E, 0x7F, 0x85, 0xFE, 0xFF, 0x80)
                        .flatMap(b1 -> noise.map(rest -> {
                            byte[] bytes = new byte[rest.length + 2];
                            bytes[0] = (byte) (int) b0;
                            bytes[1] = (byte) (int) b1;
                            System.arraycopy(rest, 0, bytes, 2, rest.length);
                            return bytes;
                        })));
        return Arbitraries.oneOf(noise, framed, framed);
    }

    @Provide
    Arbitrary<List<Integer>> pieceSizes() {
        return Arbitraries.integers().between(1, 64).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<String> headerText() {
        return Arbitraries.strings().withChars("ab=;,\" \\\t-_1%").ofMaxLength(60);
    }
}
