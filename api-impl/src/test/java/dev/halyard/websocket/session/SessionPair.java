// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.extension.ExtensionChain;
import dev.halyard.websocket.frame.Role;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A client session and a server session wired to each other through an {@link InMemoryTransport} pair. */
final class SessionPair {

    final InMemoryTransport clientTransport;
    final InMemoryTransport serverTransport;
    final HalyardSession client;
    final HalyardSession server;
    final Set<Session> serverGroup;

    private SessionPair(InMemoryTransport clientTransport, InMemoryTransport serverTransport, HalyardSession client,
            HalyardSession server, Set<Session> serverGroup) {
        this.clientTransport = clientTransport;
        this.serverTransport = serverTransport;
        this.client = client;
        this.server = server;
        this.serverGroup = serverGroup;
    }

    static SessionPair open(Endpoint clientEndpoint, Endpoint serverEndpoint) {
        return open(clientEndpoint, serverEndpoint, SessionConfig.defaults(), SessionConfig.defaults(), 64 * 1024);
    }

    static SessionPair open(Endpoint clientEndpoint, Endpoint serverEndpoint, SessionConfig clientConfig,
            SessionConfig serverConfig, int pipeCapacity) {
        return open(clientEndpoint, serverEndpoint, clientConfig, serverConfig, pipeCapacity, ConcurrentHashMap.newKeySet());
    }

    static SessionPair open(Endpoint clientEndpoint, Endpoint serverEndpoint, SessionConfig clientConfig,
            SessionConfig serverConfig, int pipeCapacity, Set<Session> serverGroup) {
        InMemoryTransport[] ends = InMemoryTransport.pair(pipeCapacity);
        ExtensionChain none = new ExtensionChain(List.of());
        URI uri = URI.create("ws://localhost/chat/room1?user=ann");
        HalyardSession client = new HalyardSession(
                new WebSocketConnection(ends[0], Role.CLIENT, none, clientConfig.maxSendBacklogBytes()),
                clientEndpoint, ClientEndpointConfig.Builder.create().build(),
                new HandshakeInfo(null, uri, Map.of(), "user=ann", Map.of(), null, "", List.of(), Map.of(),
                        ConcurrentHashMap.newKeySet()),
                clientConfig, Codecs.BUILT_IN);
        ServerEndpointConfig serverEndpointConfig = ServerEndpointConfig.Builder.create(Endpoint.class, "/chat/{room}").build();
        serverEndpointConfig.getUserProperties().put("configured", "yes");
        HalyardSession server = new HalyardSession(
                new WebSocketConnection(ends[1], Role.SERVER, none, serverConfig.maxSendBacklogBytes()),
                serverEndpoint, serverEndpointConfig,
                new HandshakeInfo(null, uri, Map.of("user", List.of("ann")), "user=ann", Map.of("room", "room1"),
                        () -> "ann", "chat.v1", List.of(), serverEndpointConfig.getUserProperties(), serverGroup),
                serverConfig, Codecs.BUILT_IN);
        server.open();
        client.open();
        return new SessionPair(ends[0], ends[1], client, server, serverGroup);
    }
}
