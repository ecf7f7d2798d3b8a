// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.frame.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/** Sinks that collect a whole message before calling the application. */
final class WholeMessageSinks {

    private WholeMessageSinks() {
    }

    /** Whole text as a {@code String}. A message that arrives in one piece is decoded straight from it. */
    static MessageSink text(MessageConsumer<String> consumer, MessageBuffer buffer, LongSupplier limit, Invoker invoker) {
        return (piece, last) -> {
            if (last && buffer.isEmpty()) {
                long max = limit.getAsLong();
                if (piece.remaining() > max) {
                    throw MessageBuffer.tooBig("Text", piece.remaining(), max);
                }
                String text = decode(piece);
                invoker.deliver(consumer, text);
                return;
            }
            buffer.append(piece, limit.getAsLong(), "Text");
            if (last) {
                String text = buffer.takeText();
                invoker.deliver(consumer, text);
            }
        };
    }

    /** Whole binary as a {@code ByteBuffer} of its own, or as a {@code byte[]}. */
    static <T> MessageSink binary(MessageConsumer<T> consumer, boolean asArray, MessageBuffer buffer, LongSupplier limit,
            Invoker invoker) {
        return (piece, last) -> {
            buffer.append(piece, limit.getAsLong(), "Binary");
            if (last) {
                byte[] bytes = buffer.takeBytes();
                @SuppressWarnings("unchecked")
                T message = (T) (asArray ? bytes : ByteBuffer.wrap(bytes));
                invoker.deliver(consumer, message);
            }
        };
    }

    static String decode(ByteBuffer piece) {
        if (piece.hasArray()) {
            return new String(piece.array(), piece.arrayOffset() + piece.position(), piece.remaining(), StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[piece.remaining()];
        piece.get(piece.position(), bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

}
