// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.endpoint;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.halyard.websocket.coder.EndpointCoders;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every invalid endpoint is refused at deployment with a message naming the class, the method and
 * the rule. Each case is a real class; the server path of each is {@code /rooms/{room}/{id}}.
 */
class InvalidEndpointsTest {

    static final Set<String> PATH_VARIABLES = Set.of("room", "id");

    // ---- class level

    static class NotPublic {
    }

    public abstract static class Abstract {
    }

    public interface AnInterface {
    }

    public class Inner {
    }

    // ---- lifecycle methods

    public static class TwoOnOpen {
        @OnOpen
        public void a(Session s) {
        }

        @OnOpen
        public void b() {
        }
    }

    public static class TwoOnClose {
        @OnClose
        public void a() {
        }

        @OnClose
        public void b(CloseReason r) {
        }
    }

    public static class TwoOnError {
        @OnError
        public void a(Throwable t) {
        }

        @OnError
        public void b(Throwable t, Session s) {
        }
    }

    public static class OnOpenWithString {
        @OnOpen
        public void open(String name) {
        }
    }

    public static class OnOpenWithCloseReason {
        @OnOpen
        public void open(CloseReason reason) {
        }
    }

    public static class OnOpenWithTwoSessions {
        @OnOpen
        public void open(Session a, Session b) {
        }
    }

    public static class OnOpenWithUnannotatedInt {
        @OnOpen
        public void open(Session s, int id) {
        }
    }

    public static class OnCloseWithThrowable {
        @OnClose
        public void close(Throwable t) {
        }
    }

    public static class OnCloseWithTwoReasons {
        @OnClose
        public void close(CloseReason a, CloseReason b) {
        }
    }

    public static class OnCloseWithEndpointConfig {
        @OnClose
        public void close(EndpointConfig config) {
        }
    }

    public static class OnErrorWithoutThrowable {
        @OnError
        public void error(Session s) {
        }
    }

    public static class OnErrorWithTwoThrowables {
        @OnError
        public void error(Throwable a, Throwable b) {
        }
    }

    public static class OnErrorWithPongMessage {
        @OnError
        public void error(Throwable t, PongMessage p) {
        }
    }

    public static class NonPublicOnOpen {
        @OnOpen
        void open() {
        }
    }

    public static class PrivateOnMessage {
        @OnMessage
        private void message(String text) {
        }
    }

    // ---- path parameters

    public static class PathParamOfObject {
        @OnOpen
        public void open(@PathParam("room") Object room) {
        }
    }

    public static class PathParamOfList {
        @OnMessage
        public void message(String text, @PathParam("room") List<String> room) {
        }
    }

    public static class PathParamWithoutName {
        @OnOpen
        public void open(@PathParam("") String room) {
        }
    }

    public static class PrimitivePathParamNotInPath {
        @OnOpen
        public void open(@PathParam("floor") int floor) {
        }
    }

    public static class PathParamOfByteArray {
        @OnClose
        public void close(@PathParam("id") byte[] id) {
        }
    }

    // ---- @OnMessage

    public static class NoPayload {
        @OnMessage
        public void message(Session s) {
        }
    }

    public static class TwoPayloads {
        @OnMessage
        public void message(String text, ByteBuffer data) {
        }
    }

    public static class ThreePayloads {
        @OnMessage
        public void message(String text, boolean last, int more) {
        }
    }

    public static class PartialReader {
        @OnMessage
        public void message(Reader reader, boolean last) {
        }
    }

    public static class PartialInputStream {
        @OnMessage
        public void message(InputStream in, boolean last) {
        }
    }

    public static class PartialPong {
        @OnMessage
        public void message(PongMessage pong, boolean last) {
        }
    }

    public static class PartialInt {
        @OnMessage
        public void message(int value, boolean last) {
        }
    }

    public static class UndecodableType {
        @OnMessage
        public void message(Thread thread) {
        }
    }

    public static class MessageWithCloseReason {
        @OnMessage
        public void message(String text, CloseReason reason) {
        }
    }

    public static class MessageWithEndpointConfig {
        @OnMessage
        public void message(String text, EndpointConfig config) {
        }
    }

    public static class MessageWithThrowable {
        @OnMessage
        public void message(String text, Throwable error) {
        }
    }

    public static class MessageWithTwoSessions {
        @OnMessage
        public void message(String text, Session a, Session b) {
        }
    }

    public static class TwoTextMethods {
        @OnMessage
        public void text(String text) {
        }

        @OnMessage
        public void reader(Reader reader) {
        }
    }

    public static class TextAndPrimitive {
        @OnMessage
        public void text(String text, boolean last) {
        }

        @OnMessage
        public void number(int number) {
        }
    }

    public static class TwoBinaryMethods {
        @OnMessage
        public void bytes(byte[] bytes) {
        }

        @OnMessage
        public void stream(InputStream in) {
        }
    }

    public static class TwoPongMethods {
        @OnMessage
        public void a(PongMessage pong) {
        }

        @OnMessage
        public void b(PongMessage pong, Session s) {
        }
    }

    public static class DecodedTextAndString {
        @OnMessage
        public void point(Coders.Point point) {
        }

        @OnMessage
        public void text(String text) {
        }
    }

    public static class UnsendableReturn {
        @OnMessage
        public Thread message(String text) {
            return null;
        }
    }

    public static class ReturnsObjectWithoutEncoder {
        @OnMessage
        public Object message(String text) {
            return null;
        }
    }

    public static class HugeMaxMessageSize {
        @OnMessage(maxMessageSize = 3_000_000_000L)
        public void message(String text) {
        }
    }

    public static class TextAndPong {
        @OnMessage
        public void message(String text, PongMessage pong) {
        }
    }

    // ---- inheritance

    public static class Base {
        @OnOpen
        public void open() {
        }
    }

    public static class SecondOnOpenInSubclass extends Base {
        @OnOpen
        public void openAgain() {
        }
    }

    // ---- coders

    public static class NoNoArgConstructorDecoder implements Decoder.Text<String> {
        public NoNoArgConstructorDecoder(int unused) {
        }

        @Override
        public String decode(String s) {
            return s;
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    public abstract static class AbstractEncoder implements Encoder.Text<String> {
    }

    @SuppressWarnings("rawtypes")
    public static class RawEncoder implements Encoder.Text {
        @Override
        public String encode(Object object) {
            return "";
        }
    }

    static Stream<Arguments> invalidEndpoints() {
        return Stream.of(
                Arguments.of(NotPublic.class, "Endpoint class " + NotPublic.class.getName() + " must be public"),
                Arguments.of(Abstract.class, "must be a concrete class, not abstract"),
                Arguments.of(AnInterface.class, "must be a concrete class, not an interface"),
                Arguments.of(Inner.class, "is an inner class; it must be a top-level or static nested class"),
                Arguments.of(TwoOnOpen.class, "has more than one @OnOpen method: "),
                Arguments.of(TwoOnClose.class, "has more than one @OnClose method: "),
                Arguments.of(TwoOnError.class, "has more than one @OnError method: "),
                Arguments.of(OnOpenWithString.class, "@OnOpen method OnOpenWithString.open(String) of "
                        + OnOpenWithString.class.getName() + " has a parameter of type java.lang.String that it may not take"),
                Arguments.of(OnOpenWithCloseReason.class, "has a parameter of type jakarta.websocket.CloseReason that it may not take; "
                        + "@OnOpen takes a Session, an EndpointConfig and @PathParam parameters"),
                Arguments.of(OnOpenWithTwoSessions.class, "@OnOpen method OnOpenWithTwoSessions.open(Session, Session) of "
                        + OnOpenWithTwoSessions.class.getName() + " has more than one Session parameter"),
                Arguments.of(OnOpenWithUnannotatedInt.class, "has a parameter of type int that it may not take"),
                Arguments.of(OnCloseWithThrowable.class, "has a parameter of type java.lang.Throwable that it may not take; "
                        + "@OnClose takes a Session, a CloseReason and @PathParam parameters"),
                Arguments.of(OnCloseWithTwoReasons.class, "has more than one CloseReason parameter"),
                Arguments.of(OnCloseWithEndpointConfig.class, "has a parameter of type jakarta.websocket.EndpointConfig that it may not take"),
                Arguments.of(OnErrorWithoutThrowable.class, "@OnError method OnErrorWithoutThrowable.error(Session) of "
                        + OnErrorWithoutThrowable.class.getName() + " must have a Throwable parameter"),
                Arguments.of(OnErrorWithTwoThrowables.class, "has more than one Throwable parameter"),
                Arguments.of(OnErrorWithPongMessage.class, "has a parameter of type jakarta.websocket.PongMessage that it may not take"),
                Arguments.of(NonPublicOnOpen.class, "@OnOpen method NonPublicOnOpen.open() of " + NonPublicOnOpen.class.getName()
                        + " must be public"),
                Arguments.of(PrivateOnMessage.class, "@OnMessage method PrivateOnMessage.message(String) of "
                        + PrivateOnMessage.class.getName() + " must be public"),
                Arguments.of(PathParamOfObject.class, "has @PathParam(\"room\") on a parameter of type java.lang.Object; "
                        + "a path parameter must be a String, a Java primitive or its box"),
                Arguments.of(PathParamOfList.class, "@OnMessage method PathParamOfList.message(String, List) of "
                        + PathParamOfList.class.getName() + " has @PathParam(\"room\") on a parameter of type java.util.List"),
                Arguments.of(PathParamWithoutName.class, "has a @PathParam with no name"),
                Arguments.of(PrimitivePathParamNotInPath.class, "has @PathParam(\"floor\") of primitive type int, but the "
                        + "endpoint path has no variable {floor} to give it a value"),
                Arguments.of(PathParamOfByteArray.class, "has @PathParam(\"id\") on a parameter of type [B"),
                Arguments.of(NoPayload.class, "@OnMessage method NoPayload.message(Session) of " + NoPayload.class.getName()
                        + " has no message parameter"),
                Arguments.of(TwoPayloads.class, "has two message parameters, java.lang.String and java.nio.ByteBuffer"),
                Arguments.of(ThreePayloads.class, "has 3 parameters that are neither a @PathParam nor a Session"),
                Arguments.of(PartialReader.class, "has a boolean parameter for message parts, but its payload java.io.Reader cannot come in parts"),
                Arguments.of(PartialInputStream.class, "its payload java.io.InputStream cannot come in parts"),
                Arguments.of(PartialPong.class, "its payload jakarta.websocket.PongMessage cannot come in parts"),
                Arguments.of(PartialInt.class, "its payload int cannot come in parts"),
                Arguments.of(UndecodableType.class, "@OnMessage method UndecodableType.message(Thread) of "
                        + UndecodableType.class.getName() + " has a parameter of type java.lang.Thread that is neither a "
                        + "@PathParam, a Session nor a payload it can decode"),
                Arguments.of(MessageWithCloseReason.class, "has two message parameters, java.lang.String and jakarta.websocket.CloseReason"),
                Arguments.of(MessageWithEndpointConfig.class, "has two message parameters, java.lang.String and jakarta.websocket.EndpointConfig"),
                Arguments.of(MessageWithThrowable.class, "has two message parameters, java.lang.String and java.lang.Throwable"),
                Arguments.of(MessageWithTwoSessions.class, "has more than one Session parameter"),
                Arguments.of(TwoTextMethods.class, "has two @OnMessage methods for text messages: "),
                Arguments.of(TextAndPrimitive.class, "has two @OnMessage methods for text messages: "),
                Arguments.of(TwoBinaryMethods.class, "has two @OnMessage methods for binary messages: "),
                Arguments.of(TwoPongMethods.class, "has two @OnMessage methods for pong messages: "),
                Arguments.of(DecodedTextAndString.class, "has two @OnMessage methods for text messages: "),
                Arguments.of(UnsendableReturn.class, "returns java.lang.Thread, which it cannot send"),
                Arguments.of(ReturnsObjectWithoutEncoder.class, "returns java.lang.Object, which it cannot send"),
                Arguments.of(HugeMaxMessageSize.class, "has maxMessageSize 3000000000, larger than a Java String or ByteBuffer can hold"),
                Arguments.of(TextAndPong.class, "has two message parameters, java.lang.String and jakarta.websocket.PongMessage"),
                Arguments.of(SecondOnOpenInSubclass.class, "has more than one @OnOpen method: SecondOnOpenInSubclass.openAgain() and Base.open()"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEndpoints")
    void refusedAtDeployment(Class<?> endpoint, String message) throws DeploymentException {
        EndpointCoders coders = EndpointCoders.of(List.of(), List.of(Coders.PointDecoder.class), "test");
        assertThatThrownBy(() -> AnnotatedEndpointModel.of(endpoint, PATH_VARIABLES, coders))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining(message);
    }

    static Stream<Arguments> invalidCoders() {
        return Stream.of(
                Arguments.of(List.of(), List.of(NoNoArgConstructorDecoder.class),
                        "Decoder " + NoNoArgConstructorDecoder.class.getName() + " of test must have a public no-argument constructor"),
                Arguments.of(List.of(AbstractEncoder.class), List.of(),
                        "Encoder " + AbstractEncoder.class.getName() + " of test must be a public, concrete class"),
                Arguments.of(List.of(RawEncoder.class), List.of(),
                        "does not say which type it handles: give jakarta.websocket.Encoder.Text a concrete type argument"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("invalidCoders")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void invalidCodersAreRefused(List encoders, List decoders, String message) {
        assertThatThrownBy(() -> EndpointCoders.of(encoders, decoders, "test"))
                .isInstanceOf(DeploymentException.class).hasMessageContaining(message);
    }
}
