// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.diagnostics;

import jakarta.websocket.Session;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** The peer broke a rule of RFC 6455 (or a message limit): the session is closed with the code recorded. */
@Name("dev.halyard.websocket.ProtocolError")
@Label("WebSocket Protocol Error")
@Description("The peer broke a protocol rule or a message limit; the session is closed with this code")
public final class ProtocolErrorEvent extends SessionEvent {

    private static final EventSwitch SWITCH = new EventSwitch(ProtocolErrorEvent.class);

    @Label("Close Code")
    @Description("1002 protocol error, 1007 invalid data, 1009 message too big...")
    int code;

    @Label("Reason")
    @Description("The rule broken, as sent in the close frame")
    String reason;

    /** Records a protocol error on {@code session}, when the event is on. */
    static void emit(Session session, int code, String reason) {
        if (!SWITCH.isOn()) {
            return;
        }
        ProtocolErrorEvent event = new ProtocolErrorEvent();
        if (event.shouldCommit()) {
            event.of(session);
            event.code = code;
            event.reason = reason;
            event.commit();
        }
    }
}
