// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.coder;

import dev.halyard.websocket.session.TypeArguments;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * One encoder or decoder class, as checked at deployment: its kind and the type it handles.
 * A class that implements several coder interfaces gives one definition per interface.
 */
public record CoderDefinition(Class<?> coderClass, Kind kind, Class<?> type) {

    /** The eight coder interfaces. */
    public enum Kind {
        ENCODER_TEXT(Encoder.Text.class), ENCODER_TEXT_STREAM(Encoder.TextStream.class),
        ENCODER_BINARY(Encoder.Binary.class), ENCODER_BINARY_STREAM(Encoder.BinaryStream.class),
        DECODER_TEXT(Decoder.Text.class), DECODER_TEXT_STREAM(Decoder.TextStream.class),
        DECODER_BINARY(Decoder.Binary.class), DECODER_BINARY_STREAM(Decoder.BinaryStream.class);

        final Class<?> api;

        Kind(Class<?> api) {
            this.api = api;
        }

        boolean isEncoder() {
            return ordinal() < DECODER_TEXT.ordinal();
        }

        boolean isText() {
            return this == ENCODER_TEXT || this == ENCODER_TEXT_STREAM || this == DECODER_TEXT || this == DECODER_TEXT_STREAM;
        }
    }

    /**
     * The definitions of {@code coderClass}, checked: a public, concrete class with a public
     * no-argument constructor, implementing at least one encoder (or decoder) interface with a
     * type the container can tell.
     *
     * @param encoder whether the class is used as an encoder (or a decoder)
     * @param usedBy the endpoint, for messages
     */
    static List<CoderDefinition> of(Class<?> coderClass, boolean encoder, String usedBy) throws DeploymentException {
        String role = encoder ? "Encoder" : "Decoder";
        if (!Modifier.isPublic(coderClass.getModifiers()) || Modifier.isAbstract(coderClass.getModifiers())) {
            throw new DeploymentException(role + " " + coderClass.getName() + " of " + usedBy
                    + " must be a public, concrete class");
        }
        try {
            if (!Modifier.isPublic(coderClass.getConstructor().getModifiers())) {
                throw new NoSuchMethodException();
            }
        } catch (NoSuchMethodException e) {
            throw new DeploymentException(role + " " + coderClass.getName() + " of " + usedBy
                    + " must have a public no-argument constructor");
        }
        List<CoderDefinition> definitions = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            if (kind.isEncoder() == encoder && kind.api.isAssignableFrom(coderClass)) {
                Class<?> type = TypeArguments.of(coderClass, kind.api);
                if (type == null) {
                    throw new DeploymentException(role + " " + coderClass.getName() + " of " + usedBy
                            + " does not say which type it handles: give " + kind.api.getName().replace('$', '.')
                            + " a concrete type argument");
                }
                definitions.add(new CoderDefinition(coderClass, kind, type));
            }
        }
        if (definitions.isEmpty()) {
            throw new DeploymentException(role + " " + coderClass.getName() + " of " + usedBy + " implements none of "
                    + (encoder ? "Encoder.Text, Encoder.TextStream, Encoder.Binary or Encoder.BinaryStream"
                            : "Decoder.Text, Decoder.TextStream, Decoder.Binary or Decoder.BinaryStream"));
        }
        return definitions;
    }
}
