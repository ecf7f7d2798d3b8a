// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.management;

import java.util.List;
import java.util.Map;

/**
 * The server container of one web application, {@code dev.halyard.websocket:type=ServerContainer,context="/app"}
 * (with {@code ,instance=2} and so on when another application in the JVM has the same context
 * path): the sums over all its endpoints, and the handshakes it refused.
 */
public interface ServerContainerMXBean extends SessionTraffic {

    /** The web application's context path, "/" for the root. */
    String getContext();

    /** The paths of the deployed endpoints. */
    List<String> getEndpointPaths();

    /**
     * WebSocket handshakes refused, by HTTP status: 400 (a malformed handshake or request path),
     * 403 (an origin not allowed, or {@code checkOrigin}), 404 (no endpoint at the path), 426 (an
     * unsupported {@code Sec-WebSocket-Version}), and any other status a configurator answered.
     */
    Map<Integer, Long> getRefusedHandshakes();
}
