// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.endpoint;

import dev.halyard.websocket.coder.EndpointCoders;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an {@code @OnMessage} method takes, read from its parameters in one pass. Each parameter is a
 * {@code @PathParam}, the {@link Session}, the message, or, beside a message that can come in
 * parts, the {@code boolean} telling whether a part is the last; in any order (the OnMessage
 * javadoc, Jakarta WebSocket 2.2 §4.7).
 *
 * @param arguments where each parameter gets its value, in parameter order
 * @param payloadType the message parameter's type (a primitive stays primitive)
 * @param kinds the messages it takes: one kind, or text and binary for a type decoders make from both
 */
record MessageSignature(List<Argument> arguments, Class<?> payloadType, Set<Kind> kinds) {

    /** A kind of message; at most one {@code @OnMessage} method of an endpoint takes each (§4.7). */
    enum Kind {
        TEXT, BINARY, PONG;

        /** As error messages name it: "text". */
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether the message comes in parts, each with its isLast boolean. */
    boolean partial() {
        return arguments.stream().anyMatch(a -> a.source() == Argument.Source.LAST_PART);
    }

    /**
     * @param where the method, for error messages: {@code "@OnMessage method Chat.onText(String) of com.example.Chat"}
     * @throws DeploymentException saying which rule the parameters break
     */
    static MessageSignature of(Method method, String where, PathParameters pathParameters, EndpointCoders coders)
            throws DeploymentException {
        Parameter[] parameters = method.getParameters();
        Argument[] arguments = new Argument[parameters.length];
        List<Integer> unclaimed = new ArrayList<>(); // positions of the message and perhaps its isLast boolean
        boolean hasSession = false;
        for (int i = 0; i < parameters.length; i++) {
            Argument pathParameter = pathParameters.argument(parameters[i], where);
            if (pathParameter != null) {
                arguments[i] = pathParameter;
            } else if (parameters[i].getType() == Session.class) {
                if (hasSession) {
                    throw new DeploymentException(where + " has more than one Session parameter");
                }
                hasSession = true;
                arguments[i] = Argument.of(Argument.Source.SESSION, Session.class);
            } else {
                unclaimed.add(i);
            }
        }
        int payload = payloadPosition(parameters, unclaimed, where);
        for (int i : unclaimed) {
            arguments[i] = i == payload ? Argument.of(Argument.Source.PAYLOAD, parameters[i].getType())
                    : Argument.of(Argument.Source.LAST_PART, boolean.class);
        }
        Class<?> payloadType = parameters[payload].getType();
        Set<Kind> kinds = kinds(payloadType, coders);
        if (kinds.isEmpty()) {
            throw new DeploymentException(where + " has a parameter of type " + payloadType.getName()
                    + " that is neither a @PathParam, a Session nor a payload it can decode: no configured Decoder produces it");
        }
        return new MessageSignature(List.of(arguments), payloadType, Collections.unmodifiableSet(kinds));
    }

    /**
     * Which of the parameters that are neither a @PathParam nor the Session is the message: the only
     * one, or of two the one beside a boolean (the first, if both are booleans).
     */
    private static int payloadPosition(Parameter[] parameters, List<Integer> unclaimed, String where)
            throws DeploymentException {
        if (unclaimed.isEmpty()) {
            throw new DeploymentException(where + " has no message parameter: it needs one of String, a Java primitive, "
                    + "Reader, ByteBuffer, byte[], InputStream, PongMessage, or a type a configured Decoder produces");
        }
        if (unclaimed.size() == 1) {
            return unclaimed.get(0);
        }
        if (unclaimed.size() > 2) {
            throw new DeploymentException(where + " has " + unclaimed.size() + " parameters that are neither a @PathParam nor a "
                    + "Session; it takes one message parameter (and a boolean for message parts)");
        }
        Class<?> first = parameters[unclaimed.get(0)].getType();
        Class<?> second = parameters[unclaimed.get(1)].getType();
        if (first != boolean.class && second != boolean.class) {
            throw new DeploymentException(where + " has two message parameters, " + first.getName() + " and "
                    + second.getName() + "; it takes one (and a boolean for message parts)");
        }
        int payload = second == boolean.class ? unclaimed.get(0) : unclaimed.get(1);
        Class<?> payloadType = parameters[payload].getType();
        if (payloadType != String.class && payloadType != ByteBuffer.class && payloadType != byte[].class) {
            throw new DeploymentException(where + " has a boolean parameter for message parts, but its payload "
                    + payloadType.getName() + " cannot come in parts; only String, ByteBuffer and byte[] can");
        }
        return payload;
    }

    /** The messages a payload of this type takes; none if nothing can make one. */
    private static Set<Kind> kinds(Class<?> payloadType, EndpointCoders coders) {
        if (payloadType == PongMessage.class) {
            return EnumSet.of(Kind.PONG);
        }
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        // A configured decoder for the payload type takes precedence over native delivery, as it
        // does for a programmatic handler (MessageHandlers.addWhole).
        boolean decoded = coders.hasDecoderFor(payloadType);
        if (decoded ? coders.decodesFromText(payloadType)
                : payloadType == String.class || payloadType == Reader.class || coders.decodesFromText(payloadType)) {
            kinds.add(Kind.TEXT); // without a decoder, decodesFromText means a primitive or its box
        }
        if (decoded ? coders.decodesFromBinary(payloadType)
                : payloadType == ByteBuffer.class || payloadType == byte[].class || payloadType == InputStream.class) {
            kinds.add(Kind.BINARY);
        }
        return kinds;
    }
}
