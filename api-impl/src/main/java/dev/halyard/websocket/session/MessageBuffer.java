// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.frame.CloseStatus;
import dev.halyard.websocket.frame.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Collects a whole message, refusing with 1009 the first piece that would take it past its limit,
 * so memory never grows past the limit however the message is framed or compressed. Holds no
 * array between messages once one larger than {@link #KEEP_BYTES} has been delivered.
 */
final class MessageBuffer {

    private static final int KEEP_BYTES = 64 * 1024;

    private byte[] bytes;
    private int length;

    /** Appends {@code piece}, leaving its position alone. */
    void append(ByteBuffer piece, long limit, String kind) throws ProtocolException {
        int n = piece.remaining();
        if (n > limit - length) {
            throw tooBig(kind, (long) length + n, limit);
        }
        if (bytes == null || length + n > bytes.length) {
            // Powers of two, so a message of up to KEEP_BYTES finds the array it grew last time big enough.
            long needed = (long) length + n;
            long capacity = Math.max(256, Long.highestOneBit(needed - 1) << 1);
            byte[] grown = new byte[(int) Math.min(capacity, Math.max(Math.min(limit, Integer.MAX_VALUE - 8), needed))];
            if (bytes != null) {
                System.arraycopy(bytes, 0, grown, 0, length);
            }
            bytes = grown;
        }
        piece.get(piece.position(), bytes, length, n);
        length += n;
    }

    boolean isEmpty() {
        return length == 0;
    }

    String takeText() {
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        reset();
        return text;
    }

    byte[] takeBytes() {
        byte[] copy = java.util.Arrays.copyOf(bytes == null ? new byte[0] : bytes, length);
        reset();
        return copy;
    }

    void reset() {
        length = 0;
        if (bytes != null && bytes.length > KEEP_BYTES) {
            bytes = null;
        }
    }

    static ProtocolException tooBig(String kind, long size, long limit) {
        return new ProtocolException(CloseStatus.TOO_BIG,
                kind + " message of at least " + size + " bytes exceeds the limit of " + limit + " bytes");
    }
}
