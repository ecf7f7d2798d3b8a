// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.client;

import jakarta.websocket.DeploymentException;
import java.util.List;
import java.util.Map;

/**
 * The server answered the opening handshake but did not accept the connection as RFC 6455 §4.1
 * requires: a status other than 101, a wrong {@code Sec-WebSocket-Accept}, or a subprotocol or
 * extension the client did not offer. The status and headers are kept for the caller.
 *
 * <p>A {@link DeploymentException}, although the javadoc names {@code IOException} for protocol
 * problems (COMPATIBILITY.md C12); network failures remain {@code IOException}s.
 */
public class HandshakeException extends DeploymentException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, List<String>> headers;

    /** Holds the whole message, however much of the server's text it quotes: beyond, it is cut with its length stated. */
    static final int MAX_MESSAGE = 2000;

    /**
     * @param message what went wrong; control characters in it are escaped, so that text from the
     *     server cannot forge a log line
     */
    public HandshakeException(String message, int status, Map<String, List<String>> headers) {
        super(dev.halyard.websocket.handshake.HeaderText.printable(message, MAX_MESSAGE));
        this.status = status;
        this.headers = headers == null ? Map.of() : headers;
    }

    /** The HTTP status the server answered with. */
    public int status() {
        return status;
    }

    /** The response headers, looked up without regard to case. */
    public Map<String, List<String>> headers() {
        return headers;
    }
}
