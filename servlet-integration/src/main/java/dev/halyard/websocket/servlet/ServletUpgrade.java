// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import dev.halyard.websocket.diagnostics.FlightEvents;
import dev.halyard.websocket.diagnostics.HandshakeEvent;
import dev.halyard.websocket.server.HandshakeRequestView;
import dev.halyard.websocket.server.RequestPath;
import dev.halyard.websocket.server.ServerEndpointDefinition;
import dev.halyard.websocket.server.ServerHandshake;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Endpoint;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The opening handshake on a servlet request: the request seen as the handshake sees it, the
 * answer, and the upgrade. Status and headers are set before {@code request.upgrade(...)}:
 * Jetty 12.1 refuses an upgrade whose response is not already a 101 with them.
 */
final class ServletUpgrade {

    private ServletUpgrade() {
    }

    /** Whether the request is a WebSocket handshake: a GET over HTTP/1.1 with {@code Upgrade: websocket}. */
    static boolean isWebSocketUpgrade(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && "HTTP/1.1".equals(request.getProtocol()) && asksForWebSocket(request);
    }

    /**
     * Whether the request names {@code websocket} in its {@code Upgrade} header, whatever its method
     * and version: at an endpoint's path the handshake answers a POST 405 and HTTP/1.0 400 (RFC 6455
     * §4.1) rather than leaving them to the application's 404. HTTP/2 has no {@code Upgrade} header:
     * its extended CONNECT (RFC 8441) and plain requests pass through.
     */
    static boolean asksForWebSocket(HttpServletRequest request) {
        for (String value : Collections.list(request.getHeaders("Upgrade"))) {
            for (String token : value.split(",")) {
                if (token.trim().equalsIgnoreCase("websocket")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Performs the handshake for {@code definition} and upgrades, or answers with the refusal.
     *
     * @param event the handshake's flight recorder event, ended here with the decision; null when off
     */
    static void upgrade(HttpServletRequest request, HttpServletResponse response, ServletServerContainer container,
            ServerEndpointDefinition definition, Map<String, String> pathParameters, HandshakeEvent event)
            throws IOException, ServletException {
        HandshakeRequestView view = view(request, pathParameters);
        ServerHandshake.Outcome outcome = ServerHandshake.perform(view, definition, List.copyOf(container.getInstalledExtensions()),
                container.allowedOrigins());
        Class<?> endpointClass = definition.config().getEndpointClass();
        if (outcome instanceof ServerHandshake.Refused) {
            ServerHandshake.Refused refused = (ServerHandshake.Refused) outcome;
            container.countRefusedHandshake(refused.status());
            FlightEvents.handshakeDecided(event, false, request.getRequestURI(), refused.status(), endpointClass, refused.reason());
            refuse(response, refused.status(), refused.headers(), refused.reason());
            return;
        }
        ServerHandshake.Accepted accepted = (ServerHandshake.Accepted) outcome;
        String unavailable = ContainerUpgrades.loaded().refusal(request);
        if (unavailable != null) {
            container.countRefusedHandshake(HttpServletResponse.SC_NOT_IMPLEMENTED);
            FlightEvents.handshakeDecided(event, false, request.getRequestURI(), HttpServletResponse.SC_NOT_IMPLEMENTED, endpointClass,
                    unavailable);
            refuse(response, HttpServletResponse.SC_NOT_IMPLEMENTED, Map.of(), unavailable);
            return;
        }
        Endpoint endpoint;
        try {
            endpoint = definition.newEndpoint();
        } catch (InstantiationException e) {
            FlightEvents.handshakeDecided(event, false, request.getRequestURI(), HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                    endpointClass, e.getMessage());
            refuse(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, Map.of(), e.getMessage());
            return;
        }
        response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
        accepted.headers().forEach((name, values) -> {
            for (String value : values) {
                response.addHeader(name, value);
            }
        });
        jakarta.servlet.http.HttpSession httpSession = request.getSession(false);
        // Only a session opened by an authenticated user ends with its HTTP session (§7.2).
        String httpSessionId = request.getUserPrincipal() != null && httpSession != null ? httpSession.getId() : null;
        HalyardUpgradeHandler.Setup setup = new HalyardUpgradeHandler.Setup(container, definition, endpoint, accepted, view,
                pathParameters, request.isSecure(), remoteAddress(request), httpSessionId);
        FlightEvents.handshakeDecided(event, false, request.getRequestURI(), HttpServletResponse.SC_SWITCHING_PROTOCOLS,
                endpointClass, null);
        if (ContainerUpgrades.loaded().upgrade(request, response, container.executor(), setup::open)) {
            return;
        }
        HalyardUpgradeHandler handler = request.upgrade(HalyardUpgradeHandler.class);
        handler.prepare(setup);
    }

    /** The peer's address and port as the request reports them, without a name lookup; null when unknown. */
    private static java.net.SocketAddress remoteAddress(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        return address == null ? null : java.net.InetSocketAddress.createUnresolved(address, Math.max(0, request.getRemotePort()));
    }

    static void refuse(HttpServletResponse response, int status, Map<String, List<String>> headers, String reason)
            throws IOException {
        response.setStatus(status);
        headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType("text/plain;charset=UTF-8");
        byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * The path within the application that the container authorized and its security constraints
     * saw: decoded, normalized, without path parameters (Servlet 6.1 §3.5: servlet path plus path
     * info). The raw URI is checked separately ({@link RequestPath#refusal}).
     */
    static String pathInContext(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        return path.isEmpty() ? "/" : path;
    }

    /**
     * The request's URI with the ws or wss scheme. A query the container let through but
     * {@link URI} refuses (a raw '|', say) is left out rather than failing the handshake.
     */
    static URI websocketUri(HttpServletRequest request) {
        String http = request.getRequestURL().toString();
        String base = (request.isSecure() ? "wss" : "ws") + http.substring(http.indexOf(':'));
        String query = request.getQueryString();
        try {
            return URI.create(query == null ? base : base + '?' + query);
        } catch (IllegalArgumentException e) {
            return URI.create(base);
        }
    }

    /** The request as the configurator sees it; path parameters count as request parameters (COMPATIBILITY.md C15). */
    private static HandshakeRequestView view(HttpServletRequest request, Map<String, String> pathParameters) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        URI uri = websocketUri(request);
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, List.of(values)));
        pathParameters.forEach((name, value) -> parameters.put(name, List.of(value)));
        return new HandshakeRequestView(request.getMethod(), request.getProtocol(), headers, uri, request.getQueryString(),
                parameters, request.getUserPrincipal(), request::isUserInRole, request.getSession(false), connection(request),
                request.getLocale());
    }

    /**
     * The connection's two ends and the client's certificates (Servlet 6.1 §3.10, the
     * {@code jakarta.servlet.request.X509Certificate} attribute), read now: after the upgrade the
     * container recycles the request. The servlet API says -1 for a port that is not IP's.
     */
    private static HandshakeRequestView.Connection connection(HttpServletRequest request) {
        Object chain = request.getAttribute("jakarta.servlet.request.X509Certificate");
        // No local name: Tomcat's is a reverse DNS lookup, so the view looks it up only when asked.
        return new HandshakeRequestView.Connection(request.getLocalAddr(), null, request.getLocalPort(),
                request.getRemoteAddr(), request.getRemoteHost(), request.getRemotePort(),
                chain instanceof java.security.cert.X509Certificate[] certificates ? certificates : null);
    }

}
