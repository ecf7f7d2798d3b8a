// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.server;

import dev.halyard.websocket.handshake.HeaderText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The origins a server admits to its WebSocket endpoints (the {@code halyard.allowedOrigins}
 * setting), against cross-site WebSocket hijacking: a page on another site opening a WebSocket to
 * this one, with the user's cookies. Browsers send the page's origin in the {@code Origin} header
 * (RFC 6455 §10.2, RFC 6454); a request whose origin is not listed is answered 403 before the
 * endpoint's own {@code checkOrigin} is asked.
 *
 * <p>Entries, separated by commas or white space:
 * <ul>
 * <li>{@code https://app.example.com} or {@code http://localhost:8080}: exactly that scheme, host
 * and port (the scheme's default port when none is written);</li>
 * <li>{@code https://*.example.com}: that scheme and port, on any host under {@code example.com}
 * (not {@code example.com} itself);</li>
 * <li>{@code example.com} or {@code *.example.com}, without a scheme: that host, or any host under
 * it, over http or https on any port;</li>
 * <li>{@code null}: the origin browsers send from sandboxed frames and local files;</li>
 * <li>{@code *} alone: every origin, as without the setting.</li>
 * </ul>
 * A request without an {@code Origin} header is admitted: browsers always send it with a
 * WebSocket handshake, so its absence means a client that is not a browser, which cross-site
 * hijacking cannot use.
 */
public final class AllowedOrigins {

    /** Every origin: the default, as in the Jakarta WebSocket default configurator. */
    public static final AllowedOrigins ANY = new AllowedOrigins(null, false, "*");

    private record Pattern(String scheme, String host, boolean subdomains, int port) {
        boolean admits(Origin origin) {
            if (scheme != null && (!scheme.equals(origin.scheme) || port != origin.port)) {
                return false;
            }
            if (scheme == null && !origin.scheme.equals("http") && !origin.scheme.equals("https")) {
                return false;
            }
            return subdomains ? origin.host.endsWith("." + host) : origin.host.equals(host);
        }
    }

    private record Origin(String scheme, String host, int port) {
    }

    /** Null for every origin. */
    private final List<Pattern> patterns;
    private final boolean nullOrigin;
    private final String setting;

    private AllowedOrigins(List<Pattern> patterns, boolean nullOrigin, String setting) {
        this.patterns = patterns;
        this.nullOrigin = nullOrigin;
        this.setting = setting;
    }

    /**
     * Parses the setting; null or blank is {@link #ANY}.
     *
     * @throws IllegalArgumentException naming the entry that is not an origin or a pattern
     */
    public static AllowedOrigins parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return ANY;
        }
        List<Pattern> patterns = new ArrayList<>();
        boolean nullOrigin = false;
        for (String entry : setting.trim().split("[,\\s]+")) {
            if (entry.equals("*")) {
                return ANY;
            }
            if (entry.equalsIgnoreCase("null")) {
                nullOrigin = true;
                continue;
            }
            patterns.add(pattern(entry));
        }
        return new AllowedOrigins(List.copyOf(patterns), nullOrigin, setting.trim());
    }

    private static Pattern pattern(String entry) {
        String scheme = null;
        String rest = entry;
        int separator = entry.indexOf("://");
        if (separator >= 0) {
            scheme = entry.substring(0, separator).toLowerCase(Locale.ROOT);
            rest = entry.substring(separator + 3);
            if (defaultPort(scheme) < 0) {
                throw invalid(entry, "the scheme must be http or https");
            }
        }
        boolean subdomains = rest.startsWith("*.");
        if (subdomains) {
            rest = rest.substring(2);
        }
        int port = -1;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0 && rest.indexOf(']') < colon) {
            if (scheme == null) {
                throw invalid(entry, "a port needs a scheme (write https://host:port)");
            }
            port = parsePort(rest.substring(colon + 1));
            if (port < 0) {
                throw invalid(entry, "\"" + rest.substring(colon + 1) + "\" is not a port");
            }
            rest = rest.substring(0, colon);
        }
        String host = rest.toLowerCase(Locale.ROOT);
        if (!isHost(host)) {
            throw invalid(entry, "\"" + rest + "\" is not a host name or address (a path, user or wildcard other than a leading *. is not allowed)");
        }
        return new Pattern(scheme, host, subdomains, scheme == null ? -1 : port < 0 ? defaultPort(scheme) : port);
    }

    private static IllegalArgumentException invalid(String entry, String why) {
        return new IllegalArgumentException("halyard.allowedOrigins entry \"" + HeaderText.printable(entry)
                + "\" is not an origin or an origin pattern: " + why);
    }

    /** Whether a request with this {@code Origin} header value (null when absent) may open a WebSocket. */
    public boolean admits(String originHeader) {
        if (patterns == null || originHeader == null) {
            return true;
        }
        String value = originHeader.trim();
        if (value.equals("null")) {
            return nullOrigin;
        }
        Origin origin = origin(value);
        if (origin == null) {
            return false;
        }
        for (Pattern pattern : patterns) {
            if (pattern.admits(origin)) {
                return true;
            }
        }
        return false;
    }

    /** Whether every origin is admitted. */
    public boolean admitsAny() {
        return patterns == null;
    }

    /** An RFC 6454 serialized origin, scheme "://" host [":" port], or null when it is not one. */
    private static Origin origin(String value) {
        int separator = value.indexOf("://");
        if (separator <= 0) {
            return null;
        }
        String scheme = value.substring(0, separator).toLowerCase(Locale.ROOT);
        String rest = value.substring(separator + 3);
        int port = defaultPort(scheme);
        int colon = rest.lastIndexOf(':');
        if (colon >= 0 && rest.indexOf(']') < colon) {
            port = parsePort(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
        }
        String host = rest.toLowerCase(Locale.ROOT);
        return port < 0 || !isHost(host) ? null : new Origin(scheme, host, port);
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
    }

    private static int parsePort(String text) {
        if (text.isEmpty() || text.length() > 5) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        int port = Integer.parseInt(text);
        return port <= 65535 ? port : -1;
    }

    /** A DNS name, an IPv4 address, or a bracketed IPv6 literal; nothing else (no path, user, query or wildcard). */
    private static boolean isHost(String host) {
        if (host.isEmpty()) {
            return false;
        }
        if (host.charAt(0) == '[') {
            return host.endsWith("]") && host.length() > 2 && host.substring(1, host.length() - 1).chars()
                    .allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == ':' || c == '.');
        }
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return setting;
    }
}
