// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.samples.chat;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.util.List;

/**
 * A chat room per path: everyone in the room sees every message, and who joins and leaves. The
 * name comes from the {@code name} query parameter ({@code /chat/lobby?name=ann}).
 */
@ServerEndpoint("/chat/{room}")
public class ChatEndpoint {

    private static final int MAX_NAME = 40;

    private String name;

    @OnOpen
    public void join(Session session, @PathParam("room") String room) {
        List<String> names = session.getRequestParameterMap().getOrDefault("name", List.of());
        String given = names.isEmpty() ? "" : names.get(0).strip();
        name = given.isEmpty() ? "guest-" + session.getId().substring(0, 6) : given.substring(0, Math.min(MAX_NAME, given.length()));
        session.getUserProperties().put("room", room);
        broadcast(session, room, "* " + name + " joined " + room);
    }

    @OnMessage(maxMessageSize = 8 * 1024)
    public void say(Session session, String message, @PathParam("room") String room) {
        broadcast(session, room, name + ": " + message);
    }

    @OnClose
    public void leave(Session session, CloseReason reason, @PathParam("room") String room) {
        broadcast(session, room, "* " + name + " left");
    }

    @OnError
    public void error(Session session, Throwable error) {
        System.getLogger(ChatEndpoint.class.getName()).log(System.Logger.Level.DEBUG, "Chat session failed", error);
    }

    /** Sends to every open session in the room; asynchronously, so one slow reader holds up nobody. */
    private static void broadcast(Session from, String room, String text) {
        for (Session session : from.getOpenSessions()) {
            if (session.isOpen() && room.equals(session.getUserProperties().get("room"))) {
                session.getAsyncRemote().sendText(text);
            }
        }
    }
}
