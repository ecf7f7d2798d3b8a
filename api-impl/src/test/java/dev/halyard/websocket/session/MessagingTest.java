// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import static dev.halyard.websocket.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Messages of every handler shape, over a client and a server session wired in memory. */
class MessagingTest {

    private static byte[] pattern(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) (i * 7 + 3);
        }
        return bytes;
    }

    @Test
    void wholeTextAndBinaryBothWays() throws Exception {
        RecordingEndpoint client = RecordingEndpoint.collecting();
        RecordingEndpoint server = RecordingEndpoint.collecting();
        SessionPair pair = SessionPair.open(client, server);
        pair.client.getBasicRemote().sendText("hello κόσμε 😀");
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap(pattern(1000)));
        pair.server.getBasicRemote().sendText("");
        pair.server.getAsyncRemote().sendBinary(ByteBuffer.wrap(pattern(60_000))).get(5, TimeUnit.SECONDS);
        assertThat(server.nextMessage()).isEqualTo("hello κόσμε 😀");
        assertThat(server.nextMessage()).isEqualTo(ByteBuffer.wrap(pattern(1000)));
        assertThat(client.nextMessage()).isEqualTo("");
        assertThat(client.nextMessage()).isEqualTo(ByteBuffer.wrap(pattern(60_000)));
        assertThat(server.errors).isEmpty();
    }

    @Test
    void partialTextKeepsCharactersWholeAndMarksTheLastPart() throws Exception {
        List<String> parts = new CopyOnWriteArrayList<>();
        List<Boolean> lasts = new CopyOnWriteArrayList<>();
        RecordingEndpoint server = new RecordingEndpoint(session -> session.addMessageHandler(String.class,
                (MessageHandler.Partial<String>) (part, last) -> {
                    parts.add(part);
                    lasts.add(last);
                }));
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), server);
        // Parts cut between the halves of a surrogate pair and, in UTF-8, inside multibyte characters.
        String text = "a😀b€c".repeat(3000);
        pair.client.getBasicRemote().sendText(text.substring(0, 2), false);
        pair.client.getBasicRemote().sendText(text.substring(2, 10_001), false);
        pair.client.getBasicRemote().sendText(text.substring(10_001), true);
        eventually().until(() -> lasts.contains(true));
        assertThat(String.join("", parts)).isEqualTo(text);
        assertThat(lasts.subList(0, lasts.size() - 1)).doesNotContain(true);
        assertThat(parts).allSatisfy(p -> assertThat(p.getBytes(StandardCharsets.UTF_8)).isNotEmpty().hasSizeLessThanOrEqualTo(text.length() * 4));
    }

    @Test
    void partialBinaryReceivesMessagesOfAnySize() throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        AtomicInteger lasts = new AtomicInteger();
        RecordingEndpoint server = new RecordingEndpoint(session -> session.addMessageHandler(byte[].class,
                (MessageHandler.Partial<byte[]>) (part, last) -> {
                    synchronized (received) {
                        received.writeBytes(part);
                    }
                    if (last) {
                        lasts.incrementAndGet();
                    }
                }));
        SessionConfig small = SessionConfig.defaults().withMessageLimits(1024, 1024);
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), server, SessionConfig.defaults(), small, 64 * 1024);
        byte[] big = pattern(300_000); // far past the 1 KiB limit, which only holds for whole messages
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap(big));
        eventually().until(() -> lasts.get() == 1);
        synchronized (received) {
            assertThat(received.toByteArray()).isEqualTo(big);
        }
        assertThat(pair.server.isOpen()).isTrue();
    }

    @Test
    void readerAndInputStreamHandlersStreamLargeMessages() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint(session -> {
            session.addMessageHandler(Reader.class, reader -> io(() -> {
                StringWriter all = new StringWriter();
                reader.transferTo(all);
                session.getBasicRemote().sendText("read " + all.toString().length() + " chars, hash " + all.toString().hashCode());
            }));
            session.addMessageHandler(InputStream.class, stream -> io(() -> {
                byte[] all = stream.readAllBytes();
                session.getBasicRemote().sendText("read " + all.length + " bytes, hash " + java.util.Arrays.hashCode(all));
            }));
        });
        RecordingEndpoint client = RecordingEndpoint.collecting();
        SessionPair pair = SessionPair.open(client, server, SessionConfig.defaults(),
                SessionConfig.defaults().withMessageLimits(16, 16), 16 * 1024);
        String text = "stream ✓ ".repeat(200_000);
        byte[] bytes = pattern(2_000_000);
        pair.client.getBasicRemote().sendText(text);
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes));
        assertThat(client.nextMessage()).isEqualTo("read " + text.length() + " chars, hash " + text.hashCode());
        assertThat(client.nextMessage()).isEqualTo("read " + bytes.length + " bytes, hash " + java.util.Arrays.hashCode(bytes));
    }

    @Test
    void pingsAreAnsweredAndPongsReachTheirHandler() throws Exception {
        RecordingEndpoint client = RecordingEndpoint.collecting();
        RecordingEndpoint server = RecordingEndpoint.collecting();
        SessionPair pair = SessionPair.open(client, server);
        pair.client.getBasicRemote().sendPing(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        PongMessage pong = (PongMessage) client.nextMessage();
        assertThat(pong.getApplicationData()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        pair.server.getAsyncRemote().sendPong(ByteBuffer.wrap(new byte[] {9}));
        assertThat(((PongMessage) client.nextMessage()).getApplicationData()).isEqualTo(ByteBuffer.wrap(new byte[] {9}));
        assertThat(server.messages).isEmpty(); // the server's own automatic pong answered; it saw no pong
    }

    @Test
    void controlPayloadsOver125BytesAreRefused() {
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), RecordingEndpoint.collecting());
        assertThatThrownBy(() -> pair.client.getBasicRemote().sendPing(ByteBuffer.allocate(126)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PING payload of 126 bytes exceeds 125");
        assertThatThrownBy(() -> pair.client.getAsyncRemote().sendPong(ByteBuffer.allocate(200)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PONG payload of 200 bytes");
    }

    @Test
    void oneHandlerPerNativeMessageType() {
        List<String> failures = new ArrayList<>();
        RecordingEndpoint server = new RecordingEndpoint(session -> {
            session.addMessageHandler(String.class, text -> { });
            expectFailure(failures, () -> session.addMessageHandler(Reader.class, reader -> { }));
            expectFailure(failures, () -> session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (p, l) -> { }));
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (p, l) -> { });
            expectFailure(failures, () -> session.addMessageHandler(InputStream.class, in -> { }));
            session.addMessageHandler(PongMessage.class, pong -> { });
            expectFailure(failures, () -> session.addMessageHandler(PongMessage.class, pong -> { }));
        });
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), server);
        assertThat(failures).hasSize(4).allSatisfy(message -> assertThat(message).contains("already registered"));
        assertThat(failures.get(0)).startsWith("A text message handler is already registered");
        assertThat(failures.get(2)).startsWith("A binary message handler");
        assertThat(failures.get(3)).startsWith("A pong message handler");
        assertThat(pair.server.getMessageHandlers()).hasSize(3);
    }

    private static void expectFailure(List<String> failures, Runnable call) {
        try {
            call.run();
            failures.add("no exception");
        } catch (IllegalStateException e) {
            failures.add(e.getMessage());
        }
    }

    /** A subclass that fixes the type variable of a generic base handler. */
    abstract static class Base<T> implements MessageHandler.Whole<T> {
    }

    static final class Texts extends Base<String> {
        final List<String> got = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(String message) {
            got.add(message);
        }
    }

    @Test
    void handlerTypesAreFoundThroughGenericSubclassesAndLambdasNeedTheirClass() throws Exception {
        Texts texts = new Texts();
        List<String> failures = new ArrayList<>();
        RecordingEndpoint server = new RecordingEndpoint(session -> {
            session.addMessageHandler(texts);
            MessageHandler.Whole<ByteBuffer> lambda = data -> { };
            try {
                session.addMessageHandler(lambda);
            } catch (IllegalStateException e) {
                failures.add(e.getMessage());
            }
            session.addMessageHandler(new MessageHandler.Partial<byte[]>() {
                @Override
                public void onMessage(byte[] part, boolean last) {
                }
            });
        });
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), server);
        pair.client.getBasicRemote().sendText("typed");
        eventually().until(() -> !texts.got.isEmpty());
        assertThat(texts.got).containsExactly("typed");
        assertThat(failures).singleElement().asString().contains("Cannot tell the message type")
                .contains("Session.addMessageHandler(Class, Whole)");
    }

    @Test
    void removedHandlerNoLongerReceivesAndItsSlotIsFree() throws Exception {
        MessageHandler.Whole<String> old = message -> { };
        RecordingEndpoint server = new RecordingEndpoint(session -> session.addMessageHandler(String.class, old));
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), server);
        Session session = pair.server;
        assertThat(session.getMessageHandlers()).containsExactly(old);
        session.removeMessageHandler(old);
        assertThat(session.getMessageHandlers()).isEmpty();
        session.addMessageHandler(String.class, message -> server.messages.add("new:" + message));
        pair.client.getBasicRemote().sendText("x");
        assertThat(server.nextMessage()).isEqualTo("new:x");
    }

    @Test
    void sendStreamAndWriterMakeOneMessageEach() throws Exception {
        RecordingEndpoint server = RecordingEndpoint.collecting();
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), server);
        byte[] bytes = pattern(50_000);
        try (java.io.OutputStream out = pair.client.getBasicRemote().getSendStream()) {
            out.write(bytes, 0, 20_000);
            out.flush();
            out.write(bytes, 20_000, 30_000);
        }
        String text = "ab😀".repeat(3000); // 4,096-char buffers cut some pairs in half
        try (Writer writer = pair.client.getBasicRemote().getSendWriter()) {
            writer.write(text);
        }
        assertThat(server.nextMessage()).isEqualTo(ByteBuffer.wrap(bytes));
        assertThat(server.nextMessage()).isEqualTo(text);
    }

    @Test
    void sendObjectUsesTheBuiltInEncoders() throws Exception {
        RecordingEndpoint server = RecordingEndpoint.collecting();
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), server);
        pair.client.getBasicRemote().sendObject(42);
        pair.client.getAsyncRemote().sendObject(true).get(5, TimeUnit.SECONDS);
        pair.client.getBasicRemote().sendObject(new byte[] {5});
        assertThat(server.nextMessage()).isEqualTo("42");
        assertThat(server.nextMessage()).isEqualTo("true");
        assertThat(server.nextMessage()).isEqualTo(ByteBuffer.wrap(new byte[] {5}));
        assertThatThrownBy(() -> pair.client.getBasicRemote().sendObject(new Object()))
                .isInstanceOf(jakarta.websocket.EncodeException.class).hasMessageContaining("No encoder for objects of type java.lang.Object");
        assertThatThrownBy(() -> pair.client.getAsyncRemote().sendObject(new Object()).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(jakarta.websocket.EncodeException.class);
    }

    @Test
    void batchedMessagesWaitForFlush() throws Exception {
        RecordingEndpoint server = RecordingEndpoint.collecting();
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), server);
        pair.client.getBasicRemote().setBatchingAllowed(true);
        assertThat(pair.client.getBasicRemote().getBatchingAllowed()).isTrue();
        pair.client.getBasicRemote().sendText("one");
        pair.client.getBasicRemote().sendText("two");
        assertThat(server.messages.poll(300, TimeUnit.MILLISECONDS)).as("held in the batch").isNull();
        pair.client.getBasicRemote().flushBatch();
        assertThat(server.nextMessage()).isEqualTo("one");
        assertThat(server.nextMessage()).isEqualTo("two");
        pair.client.getBasicRemote().sendText("three");
        pair.client.getBasicRemote().setBatchingAllowed(false);
        assertThat(server.nextMessage()).isEqualTo("three");
    }

    @Test
    void handlerExceptionsGoToOnErrorAndTheSessionStaysOpen() throws Exception {
        RecordingEndpoint[] self = new RecordingEndpoint[1];
        self[0] = new RecordingEndpoint(session -> session.addMessageHandler(String.class, text -> {
            if (text.equals("boom")) {
                throw new IllegalStateException("handler failed on " + text);
            }
            self[0].messages.add(text);
        }));
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), self[0]);
        pair.client.getBasicRemote().sendText("boom");
        pair.client.getBasicRemote().sendText("fine");
        assertThat(self[0].nextMessage()).isEqualTo("fine");
        assertThat(self[0].errors).singleElement().satisfies(e -> assertThat(e).hasMessage("handler failed on boom"));
        assertThat(pair.server.isOpen()).isTrue();
    }

    interface IoCall {
        void run() throws java.io.IOException;
    }

    /** Runs handler code that does IO, which MessageHandler.onMessage may not declare. */
    static void io(IoCall call) {
        try {
            call.run();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
