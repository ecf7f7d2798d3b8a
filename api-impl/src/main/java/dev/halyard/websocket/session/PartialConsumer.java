// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

/** Application code that takes a message in parts: a {@code MessageHandler.Partial} or a partial {@code @OnMessage}. */
@FunctionalInterface
public interface PartialConsumer<T> {

    void accept(T part, boolean last) throws Throwable;
}
