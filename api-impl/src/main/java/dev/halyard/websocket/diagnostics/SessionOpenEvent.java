// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.diagnostics;

import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A session opened, before its endpoint's {@code onOpen}. */
@Name("dev.halyard.websocket.SessionOpen")
@Label("WebSocket Session Open")
@Description("A WebSocket session opened, with what its handshake agreed")
public final class SessionOpenEvent extends SessionEvent {

    private static final EventSwitch SWITCH = new EventSwitch(SessionOpenEvent.class);

    @Label("Subprotocol")
    @Description("The negotiated subprotocol; empty for none")
    String subprotocol;

    @Label("Extensions")
    @Description("The negotiated extensions, by name, comma-separated")
    String extensions;

    /** Records {@code session} opening, when the event is on. */
    static void emit(Session session) {
        if (!SWITCH.isOn()) {
            return;
        }
        SessionOpenEvent event = new SessionOpenEvent();
        if (event.shouldCommit()) {
            event.of(session);
            event.subprotocol = session.getNegotiatedSubprotocol();
            StringBuilder names = new StringBuilder();
            for (Extension extension : session.getNegotiatedExtensions()) {
                names.append(names.length() == 0 ? "" : ", ").append(extension.getName());
            }
            event.extensions = names.toString();
            event.commit();
        }
    }
}
