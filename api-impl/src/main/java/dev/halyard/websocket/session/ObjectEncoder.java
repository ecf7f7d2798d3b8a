// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import jakarta.websocket.EncodeException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Turns the argument of {@code sendObject} into a message: a {@code String} (sent as text) or a
 * {@code ByteBuffer} (sent as binary). The endpoint model supplies one built from the configured
 * encoders; {@link #BUILT_IN} covers what every container must send without one.
 */
@FunctionalInterface
public interface ObjectEncoder {

    Object encode(Object data) throws EncodeException, IOException;

    /** Strings, binary, and Java primitives and their boxes as text. */
    ObjectEncoder BUILT_IN = data -> {
        if (data instanceof String || data instanceof ByteBuffer) {
            return data;
        }
        if (data instanceof byte[]) {
            return ByteBuffer.wrap((byte[]) data);
        }
        if (data instanceof Number || data instanceof Boolean || data instanceof Character) {
            return data.toString();
        }
        throw new EncodeException(data, "No encoder for objects of type " + data.getClass().getName());
    };
}
