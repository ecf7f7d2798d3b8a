// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

/**
 * Application code that takes a whole message: a {@code MessageHandler.Whole}, or (from the
 * endpoint model) an {@code @OnMessage} method bound to its instance.
 */
@FunctionalInterface
public interface MessageConsumer<T> {

    void accept(T message) throws Throwable;
}
