// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.frame.OpCode;
import dev.halyard.websocket.frame.ProtocolException;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * The receiving side of a session: its message handlers, the sink serving the message in
 * progress, the message size limits, and pongs held while a stream handler runs. Frames arrive
 * from the read loop, one at a time; handlers change from any thread.
 */
final class InboundMessages {

    /** Where a message goes that no handler takes. */
    private static final MessageSink DISCARD = (piece, last) -> { };

    private final WebSocketConnection connection;
    private final Invoker invoker;
    private final Executor streamHandlers;
    private final BooleanSupplier open;
    private final MessageBuffer messageBuffer = new MessageBuffer();
    private final MessageHandlers handlers;

    private volatile int maxTextMessageBytes;
    private volatile int maxBinaryMessageBytes;

    // Read-loop state.
    private MessageSink currentSink;
    private final List<ByteBuffer> heldPongs = new ArrayList<>();

    /**
     * @param streamHandlers where stream handlers (InputStream, Reader) run while the read loop feeds them
     * @param open whether messages are still delivered: not once the session is closing
     */
    InboundMessages(WebSocketConnection connection, Invoker invoker, Executor streamHandlers, DecodedTypes decodedTypes,
            SessionConfig settings, BooleanSupplier open) {
        this.connection = connection;
        this.invoker = invoker;
        this.streamHandlers = streamHandlers;
        this.open = open;
        this.maxTextMessageBytes = settings.maxTextMessageBytes();
        this.maxBinaryMessageBytes = settings.maxBinaryMessageBytes();
        this.handlers = new MessageHandlers(new Sinks(), decodedTypes);
        applyLimits();
    }

    /** A piece of a text or binary message, from the read loop. */
    void onDataFrame(int opcode, boolean fin, ByteBuffer payload, boolean frameEnd) throws ProtocolException {
        if (!open.getAsBoolean()) {
            return; // closing: what the peer sent before its close frame is no longer delivered
        }
        if (currentSink == null) {
            MessageHandlers.Registration registration = opcode == OpCode.TEXT ? handlers.text() : handlers.binary();
            // A message no handler takes is dropped and the session goes on (COMPATIBILITY.md C1).
            currentSink = registration == null ? DISCARD : registration.sink();
        }
        MessageSink sink = currentSink;
        boolean last = fin && frameEnd;
        if (last) {
            currentSink = null;
        }
        sink.accept(payload, last);
        if (last && !heldPongs.isEmpty()) {
            List<ByteBuffer> pongs = new ArrayList<>(heldPongs);
            heldPongs.clear();
            pongs.forEach(this::deliverPong);
        }
    }

    /** A pong for the application, from the read loop; held while a stream handler holds the invoke lock. */
    void onPong(ByteBuffer payload) {
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
        if (currentSink instanceof StreamSink<?> stream && stream.isActive()) {
            heldPongs.add(copy); // the stream handler holds the invoke lock until its message ends
            return;
        }
        deliverPong(copy);
    }

    private void deliverPong(ByteBuffer data) {
        MessageConsumer<PongMessage> consumer = handlers.pong();
        if (consumer != null && open.getAsBoolean()) {
            PongMessage pong = () -> data.asReadOnlyBuffer();
            invoker.invoke(() -> consumer.accept(pong));
        }
    }

    /** Releases a stream handler waiting for the rest of a message that will not come. */
    void abortMessage(String why) {
        MessageSink sink = currentSink;
        if (sink != null) {
            sink.abort(new IOException(why));
        }
        MessageHandlers.Registration text = handlers.text();
        if (text != null) {
            text.sink().abort(new IOException(why));
        }
        MessageHandlers.Registration binary = handlers.binary();
        if (binary != null) {
            binary.sink().abort(new IOException(why));
        }
    }

    // ---- handlers

    /** {@code Session.addMessageHandler(handler)}: its message type read from its type arguments. */
    void add(MessageHandler handler) {
        if (handler instanceof MessageHandler.Whole<?> whole) {
            addWhole(TypeArguments.messageType(handler, MessageHandler.Whole.class), whole);
        } else if (handler instanceof MessageHandler.Partial<?> partial) {
            addPartial(TypeArguments.messageType(handler, MessageHandler.Partial.class), partial);
        } else {
            throw new IllegalArgumentException("A message handler implements MessageHandler.Whole or MessageHandler.Partial; "
                    + (handler == null ? "got null" : handler.getClass().getName() + " implements neither"));
        }
    }

    <T> void add(Class<T> type, MessageHandler.Whole<T> handler) {
        addWhole(requireType(type, handler), handler, handler::onMessage);
    }

    <T> void add(Class<T> type, MessageHandler.Partial<T> handler) {
        addPartial(requireType(type, handler), handler, handler::onMessage);
    }

    @SuppressWarnings("unchecked")
    private <T> void addWhole(Class<?> type, MessageHandler.Whole<?> handler) {
        MessageHandler.Whole<T> typed = (MessageHandler.Whole<T>) handler;
        addWhole((Class<T>) type, handler, typed::onMessage);
    }

    @SuppressWarnings("unchecked")
    private <T> void addPartial(Class<?> type, MessageHandler.Partial<?> handler) {
        MessageHandler.Partial<T> typed = (MessageHandler.Partial<T>) handler;
        addPartial((Class<T>) type, handler, typed::onMessage);
    }

    private static <T> Class<T> requireType(Class<T> type, MessageHandler handler) {
        if (type == null || handler == null) {
            throw new IllegalArgumentException("addMessageHandler needs a message type and a handler, got "
                    + type + " and " + handler);
        }
        return type;
    }

    <T> void addWhole(Class<T> type, Object owner, MessageConsumer<T> consumer) {
        handlers.addWhole(type, owner, consumer);
        applyLimits();
    }

    <T> void addPartial(Class<T> type, Object owner, PartialConsumer<T> consumer) {
        handlers.addPartial(type, owner, consumer);
        applyLimits();
    }

    void remove(MessageHandler handler) {
        handlers.remove(handler);
        applyLimits();
    }

    Set<MessageHandler> all() {
        return handlers.all();
    }

    // ---- limits

    int maxTextMessageBytes() {
        return maxTextMessageBytes;
    }

    int maxBinaryMessageBytes() {
        return maxBinaryMessageBytes;
    }

    void setMaxTextMessageBytes(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("Text message buffer size must not be negative, got " + length);
        }
        maxTextMessageBytes = length;
        applyLimits();
    }

    void setMaxBinaryMessageBytes(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("Binary message buffer size must not be negative, got " + length);
        }
        maxBinaryMessageBytes = length;
        applyLimits();
    }

    private void applyLimits() {
        MessageHandlers.Registration text = handlers.text();
        MessageHandlers.Registration binary = handlers.binary();
        // Only whole messages are held in memory; partial and stream handlers take any size.
        connection.setMaxMessageBytes(text == null || text.buffersWhole() ? maxTextMessageBytes : Long.MAX_VALUE,
                binary == null || binary.buffersWhole() ? maxBinaryMessageBytes : Long.MAX_VALUE);
    }

    /** The sinks of this session's handlers. */
    private final class Sinks implements MessageHandlers.SinkFactory {

        @Override
        public MessageSink wholeText(MessageConsumer<String> consumer) {
            return WholeMessageSinks.text(consumer, messageBuffer, () -> maxTextMessageBytes, invoker);
        }

        @Override
        public <T> MessageSink wholeBinary(MessageConsumer<T> consumer, boolean asArray) {
            return WholeMessageSinks.binary(consumer, asArray, messageBuffer, () -> maxBinaryMessageBytes, invoker);
        }

        @Override
        public MessageSink partialText(PartialConsumer<String> consumer) {
            return PartialMessageSinks.text(consumer, invoker);
        }

        @Override
        public <T> MessageSink partialBinary(PartialConsumer<T> consumer, boolean asArray) {
            return PartialMessageSinks.binary(consumer, asArray, invoker);
        }

        @Override
        public <T> MessageSink stream(MessageConsumer<T> consumer, boolean text) {
            return new StreamSink<>(consumer, text, invoker, streamHandlers);
        }
    }
}
