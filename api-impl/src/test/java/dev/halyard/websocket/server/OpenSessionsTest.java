// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.extension.ExtensionChain;
import dev.halyard.websocket.frame.Role;
import dev.halyard.websocket.session.Codecs;
import dev.halyard.websocket.session.HalyardSession;
import dev.halyard.websocket.session.HandshakeInfo;
import dev.halyard.websocket.session.InMemoryTransport;
import dev.halyard.websocket.session.SessionConfig;
import dev.halyard.websocket.session.Timers;
import dev.halyard.websocket.session.WebSocketConnection;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A server's open sessions are closed with 1001 when it goes away, also one that opens during the sweep. */
class OpenSessionsTest {

    public static class Quiet extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    /** The client end, which learns how the server closed. */
    static final class Peer extends Endpoint {
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed.complete(reason);
        }
    }

    private final OpenSessions openSessions = new OpenSessions();
    private ServerEndpointDefinition definition;

    @BeforeEach
    void hold() throws Exception {
        Timers.acquire(); // as a container does; the wait for closed connections polls on the timer
        definition = ServerEndpointDefinition.of(ServerEndpointConfig.Builder.create(Quiet.class, "/quiet").build());
    }

    @AfterEach
    void release() {
        Timers.release();
    }

    @Test
    void goingAwayClosesEveryOpenSessionWith1001AndWaitsForTheirConnections() throws Exception {
        Peer first = new Peer();
        Peer second = new Peer();
        HalyardSession one = openServerSessionWith(first);
        HalyardSession two = openServerSessionWith(second);
        assertThat(openSessions.all()).containsExactlyInAnyOrder(one, two);

        CompletableFuture<Void> connectionsClosed = openSessions.goAwayAndAwait(() -> false);

        assertThat(first.closed.get(10, TimeUnit.SECONDS).getCloseCode()).isEqualTo(CloseReason.CloseCodes.GOING_AWAY);
        assertThat(second.closed.get(10, TimeUnit.SECONDS).getCloseCode()).isEqualTo(CloseReason.CloseCodes.GOING_AWAY);
        connectionsClosed.get(10, TimeUnit.SECONDS);
        assertThat(one.isConnectionClosed()).isTrue();
        assertThat(two.isConnectionClosed()).isTrue();
    }

    @Test
    void aSessionThatOpensAfterTheSweepIsClosedByItsOpener() throws Exception {
        assertThat(openSessions.goAway()).isEmpty();
        Peer late = new Peer();

        HalyardSession session = openServerSessionWith(late);
        openSessions.closeIfGoingAway(session);

        assertThat(late.closed.get(10, TimeUnit.SECONDS).getCloseCode()).isEqualTo(CloseReason.CloseCodes.GOING_AWAY);
    }

    @Test
    void theWaitEndsAtOnceWhenTheContainerHasStopped() throws Exception {
        openServerSessionWith(new Peer());

        assertThat(openSessions.goAwayAndAwait(() -> true)).isCompleted();
    }

    /** A server session of {@link #definition} joined to {@link #openSessions}, wired in memory to {@code peer}. */
    private HalyardSession openServerSessionWith(Peer peer) throws Exception {
        InMemoryTransport[] ends = InMemoryTransport.pair(64 * 1024);
        ExtensionChain none = new ExtensionChain(List.of());
        URI uri = URI.create("ws://localhost/quiet");
        SessionConfig settings = SessionConfig.defaults();
        HalyardSession server = new HalyardSession(new WebSocketConnection(ends[1], Role.SERVER, none, settings.maxSendBacklogBytes()),
                new Quiet(), definition.config(), new HandshakeInfo(null, uri, Map.of(), null, Map.of(), null, "", List.of(),
                        Map.of(), openSessions.of(definition)), settings, Codecs.BUILT_IN);
        HalyardSession client = new HalyardSession(new WebSocketConnection(ends[0], Role.CLIENT, none, settings.maxSendBacklogBytes()),
                peer, ClientEndpointConfig.Builder.create().build(), new HandshakeInfo(null, uri, Map.of(), null, Map.of(), null,
                        "", List.of(), Map.of(), ConcurrentHashMap.newKeySet()), settings, Codecs.BUILT_IN);
        server.open();
        client.open();
        return server;
    }

    @Test
    void definitionsOfOnePathShareOneSetSoPerCallUpgradesAddNoEntries() throws Exception {
        // upgradeHttpToWebSocket makes a definition per call; a set per definition would never leave the map
        ServerEndpointDefinition again = ServerEndpointDefinition.of(ServerEndpointConfig.Builder.create(Quiet.class, "/quiet").build());
        ServerEndpointDefinition other = ServerEndpointDefinition.of(ServerEndpointConfig.Builder.create(Quiet.class, "/other").build());
        assertThat(openSessions.of(again)).isSameAs(openSessions.of(definition));
        assertThat(openSessions.of(other)).isNotSameAs(openSessions.of(definition));
    }
}
