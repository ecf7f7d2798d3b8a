// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.endpoint;

import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/**
 * What a call into an annotated method can draw its arguments from, besides a message: one per
 * session for its messages, and one per {@code @OnClose} or {@code @OnError} call.
 */
record CallContext(Session session, EndpointConfig config, CloseReason closeReason, Throwable error) {

    static CallContext of(Session session, EndpointConfig config) {
        return new CallContext(session, config, null, null);
    }

    CallContext withCloseReason(CloseReason reason) {
        return new CallContext(session, config, reason, null);
    }

    CallContext withError(Throwable failure) {
        return new CallContext(session, config, null, failure);
    }
}
