// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.server;

import dev.halyard.websocket.handshake.HeaderText;

/**
 * The rules for the path of a handshake request (README, "Security"). An endpoint is matched on the
 * path the container itself authorized: context-relative, percent-decoded, normalized, with path
 * parameters ({@code ;...}) removed, which is what its security constraints were checked against.
 * A raw path that normalization would change in a way that can move it across a constraint (a
 * {@code .} or {@code ..} segment, written plainly or percent-encoded, an encoded slash) is never
 * upgraded, nor one that holds control characters once decoded: no WebSocket client sends them
 * (browsers resolve dot segments before they connect), and a container that normalizes them
 * differently from its constraint check must not be able to hand such a path to an endpoint.
 */
public final class RequestPath {

    private RequestPath() {
    }

    /**
     * Why the raw request URI ({@code HttpServletRequest.getRequestURI()}: still percent-encoded,
     * path parameters included, no query) may not be upgraded, or null when it may.
     */
    public static String refusal(String rawUri) {
        if (rawUri == null || rawUri.isEmpty() || rawUri.charAt(0) != '/') {
            return "The request path \"" + HeaderText.printable(rawUri) + "\" does not start with '/'";
        }
        String[] segments = rawUri.substring(1).split("/", -1);
        for (String raw : segments) {
            int parameters = raw.indexOf(';');
            String segment = parameters < 0 ? raw : raw.substring(0, parameters);
            String decoded = UriTemplate.decode(segment);
            if (decoded == null) {
                return "The request path \"" + HeaderText.printable(rawUri) + "\" has a malformed percent-encoding in segment \""
                        + HeaderText.printable(raw) + "\"";
            }
            if (decoded.equals(".") || decoded.equals("..")) {
                return "The request path \"" + HeaderText.printable(rawUri) + "\" holds the dot segment \"" + HeaderText.printable(raw)
                        + "\"; a WebSocket handshake is never upgraded on a path that normalization would change (RFC 3986 §5.2.4)";
            }
            if (decoded.indexOf('/') >= 0 || decoded.indexOf('\\') >= 0) {
                return "The request path \"" + HeaderText.printable(rawUri) + "\" holds an encoded slash in segment \"" + HeaderText.printable(raw)
                        + "\"; a WebSocket handshake is never upgraded on an ambiguous path";
            }
            if (HeaderText.hasControlCharacter(decoded)) {
                return "The request path \"" + HeaderText.printable(rawUri) + "\" holds a control character in segment \""
                        + HeaderText.printable(raw) + "\"";
            }
        }
        return null;
    }

    /**
     * The segments of a decoded, normalized, context-relative path ({@code getServletPath() +
     * getPathInfo()}), as {@link EndpointRegistry#matchDecoded} takes them. An empty path is the
     * root, {@code /}.
     */
    public static String[] decodedSegments(String path) {
        if (path == null || path.isEmpty()) {
            return new String[] {""};
        }
        return (path.charAt(0) == '/' ? path.substring(1) : path).split("/", -1);
    }
}
