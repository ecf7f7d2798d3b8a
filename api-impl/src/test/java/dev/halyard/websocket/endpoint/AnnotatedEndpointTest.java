// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.endpoint;

import static dev.halyard.websocket.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.coder.EndpointCoders;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Annotated endpoints exercised over a connection, every @OnMessage form and all four coder kinds. */
class AnnotatedEndpointTest {

    static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

    @BeforeEach
    void clear() {
        EVENTS.clear();
        Coders.LIFECYCLE.clear();
    }

    static String nextEvent() throws InterruptedException {
        String event = EVENTS.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("No event within 10 s");
        }
        return event;
    }

    /** Serves an annotated class at /rooms/{room}/{id} with the given coders and path values. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static EndpointPair serve(Class<?> type, Collector client, Map<String, String> path, List encoders, List decoders)
            throws Exception {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(type, "/rooms/{room}/{id}")
                .encoders(encoders).decoders(decoders).build();
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(type, Set.of("room", "id"),
                EndpointCoders.of(config, type.getName()));
        Object instance = type.getConstructor().newInstance();
        return EndpointPair.open(client, model.newEndpoint(instance), config, path);
    }

    static EndpointPair serve(Class<?> type, Collector client) throws Exception {
        return serve(type, client, Map.of("room", "lobby", "id", "7"), List.of(), List.of());
    }

    // ---- endpoints

    public static class Echo {
        private String room;

        @OnOpen
        public void open(Session session, EndpointConfig config, @PathParam("room") String room, @PathParam("id") int id,
                @PathParam("missing") String missing) {
            this.room = room;
            EVENTS.add("open " + room + " " + id + " " + missing + " " + (config instanceof ServerEndpointConfig) + " "
                    + session.getPathParameters().get("room"));
        }

        @OnMessage
        public String text(@PathParam("id") Long id, String text, Session session) {
            return room + "/" + id + ": " + text;
        }

        @OnMessage
        public byte[] binary(ByteBuffer data) {
            byte[] reversed = new byte[data.remaining()];
            for (int i = 0; i < reversed.length; i++) {
                reversed[i] = data.get(data.limit() - 1 - i);
            }
            return reversed;
        }

        @OnMessage
        public void pong(PongMessage pong, Session session) {
            EVENTS.add("pong " + pong.getApplicationData().remaining());
        }

        @OnClose
        public void close(CloseReason reason, @PathParam("room") String room) {
            EVENTS.add("close " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase() + " " + room);
        }
    }

    @Test
    void pathParametersReturnValuesPongsAndClose() throws Exception {
        Collector client = new Collector();
        EndpointPair pair = serve(Echo.class, client);
        assertThat(nextEvent()).isEqualTo("open lobby 7 null true lobby");
        pair.client.getBasicRemote().sendText("hello");
        assertThat(client.next()).isEqualTo("lobby/7: hello");
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(client.next()).isEqualTo(ByteBuffer.wrap(new byte[] {3, 2, 1}));
        pair.client.getBasicRemote().sendPong(ByteBuffer.wrap(new byte[] {9, 9}));
        assertThat(nextEvent()).isEqualTo("pong 2");
        pair.client.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "done"));
        assertThat(nextEvent()).isEqualTo("close 1001 done lobby");
    }

    public static class StaticEcho {
        @OnMessage
        public static String echo(Session session, String text, @PathParam("id") int id) {
            return text + " " + id + " " + session.getPathParameters().get("room");
        }
    }

    @Test
    void aStaticMethodTakesItsArgumentsAsAnInstanceMethodDoes() throws Exception {
        Collector client = new Collector();
        EndpointPair pair = serve(StaticEcho.class, client);
        pair.client.getBasicRemote().sendText("hi");
        assertThat(client.next()).isEqualTo("hi 7 lobby");
    }

    public static class Primitives {
        @OnMessage
        public int doubled(int number) {
            return number * 2;
        }

        @OnError
        public void error(Throwable error, Session session) throws IOException {
            session.getBasicRemote().sendText("error: " + error.getClass().getSimpleName() + ": " + error.getMessage());
        }
    }

    @Test
    void primitivesAreDecodedAndEncodedAndBadInputReachesOnError() throws Exception {
        Collector client = new Collector();
        EndpointPair pair = serve(Primitives.class, client);
        pair.client.getBasicRemote().sendText("21");
        assertThat(client.next()).isEqualTo("42");
        pair.client.getBasicRemote().sendText("twenty");
        assertThat((String) client.next()).startsWith("error: DecodeException: Cannot convert \"twenty\" to int");
        pair.client.getBasicRemote().sendText("-4");
        assertThat(client.next()).as("still open after the decode error").isEqualTo("-8");
    }

    public static class Parts {
        private final StringBuilder text = new StringBuilder();
        private int binaryBytes;

        @OnMessage
        public void text(boolean last, Session session, String part) throws IOException {
            text.append(part);
            if (last) {
                session.getBasicRemote().sendText("got " + text.length() + " chars");
                text.setLength(0);
            }
        }

        @OnMessage
        public String binary(byte[] part, boolean last) {
            binaryBytes += part.length;
            return last ? "got " + binaryBytes + " bytes" : null;
        }
    }

    @Test
    void partialMessagesInAnyParameterOrder() throws Exception {
        Collector client = new Collector();
        EndpointPair pair = serve(Parts.class, client);
        pair.client.getBasicRemote().sendText("abc", false);
        pair.client.getBasicRemote().sendText("def", true);
        assertThat(client.next()).isEqualTo("got 6 chars");
        pair.client.getBasicRemote().sendBinary(ByteBuffer.allocate(100_000)); // over the whole-message limit: parts take any size
        assertThat(client.next()).isEqualTo("got 100000 bytes");
    }

    public static class Streams {
        @OnMessage
        public String text(Reader reader) throws IOException {
            return "read " + reader.transferTo(java.io.Writer.nullWriter()) + " chars";
        }

        @OnMessage
        public ByteBuffer binary(InputStream in) throws IOException {
            return ByteBuffer.wrap(("read " + in.readAllBytes().length + " bytes").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void readerAndInputStream() throws Exception {
        Collector client = new Collector();
        EndpointPair pair = serve(Streams.class, client);
        pair.client.getBasicRemote().sendText("é".repeat(200_000));
        assertThat(client.next()).isEqualTo("read 200000 chars");
        pair.client.getBasicRemote().sendBinary(ByteBuffer.allocate(300_000));
        assertThat(client.next()).isEqualTo(ByteBuffer.wrap("read 300000 bytes".getBytes(StandardCharsets.UTF_8)));
    }

    public static class TextAndBinaryCoders {
        @OnMessage
        public Coders.Point point(Coders.Point point) {
            return new Coders.Point(point.x() + 1, point.y() + 1);
        }

        @OnMessage
        public Coders.Vector vector(Coders.Vector vector, Session session) {
            return new Coders.Vector(-vector.dx(), -vector.dy());
        }

        @OnError
        public void error(Session session, Throwable error) throws IOException {
            session.getBasicRemote().sendText(error.getClass().getSimpleName() + ": " + error.getMessage());
        }
    }

    @Test
    void textAndBinaryDecodersAndEncoders() throws Exception {
        Collector client = new Collector();
        EndpointPair pair = serve(TextAndBinaryCoders.class, client, Map.of(),
                List.of(Coders.PointEncoder.class, Coders.VectorEncoder.class),
                List.of(Coders.PointDecoder.class, Coders.VectorDecoder.class));
        pair.client.getBasicRemote().sendText("1,2");
        assertThat(client.next()).isEqualTo("2,3");
        pair.client.getBasicRemote().sendBinary(ByteBuffer.allocate(8).putInt(5).putInt(-6).flip());
        assertThat(client.next()).isEqualTo(ByteBuffer.allocate(8).putInt(-5).putInt(6).flip());
        pair.client.getBasicRemote().sendText("no comma");
        assertThat(client.next()).isEqualTo("DecodeException: No decoder for " + Coders.Point.class.getName()
                + " will decode this text message");
        pair.client.getBasicRemote().sendText("x,y");
        assertThat(client.next()).isEqualTo("DecodeException: Not a point: x,y");
        pair.client.close();
        client.nextClose();
        // The server destroys its coders once its own onClose has run.
        eventually().untilAsserted(() -> assertThat(Coders.LIFECYCLE).containsExactlyInAnyOrder(
                "init PointEncoder", "init VectorEncoder", "init PointDecoder", "init VectorDecoder",
                "destroy PointEncoder", "destroy VectorEncoder", "destroy PointDecoder", "destroy VectorDecoder"));
    }

    public static class StreamCoders {
        @OnMessage
        public Coders.Note note(Coders.Note note) {
            return new Coders.Note(note.text().toUpperCase());
        }

        @OnMessage
        public Coders.Blob blob(Coders.Blob blob) {
            return blob;
        }
    }

    @Test
    void streamDecodersAndEncoders() throws Exception {
        Collector client = new Collector();
        EndpointPair pair = serve(StreamCoders.class, client, Map.of(),
                List.of(Coders.NoteEncoder.class, Coders.BlobEncoder.class),
                List.of(Coders.NoteDecoder.class, Coders.BlobDecoder.class));
        pair.client.getBasicRemote().sendText("quiet");
        assertThat(client.next()).isEqualTo("note:QUIET");
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {4, 5}));
        assertThat(client.next()).isEqualTo(ByteBuffer.wrap(new byte[] {4, 5, 4, 5}));
    }

    public static class BadPathParameter {
        @OnOpen
        public void open(@PathParam("id") Integer id) {
            EVENTS.add("opened with " + id);
        }

        @OnError
        public void error(Throwable error) {
            EVENTS.add("error " + error.getClass().getSimpleName() + ": " + error.getMessage());
        }
    }

    @Test
    void pathParameterThatCannotBeConvertedReachesOnErrorAsDecodeException() throws Exception {
        serve(BadPathParameter.class, new Collector(), Map.of("room", "lobby", "id", "seven"), List.of(), List.of());
        assertThat(nextEvent()).isEqualTo("error DecodeException: Cannot convert \"seven\" to java.lang.Integer: "
                + "For input string: \"seven\"");
    }

    public static class Failing {
        @OnMessage
        public void text(String text) throws IOException {
            throw new IOException("cannot handle " + text);
        }

        @OnClose
        public void close() {
            throw new IllegalStateException("close failed");
        }

        @OnError
        public void error(Throwable error) {
            EVENTS.add(error.getClass().getSimpleName() + ": " + error.getMessage());
        }
    }

    @Test
    void exceptionsFromMessageAndCloseMethodsReachOnErrorUnwrapped() throws Exception {
        EndpointPair pair = serve(Failing.class, new Collector());
        pair.client.getBasicRemote().sendText("this");
        assertThat(nextEvent()).isEqualTo("IOException: cannot handle this");
        assertThat(pair.server.isOpen()).isTrue();
        pair.client.close();
        assertThat(nextEvent()).isEqualTo("IllegalStateException: close failed");
    }

    public static class Base {
        @OnMessage
        public String text(String text) {
            return "base " + text;
        }
    }

    public static class Inherits extends Base {
    }

    public static class OverridesWithoutAnnotation extends Base {
        @Override
        public String text(String text) {
            return "sub " + text;
        }
    }

    @Test
    void annotatedMethodsOfSuperclassesCountUnlessOverriddenWithoutTheAnnotation() throws Exception {
        Collector client = new Collector();
        EndpointPair inherits = serve(Inherits.class, client);
        inherits.client.getBasicRemote().sendText("x");
        assertThat(client.next()).isEqualTo("base x");

        Collector other = new Collector();
        EndpointPair overrides = serve(OverridesWithoutAnnotation.class, other);
        assertThat(overrides.server.getMessageHandlers()).as("the override without @OnMessage is no handler").isEmpty();
        overrides.client.getBasicRemote().sendText("y"); // no handler takes it: dropped, and the session goes on
        // The server reads its messages in order: the pong proves it read past "y" without answering or closing.
        overrides.client.getBasicRemote().sendPing(ByteBuffer.wrap("after y".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(other.next()).isEqualTo("pong after y");
        assertThat(other.closes).isEmpty();
    }

    public static class Limited {
        @OnMessage(maxMessageSize = 10)
        public String text(String text) {
            return text;
        }
    }

    @Test
    void maxMessageSizeClosesWith1009() throws Exception {
        Collector client = new Collector();
        EndpointPair pair = serve(Limited.class, client);
        pair.client.getBasicRemote().sendText("0123456789");
        assertThat(client.next()).isEqualTo("0123456789");
        pair.client.getBasicRemote().sendText("0123456789A");
        assertThat(client.nextClose().getCloseCode()).isEqualTo(CloseReason.CloseCodes.TOO_BIG);
    }

    /** A programmatic endpoint's MessageHandler for a decoded type uses the config's decoders. */
    public static class Programmatic extends jakarta.websocket.Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(Coders.Point.class, (MessageHandler.Whole<Coders.Point>) point -> {
                try {
                    session.getBasicRemote().sendObject(new Coders.Point(point.y(), point.x()));
                } catch (IOException | jakarta.websocket.EncodeException e) {
                    throw new IllegalStateException(e);
                }
            });
            session.addMessageHandler(Coders.Vector.class, (MessageHandler.Whole<Coders.Vector>) v -> EVENTS.add("vector " + v.dx()));
            try {
                session.addMessageHandler(Integer.class, (MessageHandler.Whole<Integer>) number -> { });
            } catch (IllegalStateException e) {
                EVENTS.add(e.getMessage()); // Integer comes from text, which the Point handler already takes
            }
        }
    }

    @Test
    void programmaticEndpointWithDecodedHandlerTypes() throws Exception {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Programmatic.class, "/p")
                .encoders(List.<Class<? extends Encoder>>of(Coders.PointEncoder.class))
                .decoders(List.<Class<? extends Decoder>>of(Coders.PointDecoder.class, Coders.VectorDecoder.class)).build();
        Collector client = new Collector();
        EndpointPair pair = EndpointPair.open(client, new Programmatic(), config, Map.of());
        assertThat(nextEvent()).startsWith("A text message handler is already registered");
        pair.client.getBasicRemote().sendText("3,4");
        assertThat(client.next()).isEqualTo("4,3");
        pair.client.getBasicRemote().sendBinary(ByteBuffer.allocate(8).putInt(11).putInt(0).flip());
        assertThat(nextEvent()).isEqualTo("vector 11");
        assertThat(pair.server.getMessageHandlers()).hasSize(2);
    }

    @Test
    void decodeExceptionCarriesTheMessage() {
        DecodeException e = new DecodeException("raw", "why");
        assertThat(e.getText()).isEqualTo("raw");
    }
}
