// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.diagnostics;

import jakarta.websocket.Session;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * A blocking send (or ping, or pong) that waited longer than the event's threshold for its frame to
 * be written: the peer reads slowly, or others' messages were queued ahead. The duration is the
 * wait; the threshold is JFR's own setting, 100 ms unless a recording says otherwise.
 */
@Name("dev.halyard.websocket.SlowSend")
@Label("WebSocket Slow Send")
@Description("A blocking send that waited longer than the threshold for its frame to be written")
@Threshold("100 ms")
@StackTrace(true) // who sent, blocking
public final class SlowSendEvent extends SessionEvent {

    private static final EventSwitch SWITCH = new EventSwitch(SlowSendEvent.class);

    @Label("Outcome")
    @Description("written, timed out (the session is then closed) or failed")
    String outcome;

    /** Starts timing a blocking send; null when the event is off, which {@link #finish} accepts. */
    static SlowSendEvent start() {
        if (!SWITCH.isOn()) {
            return null;
        }
        SlowSendEvent event = new SlowSendEvent();
        event.begin();
        return event;
    }

    /** Ends the wait {@link #start} started, recording it when it took longer than the threshold. */
    static void finish(SlowSendEvent event, Session session, String outcome) {
        if (event == null) {
            return;
        }
        event.end();
        if (event.shouldCommit()) {
            event.of(session);
            event.outcome = outcome;
            event.commit();
        }
    }
}
