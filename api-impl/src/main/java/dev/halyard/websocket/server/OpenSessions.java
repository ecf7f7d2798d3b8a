// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.server;

import dev.halyard.websocket.frame.CloseStatus;
import dev.halyard.websocket.session.HalyardSession;
import dev.halyard.websocket.session.Timers;
import jakarta.websocket.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The open sessions of a server container, a live set per endpoint path (what each session's
 * {@code getOpenSessions} reads), and their closing with 1001 when the server goes away. Sets are
 * kept by path, not by definition: {@code upgradeHttpToWebSocket} makes a definition per call, and
 * a set per call would stay in the map for good.
 *
 * <p>A session joins its endpoint's set as it opens, then asks {@link #closeIfGoingAway}; the sweep
 * raises the going-away flag before it reads the sets. So a session that opens during a sweep is
 * closed either by the sweep or by its opener.
 */
final class OpenSessions {

    private static final String GOING_AWAY_REASON = "The server is shutting down";

    private final Map<String, Set<Session>> byEndpoint = new ConcurrentHashMap<>();
    /** Set before the open sessions are swept with 1001, and never cleared. */
    private volatile boolean goingAway;

    /** The live set of {@code definition}'s open sessions; each session adds and removes itself. */
    Set<Session> of(ServerEndpointDefinition definition) {
        return byEndpoint.computeIfAbsent(definition.path().path(), p -> ConcurrentHashMap.newKeySet());
    }

    /** Closes {@code session}, which has just joined its set, with 1001 if the server is going away meanwhile. */
    void closeIfGoingAway(HalyardSession session) {
        if (goingAway) {
            session.closeByContainer(CloseStatus.GOING_AWAY, GOING_AWAY_REASON);
        }
    }

    /** Every open session of every endpoint. */
    List<Session> all() {
        List<Session> all = new ArrayList<>();
        byEndpoint.values().forEach(all::addAll);
        return all;
    }

    /** Closes every open session with 1001, and every session that opens from now on; returns those it closed. */
    List<HalyardSession> goAway() {
        goingAway = true;
        List<HalyardSession> closing = new ArrayList<>();
        for (Session session : all()) {
            HalyardSession halyard = (HalyardSession) session;
            halyard.closeByContainer(CloseStatus.GOING_AWAY, GOING_AWAY_REASON);
            closing.add(halyard);
        }
        return closing;
    }

    /**
     * As {@link #goAway}, then completes once each of those connections is closed, its close
     * handshake done or timed out; at once when {@code stopped} says the container has shut down.
     */
    CompletableFuture<Void> goAwayAndAwait(BooleanSupplier stopped) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        awaitConnectionsClosed(goAway(), closed, stopped);
        return closed;
    }

    private static void awaitConnectionsClosed(List<HalyardSession> closing, CompletableFuture<Void> closed,
            BooleanSupplier stopped) {
        closing.removeIf(HalyardSession::isConnectionClosed);
        if (closing.isEmpty() || stopped.getAsBoolean()
                || !Timers.scheduleWhileHeld(() -> awaitConnectionsClosed(closing, closed, stopped), 10, TimeUnit.MILLISECONDS)) {
            closed.complete(null);
        }
    }
}
