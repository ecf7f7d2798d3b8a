// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.endpoint;

import dev.halyard.websocket.coder.EndpointCoders;
import dev.halyard.websocket.extension.ExtensionChain;
import dev.halyard.websocket.frame.Role;
import dev.halyard.websocket.session.Codecs;
import dev.halyard.websocket.session.HalyardSession;
import dev.halyard.websocket.session.HandshakeInfo;
import dev.halyard.websocket.session.InMemoryTransport;
import dev.halyard.websocket.session.SessionConfig;
import dev.halyard.websocket.session.WebSocketConnection;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A server endpoint under test and a plain client session, wired in memory. */
final class EndpointPair {

    final HalyardSession client;
    final HalyardSession server;
    final InMemoryTransport clientTransport;

    private EndpointPair(HalyardSession client, HalyardSession server, InMemoryTransport clientTransport) {
        this.client = client;
        this.server = server;
        this.clientTransport = clientTransport;
    }

    /** Serves {@code serverEndpoint} with its config's coders; {@code pathParameters} as the handshake matched them. */
    static EndpointPair open(Endpoint clientEndpoint, Endpoint serverEndpoint, EndpointConfig serverConfig,
            Map<String, String> pathParameters) throws Exception {
        InMemoryTransport[] ends = InMemoryTransport.pair(64 * 1024);
        ExtensionChain none = new ExtensionChain(List.of());
        URI uri = URI.create("ws://localhost/rooms/" + pathParameters.getOrDefault("room", "x"));
        SessionConfig settings = SessionConfig.defaults();
        Codecs serverCodecs = EndpointCoders.of(serverConfig, "test server").openFor(serverConfig).codecs();
        HalyardSession server = new HalyardSession(new WebSocketConnection(ends[1], Role.SERVER, none, settings.maxSendBacklogBytes()),
                serverEndpoint, serverConfig, new HandshakeInfo(null, uri, Map.of(), null, pathParameters, null, "", List.of(),
                        Map.of(), ConcurrentHashMap.newKeySet()), settings, serverCodecs);
        ClientEndpointConfig clientConfig = ClientEndpointConfig.Builder.create().build();
        HalyardSession client = new HalyardSession(new WebSocketConnection(ends[0], Role.CLIENT, none, settings.maxSendBacklogBytes()),
                clientEndpoint, clientConfig, new HandshakeInfo(null, uri, Map.of(), null, Map.of(), null, "", List.of(), Map.of(),
                        ConcurrentHashMap.newKeySet()), settings, Codecs.BUILT_IN);
        server.open();
        client.open();
        return new EndpointPair(client, server, ends[0]);
    }
}
