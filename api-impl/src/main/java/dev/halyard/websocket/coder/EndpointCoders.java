// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.coder;

import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoders and decoders of one endpoint, checked once at deployment. Each session makes its
 * own instances from it ({@link #openFor}).
 */
public final class EndpointCoders {

    private final List<CoderDefinition> encoders;
    private final List<CoderDefinition> decoders;

    private EndpointCoders(List<CoderDefinition> encoders, List<CoderDefinition> decoders) {
        this.encoders = encoders;
        this.decoders = decoders;
    }

    /**
     * @param usedBy the endpoint, for error messages
     * @throws DeploymentException naming the coder class and what is wrong with it
     */
    public static EndpointCoders of(List<Class<? extends Encoder>> encoderClasses,
            List<Class<? extends Decoder>> decoderClasses, String usedBy) throws DeploymentException {
        List<CoderDefinition> encoders = new ArrayList<>();
        for (Class<?> type : encoderClasses) {
            encoders.addAll(CoderDefinition.of(type, true, usedBy));
        }
        List<CoderDefinition> decoders = new ArrayList<>();
        for (Class<?> type : decoderClasses) {
            decoders.addAll(CoderDefinition.of(type, false, usedBy));
        }
        return new EndpointCoders(List.copyOf(encoders), List.copyOf(decoders));
    }

    public static EndpointCoders of(EndpointConfig config, String usedBy) throws DeploymentException {
        return of(config.getEncoders(), config.getDecoders(), usedBy);
    }

    List<CoderDefinition> encoders() {
        return encoders;
    }

    List<CoderDefinition> decoders() {
        return decoders;
    }

    /** Whether a configured decoder produces {@code type}; then it, not built-in delivery, serves the type. */
    public boolean hasDecoderFor(Class<?> type) {
        return decoders.stream().anyMatch(d -> produces(d, type));
    }

    /** Whether incoming text can become a {@code type}: a decoder makes one, or it is a primitive or box. */
    public boolean decodesFromText(Class<?> type) {
        return BuiltInCoders.isPrimitiveOrBox(type) || decoders.stream().anyMatch(d -> d.kind().isText() && produces(d, type));
    }

    /** Whether incoming binary can become a {@code type}. */
    public boolean decodesFromBinary(Class<?> type) {
        return decoders.stream().anyMatch(d -> !d.kind().isText() && produces(d, type));
    }

    /** Whether {@code sendObject} (or an {@code @OnMessage} return value) can send a {@code type}. */
    public boolean encodes(Class<?> type) {
        Class<?> boxed = BuiltInCoders.boxed(type);
        return BuiltInCoders.isPrimitiveOrBox(type) || type == String.class || type == java.nio.ByteBuffer.class
                || type == byte[].class || encoders.stream().anyMatch(e -> e.type().isAssignableFrom(boxed));
    }

    static boolean produces(CoderDefinition decoder, Class<?> target) {
        return BuiltInCoders.boxed(target).isAssignableFrom(decoder.type());
    }

    /** Instances for one session, initialised with its configuration. */
    public SessionCoders openFor(EndpointConfig config) {
        return new SessionCoders(this, config);
    }
}
