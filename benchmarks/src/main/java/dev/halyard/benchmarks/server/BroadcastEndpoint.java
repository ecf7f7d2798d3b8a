// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.server;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends every text message it receives to every other open session, one blocking send after the
 * other, the same class on every target. Its own set of sessions rather than
 * {@code getOpenSessions()}, so that the figure measures sending, not how a container keeps its
 * session list.
 */
@ServerEndpoint("/broadcast")
public class BroadcastEndpoint {

    private static final Set<Session> SESSIONS = ConcurrentHashMap.newKeySet();

    @OnOpen
    public void open(Session session) {
        SESSIONS.add(session);
    }

    @OnMessage
    public void text(Session from, String message) {
        for (Session to : SESSIONS) {
            if (to != from) {
                try {
                    to.getBasicRemote().sendText(message);
                } catch (IOException e) {
                    SESSIONS.remove(to); // a receiver that went away misses the rest; the others go on
                }
            }
        }
    }

    @OnClose
    public void close(Session session) {
        SESSIONS.remove(session);
    }

    @OnError
    public void error(Session session, Throwable error) {
        SESSIONS.remove(session); // peers leaving at the end of a run are expected
    }
}
