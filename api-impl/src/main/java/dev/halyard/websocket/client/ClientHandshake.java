// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.client;

import dev.halyard.websocket.extension.DeflateParameters;
import dev.halyard.websocket.handshake.ExtensionHeader;
import dev.halyard.websocket.handshake.HandshakeKeys;
import dev.halyard.websocket.handshake.HeaderTokens;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The client's side of the opening handshake (RFC 6455 §4.1): the upgrade request, shown to the
 * configurator's {@code beforeRequest}, and the checks of the server's answer. Every request shown
 * to {@code beforeRequest} is answered by one {@code afterResponse}, whether the handshake succeeds
 * or not (Jakarta WebSocket 2.3, #417; COMPATIBILITY.md C20).
 */
final class ClientHandshake {

    /** What a successful handshake settled. */
    record Agreed(String subprotocol, List<Extension> extensions, Map<String, List<String>> responseHeaders) {
    }

    private final URI uri;
    private final ClientEndpointConfig config;
    private final String key = HandshakeKeys.newKey();
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    /** Whether {@code afterResponse} has been called for this request. */
    private boolean answered;

    /**
     * @param uri the ws or wss URI of this attempt
     * @param authorization an Authorization header value, or null
     */
    ClientHandshake(URI uri, ClientEndpointConfig config, String authorization) {
        this.uri = uri;
        this.config = config;
        headers.put("Host", List.of(hostHeader(uri)));
        headers.put("Upgrade", List.of("websocket"));
        headers.put("Connection", List.of("Upgrade"));
        headers.put(HandshakeRequest.SEC_WEBSOCKET_KEY, List.of(key));
        headers.put(HandshakeRequest.SEC_WEBSOCKET_VERSION, List.of("13"));
        if (!config.getPreferredSubprotocols().isEmpty()) {
            headers.put(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL, List.of(String.join(", ", config.getPreferredSubprotocols())));
        }
        String extensions = ExtensionHeader.format(config.getExtensions());
        if (extensions != null) {
            headers.put(HandshakeRequest.SEC_WEBSOCKET_EXTENSIONS, List.of(extensions));
        }
        if (authorization != null) {
            headers.put("Authorization", List.of(authorization));
        }
        // The configurator may add, change or remove any header (ClientEndpointConfig.Configurator javadoc).
        Map<String, List<String>> mutable = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> mutable.put(name, new ArrayList<>(values)));
        config.getConfigurator().beforeRequest(mutable);
        headers.clear();
        headers.putAll(mutable);
    }

    /** The request target: path and query as in the URI, still percent-encoded. */
    String target() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /**
     * The request's bytes.
     *
     * @throws IllegalArgumentException when a header name or value the configurator set could
     *     break the request (a line break, a control character)
     */
    ByteBuffer request() {
        StringBuilder request = new StringBuilder(256);
        request.append("GET ").append(target()).append(" HTTP/1.1\r\n");
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            checkHeader(header.getKey(), header.getValue());
            for (String value : header.getValue()) {
                request.append(header.getKey()).append(": ").append(value).append("\r\n");
            }
        }
        request.append("\r\n");
        return ByteBuffer.wrap(request.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Shows the server's answer to the configurator's {@code afterResponse}, once per request. */
    void answered(Map<String, List<String>> responseHeaders) {
        if (!answered) {
            answered = true;
            config.getConfigurator().afterResponse(() -> responseHeaders);
        }
    }

    /**
     * The handshake failed: unless the configurator has seen an answer, {@code afterResponse} sees
     * an empty header map, as no HTTP response arrived. Should it throw, {@code failure} stays
     * what the caller reports, with the configurator's exception suppressed in it.
     */
    void failed(Exception failure) {
        answered(Map.of(), failure);
    }

    private void answered(Map<String, List<String>> responseHeaders, Exception failure) {
        try {
            answered(responseHeaders);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Checks a 101 answer; the configurator's {@code afterResponse} sees the answer either way.
     *
     * @throws HandshakeException saying which rule of RFC 6455 §4.1 the answer broke
     */
    Agreed accept(HttpResponseHead response) throws HandshakeException {
        Agreed agreed;
        try {
            agreed = check(response);
        } catch (HandshakeException e) {
            answered(response.headers(), e);
            throw e;
        }
        answered(response.headers());
        return agreed;
    }

    private Agreed check(HttpResponseHead response) throws HandshakeException {
        if (response.status() != 101) {
            throw failure("The server answered the WebSocket handshake with " + response.status() + " "
                    + response.reason() + " instead of 101 Switching Protocols", response);
        }
        if (!HeaderTokens.contains(response.headerValues("Upgrade"), "websocket")) {
            throw failure("The server's 101 response has Upgrade " + response.headerValues("Upgrade")
                    + ", not websocket (RFC 6455 §4.1)", response);
        }
        if (!HeaderTokens.contains(response.headerValues("Connection"), "upgrade")) {
            throw failure("The server's 101 response has Connection " + response.headerValues("Connection")
                    + ", which does not include Upgrade (RFC 6455 §4.1)", response);
        }
        String expected = HandshakeKeys.accept(key);
        List<String> accept = response.headerValues(HandshakeResponse.SEC_WEBSOCKET_ACCEPT);
        if (accept.size() != 1 || !expected.equals(accept.get(0).trim())) {
            throw failure("The server's Sec-WebSocket-Accept " + accept + " does not answer the key sent; expected "
                    + expected + " (RFC 6455 §4.1)", response);
        }
        String subprotocol = subprotocol(response);
        List<Extension> extensions = extensions(response);
        return new Agreed(subprotocol, extensions, response.headers());
    }

    private String subprotocol(HttpResponseHead response) throws HandshakeException {
        List<String> protocols = HeaderTokens.tokens(response.headerValues(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL));
        if (protocols.isEmpty()) {
            return "";
        }
        if (protocols.size() > 1) {
            throw failure("The server chose more than one subprotocol: " + protocols + " (RFC 6455 §4.1)", response);
        }
        String chosen = protocols.get(0);
        if (!config.getPreferredSubprotocols().contains(chosen)) {
            throw failure("The server chose subprotocol \"" + chosen + "\", which the client did not offer; it offered "
                    + config.getPreferredSubprotocols() + " (RFC 6455 §4.1)", response);
        }
        return chosen;
    }

    private List<Extension> extensions(HttpResponseHead response) throws HandshakeException {
        List<Extension> agreed;
        try {
            agreed = ExtensionHeader.parse(response.headerValues(HandshakeRequest.SEC_WEBSOCKET_EXTENSIONS));
        } catch (IllegalArgumentException e) {
            throw failure(e.getMessage(), response);
        }
        List<String> offered = new ArrayList<>();
        config.getExtensions().forEach(e -> offered.add(e.getName()));
        Set<String> seen = new java.util.HashSet<>();
        for (Extension extension : agreed) {
            if (!seen.add(extension.getName())) {
                throw failure("The server agreed to extension \"" + extension.getName() + "\" more than once (RFC 6455 §9.1)",
                        response);
            }
            if (!offered.contains(extension.getName())) {
                throw failure("The server agreed to extension \"" + extension.getName() + "\", which the client did not offer;"
                        + " it offered " + offered + " (RFC 6455 §4.1)", response);
            }
            // One the application offered but Halyard does not implement is announced and changes no frame;
            // should the server set RSV bits for it, the parser fails the connection (1002).
            if (DeflateParameters.NAME.equals(extension.getName())) {
                boolean offeredClientWindow = config.getExtensions().stream()
                        .filter(e -> e.getName().equals(DeflateParameters.NAME))
                        .anyMatch(e -> e.getParameters().stream().anyMatch(p -> p.getName().equals("client_max_window_bits")));
                try {
                    DeflateParameters.ofResponse(extension, offeredClientWindow);
                } catch (DeflateParameters.Unacceptable e) {
                    throw failure("The server's permessage-deflate answer cannot be used: " + e.getMessage(), response);
                }
            }
        }
        return agreed;
    }

    private static HandshakeException failure(String message, HttpResponseHead response) {
        return new HandshakeException(message, response.status(), response.headers());
    }

    private static void checkHeader(String name, List<String> values) {
        if (name == null || name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != ':')) {
            throw new IllegalArgumentException("Handshake request header name \"" + name + "\" is not an HTTP token");
        }
        for (String value : values) {
            if (value == null || value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7F)) {
                throw new IllegalArgumentException("Handshake request header " + name + " has a value with a control "
                        + "character or line break, or no value: \"" + value + "\"");
            }
        }
    }

    /** Host, with the port when it is not the scheme's default (RFC 9110 §7.2); IPv6 literals keep their brackets. */
    static String hostHeader(URI uri) {
        String host = uri.getHost();
        int port = uri.getPort();
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        return port < 0 || port == (secure ? 443 : 80) ? host : host + ":" + port;
    }
}
