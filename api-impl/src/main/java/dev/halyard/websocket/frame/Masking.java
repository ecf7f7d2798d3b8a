// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * XOR masking of payloads with a 4-byte key (RFC 6455 §5.3), 8 bytes per step.
 *
 * <p>The key is written big-endian: its first byte masks payload byte 0. A {@code phase} of 0-3
 * says which key byte masks the first byte handled, so a payload can be (un)masked in pieces as
 * it arrives: the phase of a piece is its offset in the frame payload modulo 4.
 */
public final class Masking {

    private Masking() {
    }

    /** XORs {@code buffer[from, from + length)} in place; does not move the buffer's position. */
    public static void unmask(ByteBuffer buffer, int from, int length, int key, int phase) {
        int rotated = Integer.rotateLeft(key, 8 * phase);
        long key8 = repeat(rotated, buffer.order());
        int i = from;
        int wordsEnd = from + (length & ~7);
        for (; i < wordsEnd; i += 8) {
            buffer.putLong(i, buffer.getLong(i) ^ key8);
        }
        int end = from + length;
        for (; i < end; i++) {
            rotated = Integer.rotateLeft(rotated, 8);
            buffer.put(i, (byte) (buffer.get(i) ^ rotated)); // low byte after the rotation is the next key byte
        }
    }

    /**
     * Copies {@code length} bytes from {@code source} to {@code target}, masking them, and advances
     * both positions. Used by the client, which must not mask the caller's buffer in place.
     */
    public static void maskCopy(ByteBuffer source, ByteBuffer target, int length, int key, int phase) {
        int rotated = Integer.rotateLeft(key, 8 * phase);
        long sourceKey = repeat(rotated, source.order());
        boolean sameOrder = source.order() == target.order();
        int s = source.position();
        int t = target.position();
        int wordsEnd = s + (length & ~7);
        for (; s < wordsEnd; s += 8, t += 8) {
            long masked = source.getLong(s) ^ sourceKey;
            target.putLong(t, sameOrder ? masked : Long.reverseBytes(masked));
        }
        int end = source.position() + length;
        for (; s < end; s++, t++) {
            rotated = Integer.rotateLeft(rotated, 8);
            target.put(t, (byte) (source.get(s) ^ rotated));
        }
        source.position(end);
        target.position(t);
    }

    /** The 4 key bytes twice over, as a long read in the buffer's byte order sees them. */
    private static long repeat(int key, ByteOrder order) {
        long key8 = ((long) key << 32) | (key & 0xFFFF_FFFFL);
        return order == ByteOrder.BIG_ENDIAN ? key8 : Long.reverseBytes(key8);
    }
}
