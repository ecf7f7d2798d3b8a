// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

/**
 * A session's encoders and decoders: what {@code sendObject} uses, what decoded handler types
 * resolve to, and what to release when the session ends (Encoder and Decoder {@code destroy()}).
 */
public record Codecs(ObjectEncoder encoder, DecodedTypes decodedTypes, Runnable destroy) {

    /** The built-in encoders only, no decoders, nothing to release. */
    public static final Codecs BUILT_IN = new Codecs(ObjectEncoder.BUILT_IN, DecodedTypes.NONE, () -> { });
}
