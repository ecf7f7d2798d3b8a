// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import dev.halyard.websocket.frame.CloseStatus;
import dev.halyard.websocket.session.HalyardSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes the WebSocket sessions opened under an authenticated HTTP session when that session
 * ends, invalidated or timed out, with 1008 (Jakarta WebSocket 2.2 §7.2): the user is no longer
 * authenticated, so the conversation may not go on. Installed by the initializer.
 */
final class HttpSessionEnds implements HttpSessionListener {

    private final Map<String, Set<HalyardSession>> byHttpSession = new ConcurrentHashMap<>();

    void register(String httpSessionId, HalyardSession session) {
        byHttpSession.computeIfAbsent(httpSessionId, id -> ConcurrentHashMap.newKeySet()).add(session);
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        Set<HalyardSession> sessions = byHttpSession.remove(event.getSession().getId());
        if (sessions != null) {
            for (HalyardSession session : sessions) {
                session.closeByContainer(CloseStatus.VIOLATED_POLICY, "The authenticated HTTP session ended");
            }
        }
    }
}
