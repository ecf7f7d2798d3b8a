// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The message handlers of one session: at most one per native message type, text, binary and
 * pong (Jakarta WebSocket 2.2 §2.1.3), each held with the sink that serves it.
 */
final class MessageHandlers {

    /** A registered handler and the sink chosen for it. */
    record Registration(Object handler, MessageSink sink, boolean buffersWhole) {
    }

    /** Builds the sink for each handler shape, bound to the session it serves. */
    interface SinkFactory {
        MessageSink wholeText(MessageConsumer<String> consumer);

        <T> MessageSink wholeBinary(MessageConsumer<T> consumer, boolean asArray);

        MessageSink partialText(PartialConsumer<String> consumer);

        <T> MessageSink partialBinary(PartialConsumer<T> consumer, boolean asArray);

        <T> MessageSink stream(MessageConsumer<T> consumer, boolean text);
    }

    private final SinkFactory sinks;
    private final DecodedTypes decodedTypes;
    private volatile Registration text;
    private volatile Registration binary;
    private volatile MessageConsumer<PongMessage> pongConsumer;
    private volatile Object pongHandler;

    MessageHandlers(SinkFactory sinks, DecodedTypes decodedTypes) {
        this.sinks = sinks;
        this.decodedTypes = decodedTypes;
    }

    Registration text() {
        return text;
    }

    Registration binary() {
        return binary;
    }

    MessageConsumer<PongMessage> pong() {
        return pongConsumer;
    }

    /**
     * Registers {@code consumer} for whole messages of {@code type}: a native type, or one the
     * decoders produce (which may take text, binary or both).
     *
     * @param owner what {@link #remove} and {@link #all} know the registration by
     */
    @SuppressWarnings("unchecked")
    synchronized <T> void addWhole(Class<T> type, Object owner, MessageConsumer<T> consumer) {
        // A configured decoder for the type wins over built-in delivery, even for String, Reader, a
        // buffer or InputStream (COMPATIBILITY.md C5).
        List<Decoding> decodings = type == PongMessage.class ? List.of() : decodedTypes.decodingsFor(type);
        if (!decodings.isEmpty()) {
            addDecoded(owner, consumer, decodings);
        } else if (type == String.class) {
            setText(owner, sinks.wholeText((MessageConsumer<String>) consumer), true);
        } else if (type == Reader.class) {
            setText(owner, sinks.stream(consumer, true), false);
        } else if (type == ByteBuffer.class || type == byte[].class) {
            setBinary(owner, sinks.wholeBinary(consumer, type == byte[].class), true);
        } else if (type == InputStream.class) {
            setBinary(owner, sinks.stream(consumer, false), false);
        } else if (type == PongMessage.class) {
            if (pongHandler != null) {
                throw alreadyRegistered("pong", pongHandler);
            }
            pongHandler = owner;
            pongConsumer = (MessageConsumer<PongMessage>) consumer;
        } else {
            throw new IllegalStateException("No decoder for messages of type " + type.getName() + " (" + describe(owner)
                    + "); a whole-message handler takes String, Reader, ByteBuffer, byte[], InputStream, PongMessage, "
                    + "a Java primitive or its box, or a type a configured Decoder produces");
        }
    }

    private <T> void addDecoded(Object owner, MessageConsumer<T> consumer, List<Decoding> decodings) {
        for (Decoding decoding : decodings) {
            if ((decoding.source().isText() ? text : binary) != null) {
                throw alreadyRegistered(decoding.source().isText() ? "text" : "binary",
                        (decoding.source().isText() ? text : binary).handler());
            }
        }
        for (Decoding decoding : decodings) {
            @SuppressWarnings("unchecked")
            MessageConsumer<Object> decoded = message -> consumer.accept((T) decoding.decode().apply(message));
            switch (decoding.source()) {
                case TEXT -> setText(owner, sinks.wholeText(decoded::accept), true);
                case BINARY -> setBinary(owner, sinks.wholeBinary(decoded, false), true);
                case TEXT_STREAM -> setText(owner, sinks.stream(decoded, true), false);
                default -> setBinary(owner, sinks.stream(decoded, false), false);
            }
        }
    }

    /** Registers {@code consumer} for messages of {@code type} in parts: String, ByteBuffer or byte[]. */
    @SuppressWarnings("unchecked")
    synchronized <T> void addPartial(Class<T> type, Object owner, PartialConsumer<T> consumer) {
        if (type == String.class) {
            setText(owner, sinks.partialText((PartialConsumer<String>) consumer), false);
        } else if (type == ByteBuffer.class || type == byte[].class) {
            setBinary(owner, sinks.partialBinary(consumer, type == byte[].class), false);
        } else {
            throw new IllegalStateException("A partial message handler takes String, ByteBuffer or byte[], not "
                    + type.getName() + " (" + describe(owner) + ")");
        }
    }

    private static String describe(Object owner) {
        return owner instanceof MessageHandler ? owner.getClass().getName() : String.valueOf(owner);
    }

    synchronized void remove(Object handler) {
        if (text != null && text.handler() == handler) {
            text = null;
        }
        if (binary != null && binary.handler() == handler) {
            binary = null;
        }
        if (pongHandler == handler) {
            pongHandler = null;
            pongConsumer = null;
        }
    }

    synchronized Set<MessageHandler> all() {
        Set<MessageHandler> all = new HashSet<>();
        for (Object handler : new Object[] {text == null ? null : text.handler(), binary == null ? null : binary.handler(), pongHandler}) {
            if (handler instanceof MessageHandler) {
                all.add((MessageHandler) handler);
            }
        }
        return Set.copyOf(all);
    }

    private void setText(Object handler, MessageSink sink, boolean buffersWhole) {
        if (text != null) {
            throw alreadyRegistered("text", text.handler());
        }
        text = new Registration(handler, sink, buffersWhole);
    }

    private void setBinary(Object handler, MessageSink sink, boolean buffersWhole) {
        if (binary != null) {
            throw alreadyRegistered("binary", binary.handler());
        }
        binary = new Registration(handler, sink, buffersWhole);
    }

    private static IllegalStateException alreadyRegistered(String kind, Object existing) {
        return new IllegalStateException("A " + kind + " message handler is already registered ("
                + existing.getClass().getName() + "); a session takes one per message type (Jakarta WebSocket 2.2 §2.1.3)");
    }
}
