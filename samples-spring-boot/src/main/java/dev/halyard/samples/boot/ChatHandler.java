// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.samples.boot;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One chat room: everyone connected sees every message, and who joins and leaves. The name comes
 * from the {@code name} query parameter ({@code /chat?name=ann}).
 */
public class ChatHandler extends TextWebSocketHandler {

    private static final int MAX_NAME = 40;
    private static final int SEND_TIME_LIMIT_MILLIS = 10_000;
    private static final int SEND_BUFFER_LIMIT_BYTES = 512 * 1024;

    /**
     * Each open session with its name, decorated: Spring's sessions take one send at a time, and a
     * broadcast comes from every sender's thread at once.
     */
    private final Map<String, Member> members = new ConcurrentHashMap<>();

    private record Member(String name, WebSocketSession session) { }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        Member member = new Member(nameOf(session),
                new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MILLIS, SEND_BUFFER_LIMIT_BYTES));
        members.put(session.getId(), member);
        broadcast("* " + member.name() + " joined");
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Member member = members.get(session.getId());
        if (member != null) {
            broadcast(member.name() + ": " + message.getPayload());
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Member member = members.remove(session.getId());
        if (member != null) {
            broadcast("* " + member.name() + " left");
        }
    }

    private void broadcast(String text) {
        TextMessage message = new TextMessage(text);
        for (Member member : members.values()) {
            try {
                member.session().sendMessage(message);
            } catch (Exception e) {
                // Over the decorator's limits or already closed: that member is gone, the others still hear
                System.getLogger(ChatHandler.class.getName()).log(System.Logger.Level.DEBUG, "Chat send failed", e);
            }
        }
    }

    private static String nameOf(WebSocketSession session) {
        URI uri = session.getUri();
        String raw = uri == null ? null : UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst("name");
        String given = raw == null ? "" : URLDecoder.decode(raw, StandardCharsets.UTF_8).strip();
        return given.isEmpty() ? "guest-" + session.getId().substring(0, Math.min(6, session.getId().length()))
                : given.substring(0, Math.min(MAX_NAME, given.length()));
    }
}
