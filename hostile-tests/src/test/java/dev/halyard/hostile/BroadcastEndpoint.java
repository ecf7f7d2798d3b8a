// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.hostile;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A chat room: every text message any session sends goes, with {@code getAsyncRemote().sendText},
 * to every open session of the endpoint, the sender included. Failed sends are counted. The
 * container's default message limits apply (64 KiB in Halyard).
 */
@ServerEndpoint("/broadcast")
public class BroadcastEndpoint {

    private static final Set<Session> ROOM = ConcurrentHashMap.newKeySet();

    @OnOpen
    public void open(Session session) {
        ROOM.add(session);
        Registry.opened(session);
    }

    @OnMessage
    public void text(String message) {
        try {
            for (Session member : ROOM) {
                if (!member.isOpen()) {
                    continue;
                }
                try {
                    member.getAsyncRemote().sendText(message, result -> {
                        if (!result.isOK()) {
                            Registry.BROADCAST_SEND_FAILURES.increment();
                            Registry.noteOom(result.getException());
                        }
                    });
                } catch (RuntimeException e) { // Tomcat: a previous async send still in progress
                    Registry.BROADCAST_SEND_FAILURES.increment();
                }
            }
        } catch (OutOfMemoryError e) {
            Registry.OOM.set(true);
            throw e;
        }
    }

    @OnError
    public void error(Throwable error) {
        Registry.error(error);
    }

    @OnClose
    public void close(Session session) {
        ROOM.remove(session);
        Registry.closed(session);
    }
}
