// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.diagnostics;

import jakarta.websocket.Session;
import java.net.URI;
import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.StackTrace;

/** What every event about one session records: which session, at which path. */
@Category({"Halyard", "WebSocket"})
@StackTrace(false)
abstract class SessionEvent extends Event {

    @Label("Session Id")
    String sessionId;

    @Label("Path")
    String path;

    /** Fills in the session's fields; only once the event is known to be committed. */
    void of(Session session) {
        sessionId = session.getId();
        URI uri = session.getRequestURI();
        path = uri == null ? "" : uri.getRawPath();
    }
}
