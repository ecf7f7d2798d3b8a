// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.coder;

import dev.halyard.websocket.diagnostics.WarnOnce;
import dev.halyard.websocket.session.Codecs;
import dev.halyard.websocket.session.DecodedTypes;
import dev.halyard.websocket.session.Decoding;
import dev.halyard.websocket.session.ObjectEncoder;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One session's encoder and decoder instances: created and {@code init}ed when the session opens,
 * {@code destroy}ed once when it ends. Encoders are tried in the order declared, the first whose
 * type fits the object wins, and the built-in ones come last; decoders are consulted in the order
 * declared through {@code willDecode} (Jakarta WebSocket 2.2 §3.1.3, §3.1.4).
 */
public final class SessionCoders implements ObjectEncoder, DecodedTypes {

    /** Once per coder class: a coder whose destroy() throws does so for every session. */
    private static final WarnOnce WARNINGS = new WarnOnce(System.getLogger(SessionCoders.class.getName()));

    private final EndpointCoders definitions;
    private final Map<Class<?>, Object> instances = new LinkedHashMap<>();

    SessionCoders(EndpointCoders definitions, EndpointConfig config) {
        this.definitions = definitions;
        List<CoderDefinition> all = new ArrayList<>(definitions.encoders());
        all.addAll(definitions.decoders());
        for (CoderDefinition definition : all) {
            instances.computeIfAbsent(definition.coderClass(), type -> create(type, config));
        }
    }

    private static Object create(Class<?> type, EndpointConfig config) {
        try {
            Object coder = type.getConstructor().newInstance();
            if (coder instanceof Encoder) {
                ((Encoder) coder).init(config);
            } else {
                ((Decoder) coder).init(config);
            }
            return coder;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create coder " + type.getName() + ": " + e, e);
        }
    }

    /** This session's coders as the session layer takes them. */
    public Codecs codecs() {
        return new Codecs(this, this, this::destroy);
    }

    /** Calls {@code destroy()} on every instance once, even when one of them throws. */
    public void destroy() {
        IdentityHashMap<Object, Boolean> done = new IdentityHashMap<>();
        for (Object coder : instances.values()) {
            if (done.put(coder, Boolean.TRUE) != null) {
                continue;
            }
            try {
                if (coder instanceof Encoder) {
                    ((Encoder) coder).destroy();
                } else {
                    ((Decoder) coder).destroy();
                }
            } catch (RuntimeException e) {
                WARNINGS.log(coder.getClass().getName(), "destroy() of " + coder.getClass().getName() + " threw", e);
            }
        }
        instances.clear();
    }

    // ---- encoding

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object encode(Object data) throws EncodeException, IOException {
        for (CoderDefinition definition : definitions.encoders()) {
            if (!definition.type().isInstance(data)) {
                continue;
            }
            Object encoder = instances.get(definition.coderClass());
            switch (definition.kind()) {
                case ENCODER_TEXT:
                    return requireResult(((Encoder.Text) encoder).encode(data), encoder);
                case ENCODER_BINARY:
                    return requireResult(((Encoder.Binary) encoder).encode(data), encoder);
                case ENCODER_TEXT_STREAM: {
                    StringWriter writer = new StringWriter();
                    ((Encoder.TextStream) encoder).encode(data, writer);
                    return writer.toString();
                }
                default: {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ((Encoder.BinaryStream) encoder).encode(data, out);
                    return ByteBuffer.wrap(out.toByteArray());
                }
            }
        }
        return ObjectEncoder.BUILT_IN.encode(data);
    }

    private static Object requireResult(Object encoded, Object encoder) throws EncodeException {
        if (encoded == null) {
            throw new EncodeException(null, "Encoder " + encoder.getClass().getName() + " returned null");
        }
        return encoded;
    }

    // ---- decoding

    @Override
    public List<Decoding> decodingsFor(Class<?> type) {
        List<CoderDefinition> text = new ArrayList<>();
        List<CoderDefinition> binary = new ArrayList<>();
        for (CoderDefinition definition : definitions.decoders()) {
            if (EndpointCoders.produces(definition, type)) {
                (definition.kind().isText() ? text : binary).add(definition);
            }
        }
        List<Decoding> decodings = new ArrayList<>(2);
        if (!text.isEmpty()) {
            decodings.add(textDecoding(text, type));
        } else if (BuiltInCoders.isPrimitiveOrBox(type)) {
            decodings.add(new Decoding(Decoding.Source.TEXT, message -> BuiltInCoders.parse((String) message, type)));
        }
        if (!binary.isEmpty()) {
            decodings.add(binaryDecoding(binary, type));
        }
        return decodings;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Decoding textDecoding(List<CoderDefinition> candidates, Class<?> type) {
        if (candidates.stream().allMatch(d -> d.kind() == CoderDefinition.Kind.DECODER_TEXT_STREAM)) {
            Decoder.TextStream first = (Decoder.TextStream) instances.get(candidates.get(0).coderClass());
            return new Decoding(Decoding.Source.TEXT_STREAM, message -> first.decode((Reader) message));
        }
        return new Decoding(Decoding.Source.TEXT, message -> {
            String text = (String) message;
            for (CoderDefinition candidate : candidates) {
                Object decoder = instances.get(candidate.coderClass());
                if (candidate.kind() == CoderDefinition.Kind.DECODER_TEXT_STREAM) {
                    return ((Decoder.TextStream) decoder).decode(new StringReader(text));
                }
                if (((Decoder.Text) decoder).willDecode(text)) {
                    return ((Decoder.Text) decoder).decode(text);
                }
            }
            throw new DecodeException(text, "No decoder for " + type.getName() + " will decode this text message");
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Decoding binaryDecoding(List<CoderDefinition> candidates, Class<?> type) {
        if (candidates.stream().allMatch(d -> d.kind() == CoderDefinition.Kind.DECODER_BINARY_STREAM)) {
            Decoder.BinaryStream first = (Decoder.BinaryStream) instances.get(candidates.get(0).coderClass());
            return new Decoding(Decoding.Source.BINARY_STREAM, message -> first.decode((InputStream) message));
        }
        return new Decoding(Decoding.Source.BINARY, message -> {
            ByteBuffer bytes = (ByteBuffer) message;
            for (CoderDefinition candidate : candidates) {
                Object decoder = instances.get(candidate.coderClass());
                if (candidate.kind() == CoderDefinition.Kind.DECODER_BINARY_STREAM) {
                    return ((Decoder.BinaryStream) decoder).decode(new java.io.ByteArrayInputStream(
                            bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining()));
                }
                // Each decoder sees the message from its start, whatever the one before did to the buffer.
                if (((Decoder.Binary) decoder).willDecode(bytes.duplicate())) {
                    return ((Decoder.Binary) decoder).decode(bytes.duplicate());
                }
            }
            throw new DecodeException(bytes, "No decoder for " + type.getName() + " will decode this binary message");
        });
    }
}
