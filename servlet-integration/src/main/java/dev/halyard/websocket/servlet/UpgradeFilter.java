// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import dev.halyard.websocket.diagnostics.FlightEvents;
import dev.halyard.websocket.diagnostics.HandshakeEvent;
import dev.halyard.websocket.server.EndpointRegistry;
import dev.halyard.websocket.server.RequestPath;
import dev.halyard.websocket.server.ServerEndpointDefinition;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Upgrades the requests that ask for a WebSocket at a deployed endpoint's path; every other
 * request passes through untouched. A WebSocket request whose raw path holds dot segments, encoded
 * slashes or control characters is answered 400 whatever it would match ({@link RequestPath}).
 */
public final class UpgradeFilter implements Filter {

    private final ServletServerContainer container;

    public UpgradeFilter(ServletServerContainer container) {
        this.container = container;
    }

    /**
     * The servlet container initialises filters only after every ServletContextListener has been
     * told the context started (the contextInitialized javadoc), so this ends the deployment phase
     * in which a failing endpoint takes the application's others with it.
     */
    @Override
    public void init(FilterConfig config) {
        container.endDeployment();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (request instanceof HttpServletRequest && ServletUpgrade.asksForWebSocket((HttpServletRequest) request)) {
            HttpServletRequest http = (HttpServletRequest) request;
            HandshakeEvent event = FlightEvents.handshakeStarted();
            String refusal = RequestPath.refusal(http.getRequestURI());
            if (refusal != null) {
                container.countRefusedHandshake(HttpServletResponse.SC_BAD_REQUEST);
                FlightEvents.handshakeDecided(event, false, http.getRequestURI(), HttpServletResponse.SC_BAD_REQUEST, null, refusal);
                ServletUpgrade.refuse((HttpServletResponse) response, HttpServletResponse.SC_BAD_REQUEST, java.util.Map.of(), refusal);
                return;
            }
            EndpointRegistry.Match<ServerEndpointDefinition> match = container.match(ServletUpgrade.pathInContext(http));
            if (match != null) {
                ServletUpgrade.upgrade(http, (HttpServletResponse) response, container, match.endpoint(), match.pathParameters(),
                        event);
                return;
            }
            chain.doFilter(request, response);
            // A handshake for a path with no endpoint is not ours to refuse: the application answered (404, usually;
            // a sendError is written after the filter returns). Counted as refused with that status.
            int status = ((HttpServletResponse) response).getStatus();
            if (status >= 400) {
                container.countRefusedHandshake(status);
            }
            FlightEvents.handshakeDecided(event, false, http.getRequestURI(), status, null,
                    "No endpoint is deployed at this path; the application answered");
            return;
        }
        chain.doFilter(request, response);
    }
}
