// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.endpoint;

import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/** What a call into an annotated method can draw its arguments from. */
record CallContext(Session session, EndpointConfig config, CloseReason closeReason, Throwable error, Object payload,
        boolean last) {

    static CallContext of(Session session, EndpointConfig config) {
        return new CallContext(session, config, null, null, null, false);
    }

    CallContext withCloseReason(CloseReason reason) {
        return new CallContext(session, config, reason, null, null, false);
    }

    CallContext withError(Throwable failure) {
        return new CallContext(session, config, null, failure, null, false);
    }

    CallContext withPayload(Object message, boolean isLast) {
        return new CallContext(session, config, null, null, message, isLast);
    }
}
