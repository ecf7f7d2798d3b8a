// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class MaskingTest {

    private static final int KEY = 0xA1B2C3D4;
    private static final byte[] KEY_BYTES = {(byte) 0xA1, (byte) 0xB2, (byte) 0xC3, (byte) 0xD4};

    private static final List<IntFunction<ByteBuffer>> BUFFERS = List.of(
            ByteBuffer::allocate,
            n -> ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN),
            ByteBuffer::allocateDirect,
            n -> ByteBuffer.allocateDirect(n).order(ByteOrder.LITTLE_ENDIAN));

    /** The definition in RFC 6455 §5.3, one byte at a time. */
    private static byte[] reference(byte[] data, int from, int length, int phase) {
        byte[] out = data.clone();
        for (int i = 0; i < length; i++) {
            out[from + i] ^= KEY_BYTES[(phase + i) & 3];
        }
        return out;
    }

    @Test
    void unmaskMatchesTheDefinitionForEveryLengthOffsetPhaseAndBufferKind() {
        for (IntFunction<ByteBuffer> kind : BUFFERS) {
            for (int length = 0; length <= 40; length++) {
                for (int from = 0; from < 9; from++) {
                    for (int phase = 0; phase < 4; phase++) {
                        byte[] data = TestFrames.pattern(from + length + 3);
                        ByteBuffer buffer = kind.apply(data.length).put(data);
                        buffer.position(1);
                        Masking.unmask(buffer, from, length, KEY, phase);
                        byte[] actual = new byte[data.length];
                        buffer.get(0, actual);
                        assertThat(actual).as("%s length %d from %d phase %d", buffer, length, from, phase)
                                .isEqualTo(reference(data, from, length, phase));
                        assertThat(buffer.position()).isEqualTo(1);
                    }
                }
            }
        }
    }

    @Test
    void maskCopyMatchesTheDefinitionAcrossBufferKinds() {
        for (IntFunction<ByteBuffer> sourceKind : BUFFERS) {
            for (IntFunction<ByteBuffer> targetKind : BUFFERS) {
                for (int length = 0; length <= 40; length++) {
                    for (int phase = 0; phase < 4; phase++) {
                        byte[] data = TestFrames.pattern(length + 2);
                        ByteBuffer source = sourceKind.apply(data.length).put(data);
                        source.position(2);
                        ByteBuffer target = targetKind.apply(length + 5);
                        target.position(3);
                        Masking.maskCopy(source, target, length, KEY, phase);
                        assertThat(source.position()).isEqualTo(2 + length);
                        assertThat(target.position()).isEqualTo(3 + length);
                        byte[] copied = new byte[length];
                        target.get(3, copied);
                        byte[] expected = java.util.Arrays.copyOfRange(reference(data, 2, length, phase), 2, 2 + length);
                        assertThat(copied).as("%s to %s, length %d phase %d", source, target, length, phase).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void unmaskingInPiecesEqualsUnmaskingWhole() {
        byte[] data = TestFrames.pattern(1000);
        ByteBuffer whole = ByteBuffer.wrap(data.clone());
        Masking.unmask(whole, 0, 1000, KEY, 0);
        ByteBuffer pieces = ByteBuffer.wrap(data.clone());
        int[] cuts = {0, 3, 4, 13, 100, 101, 999, 1000};
        for (int i = 0; i + 1 < cuts.length; i++) {
            Masking.unmask(pieces, cuts[i], cuts[i + 1] - cuts[i], KEY, cuts[i] & 3);
        }
        assertThat(pieces.array()).isEqualTo(whole.array());
    }

    @Test
    void maskingTwiceRestoresTheBytes() {
        byte[] data = TestFrames.pattern(100);
        ByteBuffer buffer = ByteBuffer.wrap(data.clone());
        Masking.unmask(buffer, 0, 100, KEY, 2);
        assertThat(buffer.array()).isNotEqualTo(data);
        Masking.unmask(buffer, 0, 100, KEY, 2);
        assertThat(buffer.array()).isEqualTo(data);
    }
}
