// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.util.List;

/**
 * The message types an endpoint's decoders (and the built-in ones) produce, looked up when a
 * handler for a type that is not a native message type is registered.
 */
@FunctionalInterface
public interface DecodedTypes {

    /** At most one decoding from text and one from binary; empty when nothing produces {@code type}. */
    List<Decoding> decodingsFor(Class<?> type);

    DecodedTypes NONE = type -> List.of();
}
