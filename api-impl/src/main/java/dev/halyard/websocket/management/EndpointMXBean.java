// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.management;

import java.util.List;

/**
 * A deployed server endpoint path of one web application:
 * {@code dev.halyard.websocket:type=Endpoint,context="/app",path="/chat/{room}"}.
 */
public interface EndpointMXBean extends SessionTraffic {

    /** The path the endpoint is deployed at, a URI template as in {@code @ServerEndpoint}. */
    String getPath();

    /** The endpoint class (annotated or programmatic). */
    String getEndpointClass();

    /** The open sessions of this endpoint now. */
    List<SessionInfo> listSessions();

    /**
     * Closes the open session {@code id} as {@code Session.close} would: the peer's close frame and
     * the endpoint's onClose carry {@code code} and {@code reason}.
     *
     * @throws IllegalArgumentException for a code a close frame may not carry (RFC 6455 §7.4), a reason
     *     over 123 bytes in UTF-8 (RFC 6455 §5.5), or no open session of that id
     */
    void closeSession(String id, int code, String reason);
}
