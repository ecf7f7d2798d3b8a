// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

/**
 * One way an incoming message becomes an object of a decoded type: from a whole text message
 * ({@code String}), a whole binary message ({@code ByteBuffer}), or a stream ({@code Reader},
 * {@code InputStream}). The coder layer builds these from the endpoint's decoders.
 */
public record Decoding(Source source, Decode decode) {

    /** What the decode function takes. */
    public enum Source {
        TEXT, BINARY, TEXT_STREAM, BINARY_STREAM;

        boolean isText() {
            return this == TEXT || this == TEXT_STREAM;
        }
    }

    /** Turns the message into the object; a {@code DecodeException} reaches the endpoint's onError. */
    @FunctionalInterface
    public interface Decode {
        Object apply(Object message) throws Exception;
    }
}
