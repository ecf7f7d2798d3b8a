// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import dev.halyard.websocket.diagnostics.WarnOnce;
import dev.halyard.websocket.server.HandshakeRequestView;
import dev.halyard.websocket.server.ServerEndpointDefinition;
import dev.halyard.websocket.server.ServerHandshake;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import jakarta.websocket.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Takes over a connection once the container has sent the 101 response: starts the servlet
 * transport and opens the session. The container creates it through {@code request.upgrade};
 * the filter then hands it what the handshake decided.
 */
public class HalyardUpgradeHandler implements HttpUpgradeHandler {

    /** What the handshake decided, for the session. */
    record Setup(ServletServerContainer container, ServerEndpointDefinition definition, Endpoint endpoint,
            ServerHandshake.Accepted accepted, HandshakeRequestView request, Map<String, String> pathParameters,
            boolean secure, java.net.SocketAddress remoteAddress, String httpSessionId) {

        /**
         * Opens the session over {@code transport} and ties it to its authenticated HTTP session, if any.
         * Whichever transport calls it: a session that fails to open is logged, and its connection closed.
         */
        void open(dev.halyard.websocket.session.Transport transport) {
            try {
                // Registered before reading starts: a message that ends the HTTP session must find this session.
                container.openSession(transport, definition, endpoint, accepted, request, pathParameters, session -> {
                    if (httpSessionId != null) {
                        container.httpSessionEnds().register(httpSessionId, session);
                    }
                });
            } catch (RuntimeException | Error e) {
                WARNINGS.log(e.getClass().getName(), "Opening a WebSocket session failed; " + transport, e);
                transport.close();
            }
        }
    }

    private static final WarnOnce WARNINGS = new WarnOnce(System.getLogger(HalyardUpgradeHandler.class.getName()));

    private volatile Setup setup;
    private volatile ServletTransport transport;

    /** A public no-argument constructor: containers create upgrade handlers themselves. */
    public HalyardUpgradeHandler() {
    }

    void prepare(Setup handshake) {
        this.setup = handshake;
    }

    @Override
    public void init(WebConnection connection) {
        Setup handshake = setup;
        setup = null; // it holds the handshake's request, which must not live as long as the connection
        try {
            ServletTransport opened = new ServletTransport(connection, handshake.container().executor(), handshake.secure(),
                    handshake.remoteAddress());
            transport = opened;
            opened.start();
            // onOpen may send, blocking: off the container's thread (COMPATIBILITY.md C16).
            handshake.container().executor().execute(() -> handshake.open(opened));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the WebSocket connection", e);
        }
    }

    @Override
    public void destroy() {
        ServletTransport opened = transport;
        if (opened != null) {
            opened.destroyedByContainer();
        }
    }
}
