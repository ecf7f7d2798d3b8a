// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.diagnostics;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * An opening handshake, accepted or refused, timed from the request to the decision: on the
 * server from the filter seeing the upgrade request to the 101 or the refusal; on the client, the
 * whole connect (TCP, proxy, TLS, redirects, the upgrade).
 */
@Name("dev.halyard.websocket.Handshake")
@Label("WebSocket Handshake")
@Description("An opening handshake, accepted (101) or refused, and how long it took")
@Category({"Halyard", "WebSocket"})
@StackTrace(false)
public final class HandshakeEvent extends Event {

    private static final EventSwitch SWITCH = new EventSwitch(HandshakeEvent.class);

    @Label("Path")
    @Description("The request path (on the client, the path of the URI connected to)")
    String path;

    @Label("Status")
    @Description("101 when upgraded, else the refusal's HTTP status; 0 when the client got no answer")
    int status;

    @Label("Endpoint")
    @Description("The endpoint class, or \"none\" when no endpoint is deployed at the path")
    String endpoint;

    @Label("Reason")
    @Description("Why the handshake was refused; empty when it was accepted")
    String reason;

    @Label("Client Side")
    @Description("Whether Halyard was the client of this handshake")
    boolean client;

    /** Starts timing a handshake; null when the event is off, which {@link #finish} accepts. */
    static HandshakeEvent start() {
        if (!SWITCH.isOn()) {
            return null;
        }
        HandshakeEvent event = new HandshakeEvent();
        event.begin();
        return event;
    }

    /**
     * Ends the handshake {@link #start} started, recording it when it qualifies.
     *
     * @param endpoint the endpoint class, or null for none
     * @param reason why it was refused, or null when accepted
     */
    static void finish(HandshakeEvent event, boolean client, String path, int status, Class<?> endpoint, String reason) {
        if (event == null) {
            return;
        }
        event.end();
        if (event.shouldCommit()) {
            event.client = client;
            event.path = path;
            event.status = status;
            event.endpoint = endpoint == null ? "none" : endpoint.getName();
            event.reason = reason == null ? "" : reason;
            event.commit();
        }
    }
}
