// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Sinks that hand the application each piece as it arrives, with {@code last} on the final one. */
final class PartialMessageSinks {

    private PartialMessageSinks() {
    }

    /**
     * Text in parts. A piece may end inside a UTF-8 character; those bytes wait for the next piece,
     * so every part is whole characters.
     */
    static MessageSink text(PartialConsumer<String> consumer, Invoker invoker) {
        return new MessageSink() {
            private byte[] carry = new byte[0];

            @Override
            public void accept(ByteBuffer piece, boolean last) {
                byte[] bytes = new byte[carry.length + piece.remaining()];
                System.arraycopy(carry, 0, bytes, 0, carry.length);
                piece.get(piece.position(), bytes, carry.length, piece.remaining());
                int cut = last ? bytes.length : endOfLastWholeCharacter(bytes);
                carry = Arrays.copyOfRange(bytes, cut, bytes.length);
                String part = new String(bytes, 0, cut, StandardCharsets.UTF_8);
                invoker.invoke(() -> consumer.accept(part, last));
            }
        };
    }

    /** Binary in parts, each a {@code ByteBuffer} or {@code byte[]} of its own. */
    static <T> MessageSink binary(PartialConsumer<T> consumer, boolean asArray, Invoker invoker) {
        return (piece, last) -> {
            byte[] bytes = new byte[piece.remaining()];
            piece.get(piece.position(), bytes);
            @SuppressWarnings("unchecked")
            T part = (T) (asArray ? bytes : ByteBuffer.wrap(bytes));
            invoker.invoke(() -> consumer.accept(part, last));
        };
    }

    /** Where the trailing, incomplete character of already-validated UTF-8 starts (the length when there is none). */
    static int endOfLastWholeCharacter(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0 && i >= bytes.length - 4; i--) {
            int b = bytes[i] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // a continuation byte: keep looking for its lead
            }
            int needed = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            return bytes.length - i >= needed ? bytes.length : i;
        }
        return bytes.length;
    }
}
