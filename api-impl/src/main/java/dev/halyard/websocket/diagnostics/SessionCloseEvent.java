// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.diagnostics;

import jakarta.websocket.Session;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/**
 * A session closed: once per session, as its endpoint is told {@code onClose}, with what it is
 * told. An instant event: the session's life is the {@code lifetime} field, since it began before
 * this event could.
 */
@Name("dev.halyard.websocket.SessionClose")
@Label("WebSocket Session Close")
@Description("A WebSocket session closed: the code and reason its endpoint heard, who closed it, how long it lived")
public final class SessionCloseEvent extends SessionEvent {

    private static final EventSwitch SWITCH = new EventSwitch(SessionCloseEvent.class);

    @Label("Close Code")
    @Description("The code onClose heard: the peer's or the application's, 1006 when the container closed or the connection was lost")
    int code;

    @Label("Reason")
    String reason;

    @Label("Closed By")
    @Description("application, peer, container or connection lost")
    String closedBy;

    @Label("Lifetime")
    @Description("How long the session was open")
    @Timespan(Timespan.NANOSECONDS)
    long lifetime;

    /**
     * Records {@code session} closing, when the event is on.
     *
     * @param openedNanos {@link System#nanoTime()} when it opened
     */
    static void emit(Session session, int code, String reason, ClosedBy closedBy, long openedNanos) {
        if (!SWITCH.isOn()) {
            return;
        }
        SessionCloseEvent event = new SessionCloseEvent();
        if (event.shouldCommit()) {
            event.of(session);
            event.code = code;
            event.reason = reason;
            event.closedBy = closedBy.toString();
            event.lifetime = System.nanoTime() - openedNanos;
            event.commit();
        }
    }
}
