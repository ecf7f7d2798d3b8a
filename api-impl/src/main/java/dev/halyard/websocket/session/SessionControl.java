// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.diagnostics.ClosedBy;
import dev.halyard.websocket.diagnostics.FlightEvents;
import dev.halyard.websocket.diagnostics.WarnOnce;
import dev.halyard.websocket.frame.CloseStatus;
import dev.halyard.websocket.frame.ProtocolException;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * What happens to a session, from opening to its one {@code onClose}: the events of its
 * connection, and closes from the application, the peer and the container. Each close goes to
 * the {@link SessionLifecycle}, which decides; this class carries out its steps, in its order.
 * The timers that close a session (idle timeout, keepalive) live here too.
 *
 * <p>Closing, on every path, ends with exactly one {@code onClose}: after the peer's close frame
 * (its code and reason, Jakarta WebSocket 2.2 §2.1.5), after {@code Session.close} (the reason
 * given), and after a close the container starts (idle timeout, protocol error, lost connection),
 * which reports 1006 with a reason while the peer is sent the real code.
 */
final class SessionControl implements WebSocketConnection.Events {

    private static final System.Logger LOG = System.getLogger(HalyardSession.class.getName());
    private static final WarnOnce WARNINGS = new WarnOnce(LOG);

    private final Session session;
    private final WebSocketConnection connection;
    private final Endpoint endpoint;
    private final HandshakeInfo handshake;
    private final Runnable destroyCoders;
    private final long closeHandshakeTimeoutMillis;
    private final SessionLifecycle lifecycle;
    private final ApplicationCalls calls;
    private final InboundMessages inbound;
    private final SessionStatistics statistics;
    private final IdleTimeout idleTimeout;
    /** Null when keepalive is off. */
    private final KeepAlive keepAlive;
    /** When the session was made, just before it opens: its age and lifetime count from here. */
    private final long openedNanos = System.nanoTime();

    SessionControl(Session session, WebSocketConnection connection, Endpoint endpoint, HandshakeInfo handshake,
            SessionConfig settings, Runnable destroyCoders, SessionLifecycle lifecycle, ApplicationCalls calls,
            InboundMessages inbound) {
        this.session = session;
        this.connection = connection;
        this.endpoint = endpoint;
        this.handshake = handshake;
        this.destroyCoders = destroyCoders;
        this.closeHandshakeTimeoutMillis = settings.closeHandshakeTimeoutMillis();
        this.lifecycle = lifecycle;
        this.calls = calls;
        this.inbound = inbound;
        this.statistics = connection.statistics();
        this.idleTimeout = new IdleTimeout(connection, settings.maxIdleTimeoutMillis(), lifecycle::isOpen,
                timeout -> containerCloses(CloseStatus.GOING_AWAY, "Idle timeout",
                        "The session was idle for more than its timeout of " + timeout + " ms", false));
        long keepAliveTimeout = settings.keepAliveTimeoutMillis();
        this.keepAlive = settings.keepAliveIntervalMillis() <= 0 ? null : new KeepAlive(connection,
                settings.keepAliveIntervalMillis(), keepAliveTimeout, () -> containerCloses(CloseStatus.GOING_AWAY,
                        "Keepalive timeout", "The peer did not answer a keepalive ping within " + keepAliveTimeout + " ms", true));
    }

    IdleTimeout idleTimeout() {
        return idleTimeout;
    }

    /** Calls {@code onOpen}, starts the timers, runs {@code beforeReading}, then starts reading. */
    void open(EndpointConfig config, Runnable beforeReading) {
        handshake.openSessions().add(session);
        statistics.countOpened();
        FlightEvents.sessionOpened(session);
        LOG.log(System.Logger.Level.DEBUG, () -> "Opened " + session);
        calls.invoke(() -> endpoint.onOpen(session, config));
        idleTimeout.start();
        if (keepAlive != null) {
            keepAlive.start();
        }
        beforeReading.run();
        connection.start(this);
    }

    // ---- events from the connection (the read loop's thread)

    @Override
    public void onDataFrame(int opcode, boolean fin, ByteBuffer payload, boolean frameEnd) throws ProtocolException {
        inbound.onDataFrame(opcode, fin, payload, frameEnd);
    }

    @Override
    public void onPong(ByteBuffer payload) {
        if (keepAlive != null && keepAlive.isOwnPong(payload)) {
            return; // the container's own keepalive: not the application's
        }
        inbound.onPong(payload);
    }

    @Override
    public void onCloseFrame(int code, String reason) {
        carryOut(lifecycle.peerCloses(code, reason), ClosedBy.PEER, "The peer closed the session",
                new IOException("The session is closed"), null);
    }

    @Override
    public void onProtocolError(ProtocolException error) {
        statistics.countProtocolError(error.closeCode());
        FlightEvents.protocolError(session, error.closeCode(), error.closeReason());
        LOG.log(System.Logger.Level.DEBUG, () -> "Protocol error, closing with " + error.closeCode() + ": " + error.getMessage()
                + "; " + session);
        // The endpoint hears the code and reason sent (1002, 1007, 1009...), not 1006 (COMPATIBILITY.md C3).
        containerCloses(error.closeCode(), error.closeReason(), error.closeCode(), error.closeReason(), true);
    }

    @Override
    public void onConnectionLost(IOException error) {
        String reason = error == null ? "The connection closed without a close frame" : truncate("Connection error: " + error.getMessage());
        carryOut(lifecycle.connectionLost(error != null, reason), ClosedBy.CONNECTION_LOST, "The connection was lost",
                error == null ? new IOException("The connection was closed") : error, error);
    }

    @Override
    public void onSendsStuck(long refusedForMillis) {
        // The peer does not read: its messages are refused and would stay so. Close it with a code it
        // can understand; the close frame itself may not get through, which the close-frame wait handles.
        containerCloses(CloseStatus.VIOLATED_POLICY, "The peer does not read its messages",
                "Asynchronous sends to the peer were refused for more than " + refusedForMillis + " ms: it does not read", false);
    }

    // ---- closes

    /** {@code Session.close}: the peer gets {@code code} and {@code reason}, and so does onClose. */
    void applicationCloses(int code, String reason) {
        carryOut(lifecycle.applicationCloses(code, reason), ClosedBy.APPLICATION, "The session was closed",
                new IOException("The session is closed"), null);
    }

    /**
     * A close the container starts: the peer gets {@code wireCode}, the endpoint sees 1006 with
     * {@code localReason} (Jakarta WebSocket 2.2 §2.1.5).
     *
     * @param dropAfterSend whether to drop the connection as soon as the close frame is out,
     *     without waiting for the peer's (after a protocol error nothing more can be read)
     */
    void containerCloses(int wireCode, String wireReason, String localReason, boolean dropAfterSend) {
        containerCloses(wireCode, wireReason, CloseStatus.CLOSED_ABNORMALLY, localReason, dropAfterSend);
    }

    /** As above, the endpoint seeing {@code localCode} and {@code localReason}. */
    private void containerCloses(int wireCode, String wireReason, int localCode, String localReason, boolean dropAfterSend) {
        carryOut(lifecycle.containerCloses(wireCode, wireReason, localCode, truncate(localReason), dropAfterSend),
                ClosedBy.CONTAINER, localReason, new IOException(localReason), null);
    }

    /**
     * Carries out what the lifecycle decided, in its order.
     *
     * @param closedBy who closed, for the close event and the log line
     * @param why what a stream handler waiting for the rest of a message is told
     * @param dropReason what frames still queued when the connection is dropped fail with
     * @param error what onError hears, when the steps say to report it
     */
    private void carryOut(SessionLifecycle.Steps steps, ClosedBy closedBy, String why, IOException dropReason, IOException error) {
        if (steps.abortMessage()) {
            inbound.abortMessage(why);
        }
        if (steps.dropNow()) {
            connection.closeTransport(dropReason);
        }
        if (steps.send() != null) {
            connection.sendClose(steps.send().code(), steps.send().reason(), closeHandshakeTimeoutMillis,
                    steps.afterSend() == SessionLifecycle.AfterSend.DROP ? () -> connection.closeTransport(dropReason) : this::awaitPeerClose);
        }
        if (steps.reportError()) {
            calls.reportError(error);
        }
        if (steps.tell()) {
            // Counted by the code of the close frame that closed the session, ours or the peer's; 1006 without one.
            statistics.countClosed(steps.send() != null ? steps.send().code() : steps.closeCode());
            notifyClose(new CloseReason(CloseReason.CloseCodes.getCloseCode(steps.closeCode()), steps.closeReason()), closedBy);
        }
    }

    /** After our close frame is out: give the peer a while to answer, then drop the connection. */
    private void awaitPeerClose() {
        if (connection.isClosed()) {
            return;
        }
        Timers.schedule(() -> connection.closeTransport(new IOException("The peer did not answer the close frame within "
                + closeHandshakeTimeoutMillis + " ms")), closeHandshakeTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Tells the endpoint (once: the lifecycle says so only when the session leaves OPEN); leaves the open sessions first. */
    private void notifyClose(CloseReason reason, ClosedBy closedBy) {
        idleTimeout.stop();
        if (keepAlive != null) {
            keepAlive.stop();
        }
        handshake.openSessions().remove(session);
        FlightEvents.sessionClosed(session, reason.getCloseCode().getCode(), reason.getReasonPhrase(), closedBy, openedNanos);
        calls.invoke(() -> endpoint.onClose(session, reason));
        lifecycle.ended();
        LOG.log(System.Logger.Level.DEBUG, () -> "Closed by " + closedBy + ", " + reason.getCloseCode().getCode()
                + (reason.getReasonPhrase().isEmpty() ? "" : " " + reason.getReasonPhrase()) + ": " + session);
        try {
            destroyCoders.run();
        } catch (RuntimeException e) {
            WARNINGS.log("destroy coders " + e.getClass().getName(), "Destroying the coders failed; " + session, e);
        }
    }

    /** The session as an operator's list shows it. */
    SessionSnapshot snapshot() {
        long now = System.nanoTime();
        return new SessionSnapshot(session.getId(), connection.transport().remoteAddress(), TimeUnit.NANOSECONDS.toMillis(now - openedNanos),
                TimeUnit.NANOSECONDS.toMillis(now - connection.lastActivityNanos()), connection.sends().unsentBytes(),
                handshake.extensions(), handshake.subprotocol());
    }

    private static String truncate(String reason) {
        return new ProtocolException(0, reason).closeReason();
    }

    /** The close state, how long the session has been idle, and its timers. */
    @Override
    public String toString() {
        return lifecycle + ", idle " + (System.nanoTime() - connection.lastActivityNanos()) / 1_000_000 + " ms (" + idleTimeout
                + ")" + (keepAlive == null ? "" : ", " + keepAlive);
    }
}
