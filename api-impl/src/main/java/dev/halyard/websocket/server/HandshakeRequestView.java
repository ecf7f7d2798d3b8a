package dev.halyard.websocket.server;

import jakarta.websocket.server.HandshakeRequest;
import java.net.URI;
import java.security.Principal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The opening handshake request as the container saw it, independent of the servlet API: what
 * {@code Configurator.modifyHandshake} and the new session read.
 */
public final class HandshakeRequestView implements HandshakeRequest {

    private final String method;
    private final String protocol;
    private final Map<String, List<String>> headers;
    private final URI requestUri;
    private final String queryString;
    private final Map<String, List<String>> parameters;
    private final Principal principal;
    private final Predicate<String> roles;
    private final Object httpSession;

    /**
     * @param method the HTTP method, e.g. "GET"
     * @param protocol the HTTP version, e.g. "HTTP/1.1"
     * @param headers header values by name, in any case; looked up case-insensitively
     * @param requestUri the full request URI with the ws or wss scheme
     */
    public HandshakeRequestView(String method, String protocol, Map<String, List<String>> headers, URI requestUri,
            String queryString, Map<String, List<String>> parameters, Principal principal, Predicate<String> roles,
            Object httpSession) {
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
}
