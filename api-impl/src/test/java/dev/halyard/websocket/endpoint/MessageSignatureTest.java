// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.endpoint;

import static dev.halyard.websocket.endpoint.MessageSignature.Kind.BINARY;
import static dev.halyard.websocket.endpoint.MessageSignature.Kind.PONG;
import static dev.halyard.websocket.endpoint.MessageSignature.Kind.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.halyard.websocket.coder.EndpointCoders;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shape of {@code @OnMessage} parameter list, classified: where each argument comes from, the
 * payload type and the messages it takes. The refusals, with their messages, are in
 * {@link InvalidEndpointsTest}; here the few that only this classification decides.
 */
class MessageSignatureTest {

    /** The methods to classify; only their parameters matter. */
    @SuppressWarnings("unused")
    public static class Signatures {
        public void text(String s) {}
        public void reader(Reader r) {}
        public void number(int n) {}
        public void boxedNumber(Long n) {}
        public void flagAsMessage(boolean b) {}
        public void bytes(byte[] b) {}
        public void buffer(ByteBuffer b) {}
        public void stream(InputStream in) {}
        public void pong(PongMessage p) {}
        public void point(Coders.Point p) {}
        public void vector(Coders.Vector v) {}
        public void note(Coders.Note n) {}
        public void blob(Coders.Blob b) {}
        public void anything(Object o) {}
        public void textParts(String s, boolean last) {}
        public void flagFirst(boolean last, ByteBuffer b) {}
        public void bytesInParts(Session s, byte[] b, boolean last) {}
        public void everything(@PathParam("room") String room, boolean last, Session s, @PathParam("{id}") int id, String t) {}
        public void sessionLast(String s, Session session) {}
        public void twoFlags(boolean a, boolean b) {}
    }

    static Stream<Arguments> signatures() {
        return Stream.of(
                row("text", "PAYLOAD", String.class, TEXT),
                row("reader", "PAYLOAD", Reader.class, TEXT),
                row("number", "PAYLOAD", int.class, TEXT),
                row("boxedNumber", "PAYLOAD", Long.class, TEXT),
                row("flagAsMessage", "PAYLOAD", boolean.class, TEXT),
                row("bytes", "PAYLOAD", byte[].class, BINARY),
                row("buffer", "PAYLOAD", ByteBuffer.class, BINARY),
                row("stream", "PAYLOAD", InputStream.class, BINARY),
                row("pong", "PAYLOAD", PongMessage.class, PONG),
                row("point", "PAYLOAD", Coders.Point.class, TEXT),
                row("vector", "PAYLOAD", Coders.Vector.class, BINARY),
                row("note", "PAYLOAD", Coders.Note.class, TEXT),
                row("blob", "PAYLOAD", Coders.Blob.class, BINARY),
                row("anything", "PAYLOAD", Object.class, TEXT, BINARY), // every decoder makes an Object
                row("textParts", "PAYLOAD LAST_PART", String.class, TEXT),
                row("flagFirst", "LAST_PART PAYLOAD", ByteBuffer.class, BINARY),
                row("bytesInParts", "SESSION PAYLOAD LAST_PART", byte[].class, BINARY),
                row("everything", "PATH_PARAMETER:room LAST_PART SESSION PATH_PARAMETER:id PAYLOAD", String.class, TEXT),
                row("sessionLast", "PAYLOAD SESSION", String.class, TEXT));
    }

    private static Arguments row(String method, String plan, Class<?> payloadType, MessageSignature.Kind... kinds) {
        return Arguments.of(method, plan, payloadType, Set.of(kinds));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("signatures")
    void classifiesEachParameterOnce(String method, String plan, Class<?> payloadType, Set<MessageSignature.Kind> kinds)
            throws Exception {
        MessageSignature signature = classify(method);

        assertThat(plan(signature.arguments())).isEqualTo(plan);
        assertThat(signature.payloadType()).isEqualTo(payloadType);
        assertThat(signature.kinds()).containsExactlyInAnyOrderElementsOf(kinds);
        assertThat(signature.partial()).isEqualTo(plan.contains("LAST_PART"));
    }

    @Test
    void ofTwoBooleansTheSecondIsTheFlagAndTheFirstCannotComeInParts() {
        assertThatThrownBy(() -> classify("twoFlags"))
                .isInstanceOf(DeploymentException.class)
                .hasMessage("@OnMessage method twoFlags has a boolean parameter for message parts, but its payload boolean "
                        + "cannot come in parts; only String, ByteBuffer and byte[] can");
    }

    private static MessageSignature classify(String name) throws DeploymentException {
        Method method = Arrays.stream(Signatures.class.getMethods()).filter(m -> m.getName().equals(name))
                .findFirst().orElseThrow();
        EndpointCoders coders = EndpointCoders.of(List.of(), List.of(Coders.PointDecoder.class, Coders.VectorDecoder.class,
                Coders.NoteDecoder.class, Coders.BlobDecoder.class), "test");
        return MessageSignature.of(method, "@OnMessage method " + name, new PathParameters(Set.of("room", "id")), coders);
    }

    /** "SESSION PAYLOAD PATH_PARAMETER:room": the argument plan in one line. */
    private static String plan(List<Argument> arguments) {
        return arguments.stream()
                .map(a -> a.pathParameter() == null ? a.source().name() : a.source() + ":" + a.pathParameter())
                .collect(Collectors.joining(" "));
    }
}
