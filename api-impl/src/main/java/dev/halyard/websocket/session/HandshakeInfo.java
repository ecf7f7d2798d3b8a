// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.security.Principal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the opening handshake settled, as a session exposes it.
 *
 * @param openSessions the live set of open sessions of the same endpoint; the session adds and removes itself
 */
public record HandshakeInfo(
        WebSocketContainer container,
        URI requestUri,
        Map<String, List<String>> requestParameters,
        String queryString,
        Map<String, String> pathParameters,
        Principal userPrincipal,
        String subprotocol,
        List<Extension> extensions,
        Map<String, Object> userProperties,
        Set<Session> openSessions) {

    public HandshakeInfo {
        // Copies that keep the order of the query and the path (COMPATIBILITY.md C6).
        requestParameters = Collections.unmodifiableMap(new LinkedHashMap<>(requestParameters));
        pathParameters = Collections.unmodifiableMap(new LinkedHashMap<>(pathParameters));
        subprotocol = subprotocol == null ? "" : subprotocol;
        extensions = List.copyOf(extensions);
    }
}
