// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import dev.halyard.websocket.server.HalyardServerContainer;
import dev.halyard.websocket.diagnostics.FlightEvents;
import dev.halyard.websocket.server.ServerEndpointDefinition;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.Map;

/** The server container of a servlet application, which can also upgrade requests on a framework's behalf. */
public class ServletServerContainer extends HalyardServerContainer {

    private final HttpSessionEnds httpSessionEnds = new HttpSessionEnds();

    /** What closes WebSocket sessions when their authenticated HTTP session ends. */
    HttpSessionEnds httpSessionEnds() {
        return httpSessionEnds;
    }

    /**
     * Upgrades {@code httpServletRequest} to the endpoint {@code sec} describes, which need not be
     * deployed (Jakarta WebSocket 2.1, for front controllers).
     */
    @Override
    public void upgradeHttpToWebSocket(Object httpServletRequest, Object httpServletResponse, ServerEndpointConfig sec,
            Map<String, String> pathParameters) throws IOException, DeploymentException {
        if (!(httpServletRequest instanceof HttpServletRequest) || !(httpServletResponse instanceof HttpServletResponse)) {
            throw new IllegalArgumentException("upgradeHttpToWebSocket takes an HttpServletRequest and an HttpServletResponse, got "
                    + httpServletRequest + " and " + httpServletResponse);
        }
        HttpServletRequest request = (HttpServletRequest) httpServletRequest;
        if (!ServletUpgrade.isWebSocketUpgrade(request)) {
            throw new IllegalStateException("The request is not a WebSocket handshake: " + request.getMethod() + " "
                    + request.getProtocol() + " with Upgrade " + request.getHeader("Upgrade"));
        }
        try {
            ServletUpgrade.upgrade(request, (HttpServletResponse) httpServletResponse, this, ServerEndpointDefinition.of(sec),
                    pathParameters == null ? Map.of() : pathParameters, FlightEvents.handshakeStarted());
        } catch (ServletException e) {
            throw new IOException(e);
        }
    }
}
