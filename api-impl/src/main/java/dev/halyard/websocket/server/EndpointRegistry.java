// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.server;

import jakarta.websocket.DeploymentException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The endpoints of a container by path, matched as Jakarta WebSocket 2.2 §3.1.1 says: only paths
 * with the request's number of segments, an exact path first, then the template that is best
 * comparing segment by segment from the left, a literal segment beating a variable.
 *
 * <p>The spec describes a left-to-right filter that keeps, at each segment, the literal matches if
 * there are any: with {@code /a/b/c} and {@code /a/{v}/d}, it finds nothing for {@code /a/b/d}.
 * Choosing the best of all templates that match the whole request gives the same answer whenever
 * the filter finds one, and also serves {@code /a/b/d}, as users expect.
 *
 * <p>Lookups are lock-free and allocate only the decoded segments and the parameter map.
 */
public final class EndpointRegistry<T> {

    /** A match: the endpoint, its path, and the path parameters decoded from the request. */
    public record Match<T>(T endpoint, UriTemplate template, Map<String, String> pathParameters) {
    }

    private record Entry<T>(UriTemplate template, T endpoint, String description) {
    }

    /** Exact paths by their decoded segments (a list, so a decoded "%2F" cannot pass for a separator). */
    private final Map<List<String>, Entry<T>> exact = new ConcurrentHashMap<>();
    /** Templates by segment count. */
    private final Map<Integer, List<Entry<T>>> templates = new ConcurrentHashMap<>();
    private final List<Entry<T>> all = new CopyOnWriteArrayList<>();

    /** @throws DeploymentException when the path equals, or is equivalent to, one already registered */
    public synchronized void add(UriTemplate template, T endpoint, String description) throws DeploymentException {
        for (Entry<T> existing : all) {
            if (existing.template().isEquivalentTo(template)) {
                throw new DeploymentException("Endpoint " + description + " at \"" + template.path() + "\" has the same path as "
                        + existing.description() + " at \"" + existing.template().path() + "\": two endpoints may not share "
                        + "a path or an equivalent template (Jakarta WebSocket 2.2 §3.1.1)");
            }
        }
        Entry<T> entry = new Entry<>(template, endpoint, description);
        if (template.isTemplate()) {
            templates.computeIfAbsent(template.segmentCount(), count -> new CopyOnWriteArrayList<>()).add(entry);
        } else {
            exact.put(normalizedKey(template), entry);
        }
        all.add(entry);
    }

    /** Takes every endpoint out of service. */
    public synchronized void clear() {
        exact.clear();
        templates.clear();
        all.clear();
    }

    /** The endpoint for a raw request path (no query), or null. Malformed paths match nothing. */
    public Match<T> match(String requestPath) {
        String[] segments = segments(requestPath);
        return segments == null ? null : matchDecoded(segments);
    }

    /**
     * The endpoint for a path already split into decoded segments (the container's normalized
     * path, see {@link RequestPath}), or null. Nothing is decoded again.
     */
    public Match<T> matchDecoded(String[] segments) {
        Entry<T> literal = exact.get(Arrays.asList(segments));
        if (literal != null) {
            return new Match<>(literal.endpoint(), literal.template(), Map.of());
        }
        Entry<T> best = null;
        Map<String, String> bestParameters = null;
        for (Entry<T> candidate : templates.getOrDefault(segments.length, List.of())) {
            Map<String, String> parameters = candidate.template().match(segments);
            if (parameters != null && (best == null || isBetter(candidate.template(), best.template()))) {
                best = candidate;
                bestParameters = parameters;
            }
        }
        return best == null ? null : new Match<>(best.endpoint(), best.template(), Collections.unmodifiableMap(bestParameters));
    }

    /** At the first segment where they differ, a literal beats a variable. */
    private static boolean isBetter(UriTemplate candidate, UriTemplate current) {
        for (int i = 0; i < candidate.segmentCount(); i++) {
            boolean candidateLiteral = candidate.literal(i) != null;
            boolean currentLiteral = current.literal(i) != null;
            if (candidateLiteral != currentLiteral) {
                return candidateLiteral;
            }
        }
        return false;
    }

    public List<T> endpoints() {
        List<T> endpoints = new ArrayList<>();
        all.forEach(entry -> endpoints.add(entry.endpoint()));
        return endpoints;
    }

    private static List<String> normalizedKey(UriTemplate template) {
        String[] literals = new String[template.segmentCount()];
        for (int i = 0; i < literals.length; i++) {
            literals[i] = template.literal(i);
        }
        return Arrays.asList(literals);
    }

    /** A raw path's segments, each percent-decoded as UTF-8; null when it is not a path or is malformed. */
    static String[] segments(String requestPath) {
        if (requestPath == null || requestPath.isEmpty() || requestPath.charAt(0) != '/') {
            return null;
        }
        String[] segments = requestPath.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            segments[i] = UriTemplate.decode(segments[i]);
            if (segments[i] == null) {
                return null;
            }
        }
        return segments;
    }
}
