// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.server;

import dev.halyard.websocket.extension.Negotiated;
import dev.halyard.websocket.handshake.ExtensionHeader;
import dev.halyard.websocket.handshake.HandshakeKeys;
import dev.halyard.websocket.handshake.HeaderText;
import dev.halyard.websocket.handshake.HeaderTokens;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server's side of the opening handshake (RFC 6455 §4.2), without the servlet API: checks the
 * request in the order of §4.2.1, asks the endpoint's configurator about the origin, subprotocol
 * and extensions, lets {@code modifyHandshake} see and change the exchange, and answers with the
 * response to send, or the refusal.
 */
public final class ServerHandshake {

    /** What the handshake decided. */
    public sealed interface Outcome permits Accepted, Refused {
    }

    /**
     * Upgrade: send 101 with {@code headers}, then open a session with the per-connection
     * {@code config}, whose user properties the session starts from.
     */
    public record Accepted(Map<String, List<String>> headers, String subprotocol, List<Extension> extensions,
            ServerEndpointConfig config) implements Outcome {
    }

    /** Do not upgrade: answer {@code status} with {@code headers} and {@code reason} as the body. */
    public record Refused(int status, Map<String, List<String>> headers, String reason) implements Outcome {
    }

    private ServerHandshake() {
    }

    /** As below, admitting every origin the endpoint's configurator admits. */
    public static Outcome perform(HandshakeRequestView request, ServerEndpointDefinition endpoint,
            List<Extension> installedExtensions) {
        return perform(request, endpoint, installedExtensions, AllowedOrigins.ANY);
    }

    /**
     * @param installedExtensions the extensions this container implements
     * @param allowedOrigins the container's origin allow-list, checked before the configurator's
     *     {@code checkOrigin}, which can only refuse more
     */
    public static Outcome perform(HandshakeRequestView request, ServerEndpointDefinition endpoint,
            List<Extension> installedExtensions, AllowedOrigins allowedOrigins) {
        if (!"GET".equals(request.method())) {
            return refuse(405, "A WebSocket handshake must be a GET request, not " + request.method() + " (RFC 6455 §4.1)",
                    "Allow", "GET");
        }
        if (!isHttp11OrLater(request.protocol())) {
            return refuse(400, "A WebSocket handshake needs HTTP/1.1 or later, not " + request.protocol() + " (RFC 6455 §4.1)");
        }
        if (!HeaderTokens.contains(request.header("Upgrade"), "websocket")) {
            return refuse(400, "The Upgrade header must name websocket (RFC 6455 §4.2.1), got " + request.header("Upgrade"));
        }
        if (!HeaderTokens.contains(request.header("Connection"), "upgrade")) {
            return refuse(400, "The Connection header must include Upgrade (RFC 6455 §4.2.1), got " + request.header("Connection"));
        }
        List<String> versions = request.header(HandshakeRequest.SEC_WEBSOCKET_VERSION);
        if (versions.size() != 1 || !"13".equals(versions.get(0).trim())) {
            return refuse(426, "Only WebSocket version 13 is supported, the request asked for " + versions
                    + " (RFC 6455 §4.4)", HandshakeRequest.SEC_WEBSOCKET_VERSION, "13");
        }
        List<String> keys = request.header(HandshakeRequest.SEC_WEBSOCKET_KEY);
        if (keys.size() != 1 || !HandshakeKeys.isValidKey(keys.get(0).trim())) {
            return refuse(400, "Sec-WebSocket-Key must be one base64 value of 16 bytes (RFC 6455 §4.1), got " + keys);
        }
        List<Extension> requestedExtensions;
        try {
            requestedExtensions = ExtensionHeader.parse(request.header(HandshakeRequest.SEC_WEBSOCKET_EXTENSIONS));
        } catch (IllegalArgumentException e) {
            return refuse(400, e.getMessage());
        }
        ServerEndpointConfig config = new PerConnectionConfig(endpoint.config(), endpoint.configurator());
        ServerEndpointConfig.Configurator configurator = config.getConfigurator();
        List<String> origins = request.header("Origin");
        String origin = origins.isEmpty() ? null : origins.get(0);
        if (!allowedOrigins.admits(origin)) {
            return refuse(403, "Origin " + HeaderText.printable(origin) + " is not in halyard.allowedOrigins");
        }
        if (!configurator.checkOrigin(origin)) {
            return refuse(403, "Origin " + (origin == null ? "(none)" : HeaderText.printable(origin))
                    + " is not allowed for this endpoint");
        }

        List<String> requestedProtocols = HeaderTokens.tokens(request.header(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL));
        String subprotocol = requestedProtocols.isEmpty() ? ""
                : configurator.getNegotiatedSubprotocol(config.getSubprotocols(), requestedProtocols);
        if (subprotocol == null) {
            subprotocol = "";
        }
        // What this endpoint can use: those its configuration names first, then the container's (COMPATIBILITY.md C13).
        List<Extension> available = new ArrayList<>(endpoint.config().getExtensions());
        available.addAll(installedExtensions);
        List<Extension> extensions = requestedExtensions.isEmpty() ? List.of()
                : configurator.getNegotiatedExtensions(available, requestedExtensions);
        extensions = extensions == null ? List.of() : Negotiated.serverAnswer(extensions);

        ResponseHeaders response = new ResponseHeaders();
        response.set("Upgrade", "websocket");
        response.set("Connection", "Upgrade");
        response.set(HandshakeResponse.SEC_WEBSOCKET_ACCEPT, HandshakeKeys.accept(keys.get(0).trim()));
        if (!subprotocol.isEmpty()) {
            response.set(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL, subprotocol);
        }
        String extensionHeader = ExtensionHeader.format(extensions);
        if (extensionHeader != null) {
            response.set(HandshakeRequest.SEC_WEBSOCKET_EXTENSIONS, extensionHeader);
        }
        configurator.modifyHandshake(config, request, response);
        return new Accepted(response.getHeaders(), subprotocol, List.copyOf(extensions), config);
    }

    private static boolean isHttp11OrLater(String protocol) {
        if (protocol == null || !protocol.startsWith("HTTP/")) {
            return false;
        }
        String version = protocol.substring(5);
        return version.equals("1.1") || (!version.isEmpty() && version.charAt(0) >= '2' && version.charAt(0) <= '9');
    }

    private static Refused refuse(int status, String reason, String... header) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (header.length == 2) {
            headers.put(header[0], List.of(header[1]));
        }
        return new Refused(status, headers, reason);
    }

    /** The response headers, which {@code modifyHandshake} may change. */
    private static final class ResponseHeaders implements HandshakeResponse {
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        void set(String name, String value) {
            headers.put(name, new ArrayList<>(List.of(value)));
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }
    }
}
