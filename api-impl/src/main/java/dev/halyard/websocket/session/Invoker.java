// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

/**
 * Calls into the application one call at a time per session (Jakarta WebSocket 2.2 §5.1), and
 * routes what the call throws to the endpoint's error handling.
 */
interface Invoker {

    void invoke(Call call);

    /** Hands {@code message} to {@code consumer} as {@link #invoke} would, without a capturing lambda per message. */
    <T> void deliver(MessageConsumer<T> consumer, T message);

    @FunctionalInterface
    interface Call {
        void run() throws Throwable;
    }
}
