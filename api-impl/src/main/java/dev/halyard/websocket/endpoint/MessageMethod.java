// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.endpoint;

import dev.halyard.websocket.coder.EndpointCoders;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnMessage;
import java.lang.reflect.Method;

/**
 * An {@code @OnMessage} method, checked and bound: what it takes, and its size limit.
 *
 * @param maxMessageSize {@code @OnMessage.maxMessageSize}, -1 for none
 */
record MessageMethod(EndpointMethod method, MessageSignature signature, long maxMessageSize) {

    /**
     * @param where the method, for error messages
     * @throws DeploymentException if its size limit is beyond what Java can hold, or it returns what cannot be sent
     */
    static MessageMethod of(Method method, String where, MessageSignature signature, EndpointCoders coders)
            throws DeploymentException {
        long maxSize = method.getAnnotation(OnMessage.class).maxMessageSize();
        if (maxSize > Integer.MAX_VALUE) {
            throw new DeploymentException(where + " has maxMessageSize " + maxSize + ", larger than a Java String or "
                    + "ByteBuffer can hold (Integer.MAX_VALUE, Jakarta WebSocket 2.2 §4.7.1)");
        }
        Class<?> returnType = method.getReturnType();
        if (returnType != void.class && !coders.encodes(returnType)) {
            throw new DeploymentException(where + " returns " + returnType.getName() + ", which it cannot send: "
                    + "return void, String, ByteBuffer, byte[], a Java primitive or its box, or a type a configured "
                    + "Encoder encodes");
        }
        return new MessageMethod(new EndpointMethod(method, signature.arguments()), signature, maxSize);
    }

    boolean takes(MessageSignature.Kind kind) {
        return signature.kinds().contains(kind);
    }

    /** Whether what it returns is sent back to the peer (Jakarta WebSocket 2.2 §4.7). */
    boolean returnsValue() {
        return method.method().getReturnType() != void.class;
    }
}
