// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.server;

import jakarta.websocket.server.HandshakeRequest;
import java.net.URI;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The opening handshake request as the container saw it, independent of the servlet API: what
 * {@code Configurator.modifyHandshake} and the new session read. Every value is captured when the
 * view is made, before the upgrade, so the view stays right after the container has recycled its
 * request.
 *
 * <p>The methods Jakarta WebSocket 2.3 adds to {@link HandshakeRequest} (the connection's two ends,
 * the client's certificates, the preferred locale) are here in every build; against the 2.2 API
 * they are plain public methods, so they carry no {@code @Override}.
 */
public final class HandshakeRequestView implements HandshakeRequest {

    /**
     * The connection the request came on, as the servlet request reports it.
     *
     * @param localPort or -1 when the connection is not IP
     * @param remotePort or -1 when the connection is not IP
     * @param clientCertificates the client's chain, its own certificate first; null when it presented none
     */
    public record Connection(String localAddress, String localHostName, int localPort, String remoteAddress,
            String remoteHostName, int remotePort, X509Certificate[] clientCertificates) {

        /** What a request made without a connection (a unit test's) reports. */
        public static final Connection UNKNOWN = new Connection(null, null, -1, null, null, -1, null);

        public Connection {
            clientCertificates = clientCertificates == null || clientCertificates.length == 0 ? null : clientCertificates.clone();
        }
    }

    private final String method;
    private final String protocol;
    private final Map<String, List<String>> headers;
    private final URI requestUri;
    private final String queryString;
    private final Map<String, List<String>> parameters;
    private final Principal principal;
    private final Predicate<String> roles;
    private final Object httpSession;
    private final Connection connection;
    private final Locale preferredLocale;

    /**
     * @param method the HTTP method, e.g. "GET"
     * @param protocol the HTTP version, e.g. "HTTP/1.1"
     * @param headers header values by name, in any case; looked up case-insensitively
     * @param requestUri the full request URI with the ws or wss scheme
     */
    public HandshakeRequestView(String method, String protocol, Map<String, List<String>> headers, URI requestUri,
            String queryString, Map<String, List<String>> parameters, Principal principal, Predicate<String> roles,
            Object httpSession) {
        this(method, protocol, headers, requestUri, queryString, parameters, principal, roles, httpSession, Connection.UNKNOWN,
                Locale.getDefault());
    }

    /**
     * @param preferredLocale the client's first choice of its Accept-Language, or the server's
     *     default locale when it sent none (Jakarta WebSocket 2.3, {@code getPreferredLocale})
     */
    public HandshakeRequestView(String method, String protocol, Map<String, List<String>> headers, URI requestUri,
            String queryString, Map<String, List<String>> parameters, Principal principal, Predicate<String> roles,
            Object httpSession, Connection connection, Locale preferredLocale) {
        this.method = method;
        this.protocol = protocol;
        TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> byName.merge(name, List.copyOf(values), (a, b) -> {
            List<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }));
        this.headers = Collections.unmodifiableMap(byName);
        this.requestUri = requestUri;
        this.queryString = queryString;
        this.parameters = Collections.unmodifiableMap(parameters);
        this.principal = principal;
        this.roles = roles;
        this.httpSession = httpSession;
        this.connection = connection;
        this.preferredLocale = preferredLocale;
    }

    public String method() {
        return method;
    }

    public String protocol() {
        return protocol;
    }

    /** The values of a header, empty when absent. */
    public List<String> header(String name) {
        return headers.getOrDefault(name, List.of());
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public URI getRequestURI() {
        return requestUri;
    }

    @Override
    public boolean isUserInRole(String role) {
        return principal != null && roles.test(role);
    }

    @Override
    public Object getHttpSession() {
        return httpSession;
    }

    @Override
    public Map<String, List<String>> getParameterMap() {
        return parameters;
    }

    @Override
    public String getQueryString() {
        return queryString;
    }

    // ---- Jakarta WebSocket 2.3 (no @Override: these methods are not in the 2.2 interface)

    /** The client's certificate chain, its own certificate first; null when it presented none. */
    public X509Certificate[] getUserX509CertificateChain() {
        return connection.clientCertificates() == null ? null : connection.clientCertificates().clone();
    }

    public String getLocalAddress() {
        return connection.localAddress();
    }

    /**
     * The local interface's host name. When the container gave none (Tomcat's is a reverse DNS
     * lookup, which Halyard does not make for every handshake), it is looked up now, on demand.
     */
    public String getLocalHostName() {
        String name = connection.localHostName();
        if (name != null || connection.localAddress() == null) {
            return name;
        }
        try {
            return java.net.InetAddress.getByName(connection.localAddress()).getHostName();
        } catch (java.net.UnknownHostException e) {
            return connection.localAddress();
        }
    }

    public int getLocalPort() {
        return connection.localPort();
    }

    /** The client's address, or the last proxy's. */
    public String getRemoteAddress() {
        return connection.remoteAddress();
    }

    public String getRemoteHostName() {
        return connection.remoteHostName();
    }

    public int getRemotePort() {
        return connection.remotePort();
    }

    public Locale getPreferredLocale() {
        return preferredLocale;
    }
}
