// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.client;

import java.util.Map;

/**
 * The client's connection settings, read from a {@code ClientEndpointConfig}'s user properties
 * (as Tomcat's client reads its own), each with its default here and in the README.
 *
 * @param connectToServerTimeoutMillis how long the whole {@code connectToServer} may take: every
 *     attempt's connect, proxy tunnel, TLS and upgrade, redirects and authentication included
 * @param connectTimeoutMillis how long the TCP connect (to the server or the proxy) may take
 * @param handshakeTimeoutMillis how long everything after the TCP connect may take: the proxy
 *     tunnel, the TLS handshake and the HTTP upgrade, for each attempt
 * @param maxRedirects how many HTTP redirects to follow before giving up
 * @param user user name for HTTP Basic or Digest authentication when the server answers 401
 * @param password its password
 * @param proxyUser user name for the proxy when it answers 407
 * @param proxyPassword its password
 * @param verifyHostname whether a wss server's certificate must name the host connected to
 * @param allowInsecureRedirects whether a redirect may lead from wss (or https) to ws (or http)
 * @param allowBasicOverPlaintext whether Basic credentials may be sent over a ws connection
 * @param keepAliveIntervalMillis ms without a frame from the server before the client pings it (0:
 *     never); null for the container's default
 * @param keepAliveTimeoutMillis ms the server has to answer; null for the container's default
 */
public record ClientSettings(
        long connectToServerTimeoutMillis,
        long connectTimeoutMillis,
        long handshakeTimeoutMillis,
        int maxRedirects,
        String user,
        String password,
        String proxyUser,
        String proxyPassword,
        boolean verifyHostname,
        boolean allowInsecureRedirects,
        boolean allowBasicOverPlaintext,
        Long keepAliveIntervalMillis,
        Long keepAliveTimeoutMillis) {

    public static final String CONNECT_TO_SERVER_TIMEOUT = "halyard.client.connectToServerTimeout";
    public static final String CONNECT_TIMEOUT = "halyard.client.connectTimeout";
    public static final String HANDSHAKE_TIMEOUT = "halyard.client.handshakeTimeout";
    public static final String MAX_REDIRECTS = "halyard.client.maxRedirects";
    public static final String USER = "halyard.client.user";
    public static final String PASSWORD = "halyard.client.password";
    public static final String PROXY_USER = "halyard.client.proxyUser";
    public static final String PROXY_PASSWORD = "halyard.client.proxyPassword";
    public static final String VERIFY_HOSTNAME = "halyard.client.verifyHostname";
    public static final String ALLOW_INSECURE_REDIRECTS = "halyard.client.allowInsecureRedirects";
    public static final String ALLOW_BASIC_OVER_PLAINTEXT = "halyard.client.allowBasicOverPlaintext";
    public static final String KEEP_ALIVE_INTERVAL = "halyard.client.keepAliveInterval";
    public static final String KEEP_ALIVE_TIMEOUT = "halyard.client.keepAliveTimeout";

    /** Room for a slow connect and a few redirects; a caller that wants to wait longer says so. */
    public static final long DEFAULT_CONNECT_TO_SERVER_TIMEOUT_MILLIS = 30_000;

    public static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 10_000;
    public static final long DEFAULT_HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    /** COMPATIBILITY.md C17. */
    public static final int DEFAULT_MAX_REDIRECTS = 20;

    public ClientSettings {
        if (connectToServerTimeoutMillis <= 0) {
            throw new IllegalArgumentException(CONNECT_TO_SERVER_TIMEOUT + " must be a positive number of milliseconds, got "
                    + connectToServerTimeoutMillis);
        }
        if (connectTimeoutMillis <= 0) {
            throw new IllegalArgumentException(CONNECT_TIMEOUT + " must be a positive number of milliseconds, got "
                    + connectTimeoutMillis);
        }
        if (handshakeTimeoutMillis <= 0) {
            throw new IllegalArgumentException(HANDSHAKE_TIMEOUT + " must be a positive number of milliseconds, got "
                    + handshakeTimeoutMillis);
        }
        if (keepAliveIntervalMillis != null && keepAliveIntervalMillis < 0) {
            throw new IllegalArgumentException(KEEP_ALIVE_INTERVAL + " must not be negative, got " + keepAliveIntervalMillis);
        }
        if (keepAliveTimeoutMillis != null && keepAliveTimeoutMillis <= 0) {
            throw new IllegalArgumentException(KEEP_ALIVE_TIMEOUT + " must be a positive number of milliseconds, got "
                    + keepAliveTimeoutMillis);
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException(MAX_REDIRECTS + " must not be negative, got " + maxRedirects);
        }
    }

    /**
     * The settings in {@code properties}; absent ones take their defaults. Values may be strings
     * or of the setting's own type.
     *
     * @throws IllegalArgumentException naming the property and the value that does not fit
     */
    public static ClientSettings of(Map<String, Object> properties) {
        return new ClientSettings(
                number(properties, CONNECT_TO_SERVER_TIMEOUT, DEFAULT_CONNECT_TO_SERVER_TIMEOUT_MILLIS),
                number(properties, CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT_MILLIS),
                number(properties, HANDSHAKE_TIMEOUT, DEFAULT_HANDSHAKE_TIMEOUT_MILLIS),
                (int) number(properties, MAX_REDIRECTS, DEFAULT_MAX_REDIRECTS),
                text(properties, USER),
                text(properties, PASSWORD),
                text(properties, PROXY_USER),
                text(properties, PROXY_PASSWORD),
                flag(properties, VERIFY_HOSTNAME, true),
                flag(properties, ALLOW_INSECURE_REDIRECTS, false),
                flag(properties, ALLOW_BASIC_OVER_PLAINTEXT, false),
                properties.get(KEEP_ALIVE_INTERVAL) == null ? null : number(properties, KEEP_ALIVE_INTERVAL, 0),
                properties.get(KEEP_ALIVE_TIMEOUT) == null ? null : number(properties, KEEP_ALIVE_TIMEOUT, 0));
    }

    /** The session settings of a connection: the container's, with this connection's keepalive where it sets one. */
    dev.halyard.websocket.session.SessionConfig applyTo(dev.halyard.websocket.session.SessionConfig defaults) {
        if (keepAliveIntervalMillis == null && keepAliveTimeoutMillis == null) {
            return defaults;
        }
        return defaults.withKeepAlive(keepAliveIntervalMillis != null ? keepAliveIntervalMillis : defaults.keepAliveIntervalMillis(),
                keepAliveTimeoutMillis != null ? keepAliveTimeoutMillis : defaults.keepAliveTimeoutMillis());
    }

    /** Whether credentials for the server are configured. */
    boolean hasCredentials() {
        return user != null && password != null;
    }

    boolean hasProxyCredentials() {
        return proxyUser != null && proxyPassword != null;
    }

    private static long number(Map<String, Object> properties, String name, long fallback) {
        Object value = properties.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number) {
            return ((Number) value).longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("User property " + name + " must be a whole number, got \"" + value + "\"", e);
        }
    }

    private static String text(Map<String, Object> properties, String name) {
        Object value = properties.get(name);
        return value == null ? null : value.toString();
    }

    private static boolean flag(Map<String, Object> properties, String name, boolean fallback) {
        Object value = properties.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("User property " + name + " must be true or false, got \"" + value + "\"");
    }
}
